import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { findOnPath } from '../../../util/executables.js';
import { shellQuote } from '../../../util/shell.js';
import type { GradeContext } from '../../challenge-kind.js';
import { LearnerProgram } from '../../program/learner-program.js';
import type { OutputStream, RunResult } from '../../program/run-program.js';

/**
 * Part 1's program: the learner's setup script, found by its name in their folder and run once in
 * a private copy of it (setup-workspace.ts), through the same LearnerProgram as every learner
 * program (own process group, minimal environment, stdin closed, the grade's timeout), with
 * VAULT_ADDR and its own token added.
 *
 * Its output is kept, not shown: what it stores is only known once it has run, so its lines are
 * checked for those values and redacted afterwards (setup-state.ts) before anyone sees them.
 * What is kept is bounded; a script that prints more than that fails `setup-no-leak` rather than
 * having the rest go unchecked.
 */
export const SETUP_SCRIPT_FILES = ['setup.sh', 'setup.py', 'setup.mjs', 'setup.js'] as const;
const MAX_KEPT_OUTPUT = 1024 * 1024;

export interface SetupScript {
  /** Relative to the learner's folder (`setup.sh`). */
  file: string;
  command: string;
}

export interface KeptOutput {
  chunks: Array<{ stream: OutputStream; text: string }>;
  /** It printed more than was kept. */
  overflow: boolean;
}

export type SetupOutcome =
  | { kind: 'missing' }
  | { kind: 'ran'; script: SetupScript; result: RunResult; output: KeptOutput }
  | { kind: 'spawn-failed'; script: SetupScript; message: string; output: KeptOutput };

export async function findSetupScript(dir: string): Promise<SetupScript | undefined> {
  for (const file of SETUP_SCRIPT_FILES) {
    const present = await access(join(dir, file)).then(
      () => true,
      () => false,
    );
    if (!present) continue;
    if (file.endsWith('.sh')) return { file, command: `sh ${shellQuote(file)}` };
    if (file.endsWith('.py')) {
      const python = (await findOnPath('python3')) ? 'python3' : 'python';
      return { file, command: `${python} ${shellQuote(file)}` };
    }
    return { file, command: `node ${shellQuote(file)}` };
  }
  return undefined;
}

export async function runSetupScript(
  context: GradeContext,
  script: SetupScript | undefined,
  run: { cwd: string; variables: Readonly<Record<string, string>> },
): Promise<SetupOutcome> {
  if (!script) return { kind: 'missing' };
  const program = await LearnerProgram.detect(run.cwd, {
    cmd: script.command,
    timeoutSeconds: context.timeoutSeconds,
    signal: context.signal,
    emit: context.emit,
  });
  context.emit({
    type: 'status',
    message: `part 1, your setup script: ${script.command} (timeout ${context.timeoutSeconds} s)`,
  });
  const output: KeptOutput = { chunks: [], overflow: false };
  let kept = 0;
  const running = program.start({
    variables: run.variables,
    onOutput: (stream, text) => {
      if (kept + text.length > MAX_KEPT_OUTPUT) {
        output.overflow = true;
        return;
      }
      kept += text.length;
      output.chunks.push({ stream, text });
    },
  });
  const result = await running.result;
  return result.spawnError
    ? { kind: 'spawn-failed', script, message: result.spawnError, output }
    : { kind: 'ran', script, result, output };
}
