import { mkdir } from 'node:fs/promises';
import { findOnPath } from '../../util/executables.js';
import { readFingerprint, sourceFingerprint, writeFingerprint } from './build-cache.js';
import type { CommandPlan } from './detect.js';
import { programEnvironment } from './environment.js';
import type { GradeEvent } from '../report.js';
import { runProgram } from './run-program.js';

/**
 * The build step of a plan (`go build`), before and outside the program's timeout; skipped when
 * nothing it depends on changed since the last successful build into the same cache.
 */
const BUILD_TIMEOUT_MS = 5 * 60_000;

export interface BuildResult {
  ok: boolean;
  message: string;
}

export async function runBuild(
  plan: CommandPlan,
  dir: string,
  buildDir: string,
  emit: (event: GradeEvent) => void,
): Promise<BuildResult> {
  const build = plan.build!;
  await mkdir(buildDir, { recursive: true });
  // Nothing changed since the last successful build: the program in the cache is current.
  const fingerprint = await sourceFingerprint(dir, await findOnPath(build.toolchain));
  if ((await readFingerprint(build.output)) === fingerprint) {
    emit({ type: 'status', message: `building: ${build.description} (up to date)` });
    return { ok: true, message: '' };
  }
  emit({ type: 'status', message: `building: ${build.description}` });
  let tail = '';
  const running = runProgram({
    command: build.command,
    cwd: dir,
    env: programEnvironment(undefined, { pathPrefix: plan.pathPrefix }),
    timeoutMs: BUILD_TIMEOUT_MS,
    onOutput: (_stream, chunk) => {
      tail = (tail + chunk).slice(-4096);
    },
  });
  const result = await running.result;
  if (result.exitCode === 0) {
    await writeFingerprint(build.output, fingerprint).catch(() => undefined);
    return { ok: true, message: '' };
  }
  const lines = tail
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const why =
    result.spawnError ??
    (result.timedOut
      ? `still building after ${BUILD_TIMEOUT_MS / 60_000} minutes`
      : lines.slice(0, 2).join(' / ') || `exit status ${result.exitCode}`);
  return { ok: false, message: `${build.description}: ${why}` };
}
