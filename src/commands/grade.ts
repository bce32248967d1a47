import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { DEFAULT_TIMEOUT_SECONDS, parseTimeoutSeconds } from '../grader/grade-options.js';
import { colorEnabled } from '../util/color.js';
import { EXIT_FAILED, EXIT_OK, UserError } from '../util/errors.js';
import type { ProviderChoice } from '../vault/provider.js';
import { vaultBinaryOption, vaultOption } from './options.js';

/**
 * `secrets-workbook grade <challenge> [dir]`: grade a program against a fresh Vault. Plain text
 * (coloured as util/color.ts decides), or `--json` (the report contract in grader/report.ts),
 * `--junit FILE` for CI; exit 0 passed, 1 failed, 2 could not grade.
 */
interface GradeFlags {
  cmd?: string;
  vault: ProviderChoice;
  vaultBinary?: string;
  timeout: number;
  json?: boolean;
  junit?: string;
  watch?: boolean;
  poll?: boolean;
  progress: boolean;
  output: boolean;
  submit?: boolean;
}

export function registerGrade(program: Command): void {
  program
    .command('grade')
    .description('grade your program for a challenge against a fresh, isolated Vault')
    .argument('<challenge>', 'challenge id, e.g. approle (`secrets-workbook list` shows them all)')
    .argument('[dir]', 'the folder of your program', '.')
    .option('--cmd <command>', 'what to run, instead of the detected command')
    .addOption(vaultOption('which Vault to grade against'))
    .addOption(vaultBinaryOption())
    .addOption(
      new Option('--timeout <seconds>', 'stop the program after this many seconds')
        .argParser(parseTimeoutSeconds)
        .default(DEFAULT_TIMEOUT_SECONDS),
    )
    .option('--json', 'print the report as one JSON object')
    .option('--junit <file>', 'also write a JUnit XML report to this file')
    .option('--watch', 'grade again whenever a file in the folder changes')
    .option('--poll', 'with --watch: poll for changes instead of waiting for file events')
    .option('--no-progress', 'do not record this grade in your course progress')
    .option('--no-output', "do not show the program's output")
    .option('--submit', 'send the result to the class Vault with your own credentials (classroom join)')
    .action(async (challenge: string, dir: string, flags: GradeFlags) => {
      const timeoutSeconds = flags.timeout;
      if (flags.watch && flags.json)
        throw new UserError('--watch and --json do not go together: --json prints one report');
      if (flags.poll && !flags.watch) throw new UserError('--poll only makes sense with --watch');
      const folder = resolve(dir);
      const once = () => gradeOnce(challenge, folder, timeoutSeconds, flags);
      if (!flags.watch) {
        process.exitCode = (await once()) ? EXIT_OK : EXIT_FAILED;
        return;
      }
      await watchLoop(folder, once, flags);
    });
}

async function gradeOnce(challenge: string, dir: string, timeoutSeconds: number, flags: GradeFlags): Promise<boolean> {
  const [{ gradeChallenge }, { createPlainReporter }, { toJunit, toJunitError }, { writeFile }] = await Promise.all([
    import('../grader/index.js'),
    import('../grader/reporters/plain.js'),
    import('../grader/reporters/junit.js'),
    import('node:fs/promises'),
  ]);
  // With --json, stdout carries the JSON object only; the running commentary goes to stderr.
  const out = flags.json ? process.stderr : process.stdout;
  const color = colorEnabled(process.env, out);
  const reporter = createPlainReporter({ write: (text) => out.write(text), color, showOutput: flags.output });
  // Said with the first event, once the challenge and the folder are known good: bad input is one line.
  let announced = false;
  let report;
  try {
    report = await gradeChallenge({
      challengeId: challenge,
      dir,
      cmd: flags.cmd,
      vault: flags.vault,
      vaultBinary: flags.vaultBinary,
      timeoutSeconds,
      onEvent: (event) => {
        if (!announced) out.write(`grading ${challenge} in ${dir}\n`);
        announced = true;
        // With --json the checks come in the object; only the commentary goes to stderr.
        if (flags.json && (event.type === 'check-done' || event.type === 'finished')) return;
        reporter(event);
      },
    });
  } catch (error) {
    if (flags.junit)
      await writeFile(flags.junit, toJunitError(challenge, (error as Error).message)).catch(() => undefined);
    throw error;
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (flags.junit) {
    try {
      await writeFile(flags.junit, toJunit(report));
    } catch (error) {
      throw new UserError(`could not write the JUnit report to ${flags.junit}: ${(error as Error).message}`);
    }
  }
  const attempts = flags.progress ? await recordProgress(report, dir, out) : undefined;
  if (flags.submit) {
    const { submitToClass, describeSubmission } = await import('../classroom/submit.js');
    out.write(`${describeSubmission(await submitToClass(report, { localAttempts: attempts }))}\n`);
  }
  return report.passed;
}

/** Record the grade; the number of attempts so far, when the progress file could be written. */
async function recordProgress(
  report: import('../grader/report.js').GradeReport,
  dir: string,
  out: NodeJS.WriteStream,
): Promise<number | undefined> {
  const [{ ProgressStore, challengeEntry }, { recordProgress }] = await Promise.all([
    import('../course/progress.js'),
    import('../course/progress-rules.js'),
  ]);
  try {
    const progress = await recordProgress(new ProgressStore(), { type: 'graded', outcome: report, dir });
    return challengeEntry(progress, report.challenge).attempts;
  } catch (error) {
    // Progress is a convenience: a read-only home must not turn a graded run into an error.
    out.write(`note: could not record the result in your progress (${(error as Error).message})\n`);
    return undefined;
  }
}

async function watchLoop(dir: string, once: () => Promise<boolean>, flags: GradeFlags): Promise<void> {
  const { watchFolder } = await import('../util/watch-folder.js');
  let changed: string | undefined;
  let wake: (() => void) | undefined;
  const watcher = await watchFolder(
    dir,
    (path) => {
      changed ??= path;
      wake?.();
    },
    { poll: flags.poll, onNotice: (message) => process.stdout.write(`${message}\n`) },
  );
  const { registerCleanup } = await import('../util/cleanup.js');
  registerCleanup(() => watcher.close());
  for (;;) {
    changed = undefined;
    try {
      await once();
    } catch (error) {
      // In watch mode a grade that could not run (no command yet, say) waits for the next change.
      process.stdout.write(`could not grade: ${(error as Error).message.split('\n')[0]}\n`);
    }
    process.stdout.write(
      `\nwatching ${dir} for changes (${watcher.mode === 'polling' ? 'polling' : 'file events'}); Ctrl-C to stop\n`,
    );
    // The watcher calls back once a burst of saves has settled.
    if (changed === undefined) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
    process.stdout.write(`\n${changed ?? 'a file'} changed: grading again\n`);
  }
}
