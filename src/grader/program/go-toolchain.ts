import { createHash, randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import envPaths from 'env-paths';
import { execa } from 'execa';
import { challengesDir } from '../../util/package-info.js';
import type { GradeEvent } from '../report.js';
import { programEnvironment } from './environment.js';
import { runProgram } from './run-program.js';
import { programSandbox } from './sandbox.js';

/**
 * How `go build` runs for a learner's program. Building is not harmless: the go command follows
 * the submission's go.mod (a `toolchain` line downloads and runs another Go, a `replace` reads any
 * folder), cgo runs the C compiler on the submission's own C (`#include` of any file), and the
 * build cache, shared and keyed by content, would hand the next submission's build whatever the
 * last one left in it. So the build gets: the run's sandbox (the same hidden folders), a minimal
 * environment with the variables below (no network: GOPROXY=off; no other Go: GOTOOLCHAIN=local; no
 * cgo; go.mod never rewritten; no go.work from a parent folder; no user go env file), and a build
 * cache of its own, deleted once the build ends.
 *
 * That private cache starts as a copy of the grader's own base cache, built once per Go version
 * (`stdCache`) from what no submission wrote: the standard library (GOROOT) and the course's own Go
 * solutions with the modules their go.mod pins (vault/api and its dependencies, from the module
 * cache). Compiling those takes minutes, copying them a second. The cache is keyed by the content
 * of every compiled file, so an entry serves a submission only if it compiles the very same source;
 * submissions never write into the base cache (they get a copy) and never see it (every program's
 * sandbox hides the folder that holds it). Whatever else a submission uses is compiled per grade.
 *
 * That isolation is for `classroom grade-all`, where one student's build must not reach the next
 * one's. A learner grading their own program (`grade`, `grade --watch`) builds with their own Go
 * build cache, as their own `go build` does: there is nobody else's work to protect, and a cold
 * cache would turn a one-second regrade into many (and the first grade into minutes).
 */
export const GO_BUILD_VARIABLES: Readonly<Record<string, string>> = {
  GOTOOLCHAIN: 'local',
  GOPROXY: 'off',
  GOSUMDB: 'off',
  GOFLAGS: '-mod=readonly -buildvcs=false',
  GOENV: 'off',
  GOWORK: 'off',
  CGO_ENABLED: '0',
};

const WARM_TIMEOUT_MS = 15 * 60_000;
/** Part of the base cache's name: a change to what goes into it makes a new one. */
const BASE_RECIPE = 'std+course-modules';

export interface GoToolchain {
  version: string;
  /** The Go installation itself: its standard library's source is compiled into every build. */
  goroot: string;
  /** The user's module cache, resolved with their own go env, where `go build` finds modules offline. */
  moduleCache: string;
  /** The grader's base cache for this Go: standard library and the course's modules (may not exist yet). */
  stdCache: string;
  /** The user's own build cache (`go env GOCACHE`), or undefined when they turned it off. */
  learnerCache?: string;
}

/**
 * The folder holding the grader's standard-library caches: hidden from every learner program. In
 * the user's cache folder even when SECRETS_WORKBOOK_HOME moves the course's state elsewhere (as the
 * tests do): what it holds depends on the Go toolchain alone, and takes minutes to build.
 */
export function goCachesRoot(): string {
  return join(envPaths('secrets-workbook', { suffix: '' }).cache, 'go-base');
}

let probed: Promise<GoToolchain | undefined> | undefined;

/** The Go on PATH (asked once, in a neutral folder so no submission's go.mod can pick another), or undefined. */
export function goToolchain(): Promise<GoToolchain | undefined> {
  probed ??= (async () => {
    const result = await execa('go', ['env', 'GOVERSION', 'GOROOT', 'GOMODCACHE', 'GOCACHE'], {
      cwd: tmpdir(),
      env: { ...programEnvironment(undefined), GOTOOLCHAIN: 'local', GOWORK: 'off' },
      extendEnv: false,
      reject: false,
      timeout: 60_000,
    });
    const [version, goroot, moduleCache, learnerCache] = String(result.stdout).split('\n');
    if (result.exitCode !== 0 || !version || !goroot || !moduleCache) return undefined;
    const key = createHash('sha256').update(`${version}\0${goroot}\0${BASE_RECIPE}`).digest('hex').slice(0, 16);
    return {
      version,
      goroot,
      moduleCache,
      stdCache: join(goCachesRoot(), `${version}-${key}`),
      learnerCache: learnerCache && learnerCache !== 'off' ? learnerCache : undefined,
    };
  })();
  return probed;
}

/** The environment of a build (or of the standard library's) using `cache` as its build cache. */
export function goBuildEnvironment(
  toolchain: Pick<GoToolchain, 'moduleCache'>,
  cache: string,
  from: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  return {
    ...programEnvironment(undefined, { from }),
    ...GO_BUILD_VARIABLES,
    GOCACHE: cache,
    GOMODCACHE: toolchain.moduleCache,
  };
}

const warming = new Map<string, Promise<void>>();

/** Builds the standard-library cache if it is missing: once per Go version, from GOROOT alone. */
export function warmStdCache(toolchain: GoToolchain, emit: (event: GradeEvent) => void): Promise<void> {
  let pending = warming.get(toolchain.stdCache);
  if (!pending) {
    pending = buildStdCache(toolchain, emit);
    warming.set(toolchain.stdCache, pending);
    pending.catch(() => warming.delete(toolchain.stdCache));
  }
  return pending;
}

async function buildStdCache(toolchain: GoToolchain, emit: (event: GradeEvent) => void): Promise<void> {
  if (await exists(toolchain.stdCache)) return;
  emit({
    type: 'status',
    message: `building: Go's standard library and the course's modules into the grader's cache (once for ${toolchain.version}, a few minutes)`,
  });
  await mkdir(goCachesRoot(), { recursive: true });
  const partial = `${toolchain.stdCache}.partial-${randomUUID()}`;
  const empty = await mkdtemp(join(tmpdir(), 'sw-go-std-'));
  try {
    const std = await baseBuild(toolchain, partial, 'go build std', empty);
    if (std.exitCode !== 0)
      throw new Error(`go build std: ${std.spawnError ?? `exit status ${std.exitCode ?? std.signal}`}`);
    // The course's own programs bring their modules in; one whose modules are not downloaded adds nothing.
    for (const dir of await courseGoPrograms()) await baseBuild(toolchain, partial, 'go build -o /dev/null .', dir);
    // Another grader may have finished first: theirs is as good, ours goes.
    await rename(partial, toolchain.stdCache).catch(() => undefined);
  } finally {
    await Promise.all([rm(partial, { recursive: true, force: true }), rm(empty, { recursive: true, force: true })]);
  }
}

function baseBuild(toolchain: GoToolchain, cache: string, command: string, cwd: string) {
  return runProgram({
    command,
    cwd,
    env: goBuildEnvironment(toolchain, cache),
    timeoutMs: WARM_TIMEOUT_MS,
    sandbox: programSandbox(),
  }).result;
}

/** The shipped challenges' Go solutions (course material, never a submission). */
async function courseGoPrograms(): Promise<string[]> {
  const ids = await readdir(challengesDir).catch(() => []);
  const dirs = ids.map((id) => join(challengesDir, id, 'solutions', 'go'));
  const present = await Promise.all(dirs.map((dir) => exists(join(dir, 'go.mod'))));
  return dirs.filter((_, index) => present[index]);
}

/** A private build cache for one build, seeded with the standard library. */
export async function privateBuildCache(toolchain: GoToolchain, buildDir: string): Promise<string> {
  const cache = join(buildDir, 'go-cache');
  await cp(toolchain.stdCache, cache, { recursive: true });
  return cache;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
