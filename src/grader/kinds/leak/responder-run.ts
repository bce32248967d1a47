import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { packageRoot } from '../../../util/package-info.js';
import { shellQuote } from '../../../util/shell.js';
import type { GradeContext } from '../../challenge-kind.js';
import type { Verdict } from '../../planned-checks.js';
import { OutputCollector } from '../../program/output.js';
import { LineRedactor } from '../../program/output-redactor.js';
import { programEnvironment } from '../../program/environment.js';
import type { OutputStream, RunResult } from '../../program/run-program.js';
import type { KnownSecret, LeakFinding } from '../../scanner-port.js';
import { missingDependencyHint } from '../vault-app/program-checks.js';

/**
 * One run of the learner's leak responder, through the same LearnerProgram as every program
 * (minimal environment, own process group, timeout), with VAULT_ADDR, its own VAULT_TOKEN,
 * LEAK_REPO, and `secrets-workbook` on PATH (a two-line shim calling this very CLI) so that
 * `secrets-workbook hook install` works as the README says.
 *
 * Its output is kept, not shown live: the new key it writes is only known once it has run, so the
 * output is replayed afterwards through the leak detector with both keys, and only then shown,
 * redacted (as the mini project's setup script's output is). What is kept is bounded; a program
 * that prints more than that fails `no-leak` rather than having the rest go unchecked.
 */
const MAX_KEPT_OUTPUT = 1024 * 1024;

export interface ResponderRun {
  result?: RunResult;
  buildFailure?: string;
  chunks: Array<{ stream: OutputStream; text: string }>;
  overflow: boolean;
}

export interface ResponderOutput {
  exit: Verdict;
  leaks: LeakFinding[];
  overflow: boolean;
}

export async function writeCliShim(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const cli = join(packageRoot, 'dist', 'cli.js');
  const shim = join(dir, 'secrets-workbook');
  await writeFile(shim, `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(cli)} "$@"\n`);
  await chmod(shim, 0o755);
  return dir;
}

export async function runResponder(
  context: GradeContext,
  variables: Record<string, string>,
  shimDir: string,
): Promise<ResponderRun> {
  const { program } = context;
  const run: ResponderRun = { chunks: [], overflow: false };
  const build = await program.build();
  if (build && !build.ok) return { ...run, buildFailure: build.message };
  const path = programEnvironment(undefined, { pathPrefix: program.plan.pathPrefix }).PATH ?? '';
  context.emit({ type: 'status', message: `running: ${program.plan.command} (timeout ${context.timeoutSeconds} s)` });
  let kept = 0;
  const running = program.start({
    variables: { ...variables, PATH: [shimDir, path].join(delimiter) },
    onOutput: (stream, text) => {
      if (kept + text.length > MAX_KEPT_OUTPUT) {
        run.overflow = true;
        return;
      }
      kept += text.length;
      run.chunks.push({ stream, text });
    },
  });
  run.result = await running.result;
  return run;
}

/** The kept output through the leak detector with every value now known, then shown redacted. */
export function replayOutput(
  context: GradeContext,
  run: ResponderRun,
  sensitive: readonly KnownSecret[],
): ResponderOutput {
  const create = context.scanner.createLeakDetector;
  const output = new OutputCollector({
    detector: create(sensitive),
    redactor: new LineRedactor(create, sensitive),
    onLine: (stream, line) => context.emit({ type: 'program-output', stream, line }),
  });
  for (const chunk of run.chunks) output.write(chunk.stream, chunk.text);
  output.finish();
  if (run.buildFailure !== undefined) {
    const hint =
      missingDependencyHint(run.buildFailure) ?? 'Fix the build error; run the build yourself to see all of it.';
    return { exit: [false, `the build failed: ${run.buildFailure}`, hint], leaks: [], overflow: false };
  }
  const result = run.result;
  const exit: Verdict = result
    ? exitVerdict(result, context.timeoutSeconds, output.lastLine())
    : [false, 'it did not run', 'Fix what stopped it first.'];
  return { exit, leaks: output.leaks(), overflow: run.overflow };
}

function exitVerdict(result: RunResult, timeoutSeconds: number, lastLine: string | undefined): Verdict {
  const tail = lastLine ? `; its last output line: "${lastLine}"` : '';
  if (result.spawnError)
    return [
      false,
      `it could not be started: ${result.spawnError}`,
      'Is the command installed and on PATH? Tell the grader what to run with --cmd "<command>".',
    ];
  if (result.timedOut)
    return [
      false,
      `it was still running after the ${timeoutSeconds} s timeout${tail}`,
      'A leak responder does its job and exits. Is it waiting for input (stdin is closed), or for git filter-repo to ask something?',
    ];
  if (result.exitCode === 0) return [true, `exited with status 0 after ${(result.durationMs / 1000).toFixed(1)} s`];
  if (result.exitCode !== undefined)
    return [
      false,
      `exited with status ${result.exitCode}${tail}`,
      missingDependencyHint(lastLine) ??
        'Read its output above. Is git filter-repo installed (pip install git-filter-repo)? It refuses a repository that is not a fresh clone unless given --force.',
    ];
  return [false, `it was killed by ${result.signal ?? 'a signal'}${tail}`, 'Run it yourself to see what happens.'];
}
