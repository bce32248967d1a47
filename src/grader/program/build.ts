import { mkdirSync, realpathSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { CommandPlan } from './detect.js';
import type { GradeEvent } from '../report.js';
import { goBuildEnvironment, goCachesRoot, goToolchain, privateBuildCache, warmStdCache } from './go-toolchain.js';
import { runProgram } from './run-program.js';
import { programSandbox, type Hidden } from './sandbox.js';

/**
 * The build step of a plan (`go build`), before and outside the program's timeout, in the
 * program's own sandbox with the same folders hidden, into `buildDir` (this grade's, deleted when
 * the grade ends). `classroom grade-all` gives each build a private cache (go-toolchain.ts), deleted
 * as soon as it is built; a learner's own grade uses their own Go build cache.
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
  hidden: Hidden = {},
  privateCache = false,
): Promise<BuildResult> {
  const build = plan.build!;
  const toolchain = await goToolchain();
  if (!toolchain) return { ok: false, message: `${build.description}: no working \`go\` on PATH` };
  const isolated = privateCache || !toolchain.learnerCache;
  if (isolated) await warmStdCache(toolchain, emit);
  await mkdir(buildDir, { recursive: true, mode: 0o700 });
  const cache = isolated ? await privateBuildCache(toolchain, buildDir) : toolchain.learnerCache!;
  emit({ type: 'status', message: `building: ${build.description}` });
  let tail = '';
  try {
    const result = await runProgram({
      command: build.command,
      cwd: dir,
      env: goBuildEnvironment(toolchain, cache),
      timeoutMs: BUILD_TIMEOUT_MS,
      onOutput: (_stream, chunk) => {
        tail = (tail + chunk).slice(-4096);
      },
      sandbox: programSandbox(),
      hidden: await withGoCaches(hidden),
    }).result;
    if (result.exitCode === 0) return { ok: true, message: '' };
    const lines = tail
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    const why =
      result.spawnError ??
      (result.timedOut
        ? `still building after ${BUILD_TIMEOUT_MS / 60_000} minutes`
        : lines.slice(0, 2).join(' / ') || `exit status ${result.exitCode}`);
    return { ok: false, message: `${build.description}: ${why}${offlineHint(tail)}` };
  } finally {
    if (isolated) await rm(cache, { recursive: true, force: true });
  }
}

/**
 * What a learner program (and its build) must not see or change: besides `hidden`, the grader's Go
 * caches are hidden (first: covered before any folder that may hold them), and the Go installation
 * and module cache are read-only. Every later build compiles what those hold, and Go's read-only
 * file modes do not stop their owner (`chmod`, then edit a downloaded module). Folders are made if
 * missing, as the sandbox can only cover what exists: a missing module cache would otherwise be
 * the first program's to fill.
 */
export async function withGoCaches(hidden: Hidden = {}): Promise<Hidden> {
  const caches = goCachesRoot();
  mkdirSync(caches, { recursive: true });
  const toolchain = await goToolchain();
  const readOnly = [...(hidden.readOnly ?? [])];
  if (toolchain) {
    mkdirSync(toolchain.moduleCache, { recursive: true });
    readOnly.push(realpathSync(toolchain.goroot), realpathSync(toolchain.moduleCache));
  }
  return { ...hidden, folders: [caches, ...(hidden.folders ?? [])], readOnly };
}

/** The build is offline: a module missing from the module cache is the learner's to download. */
function offlineHint(output: string): string {
  return /GOPROXY=off|module lookup disabled|missing go\.sum entry/.test(output)
    ? ' (the grader builds offline: run `go mod download` in your folder first)'
    : '';
}
