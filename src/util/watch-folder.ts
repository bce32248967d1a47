import { randomBytes } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import chokidar from 'chokidar';
import { UserError } from './errors.js';

/**
 * Watches a learner's folder, for `grade --watch` and the course's watch mode (`w`): one call back
 * per burst of saves. File events first; where they do not arrive (network and container mounts,
 * WSL folders, a full inotify table) it switches to polling by itself and says so, instead of
 * silently never grading again. Whether events arrive is tested with a short-lived hidden probe
 * file. Dependencies, build output, caches and editor swap files are not changes to the program.
 */
export type WatchMode = 'events' | 'polling';

export interface FolderWatcher {
  readonly mode: WatchMode;
  close(): Promise<void>;
}

type Watch = typeof chokidar.watch;

export interface WatchOptions {
  /** Poll from the start (`--poll`). */
  poll?: boolean;
  /** One line for the user when the mode changes or is forced. */
  onNotice?: (message: string) => void;
  /** Quiet time after the last change before `onChange` (an editor's save is several events). */
  settleMs?: number;
  probeTimeoutMs?: number;
  pollIntervalMs?: number;
  /** chokidar's `watch`, replaceable in tests. */
  watch?: Watch;
}

const IGNORED_DIRS = new Set([
  'node_modules',
  '.git',
  '__pycache__',
  '.venv',
  'venv',
  '.mypy_cache',
  '.pytest_cache',
  'dist',
  'build',
  'target',
]);
const PROBE_PREFIX = '.secrets-workbook-watch-probe-';

/** Not a change to the program: inside a dependency, cache or build folder, or an editor's swap file. */
export function ignoredPath(dir: string, path: string): boolean {
  // Only the part inside the watched folder counts: a learner may keep their work under ~/build/.
  const inside = relative(dir, path);
  if (inside.split(sep).some((part) => IGNORED_DIRS.has(part))) return true;
  const name = basename(path);
  return /\.(swp|swx|tmp)$/.test(name) || name.endsWith('~') || name.startsWith('.#');
}

export async function watchFolder(
  dir: string,
  onChange: (path: string) => void,
  options: WatchOptions = {},
): Promise<FolderWatcher> {
  if (
    !(await stat(dir).then(
      (info) => info.isDirectory(),
      () => false,
    ))
  )
    throw new UserError(`cannot watch ${dir}: it is not a folder`);
  const watch = options.watch ?? chokidar.watch;
  const interval = options.pollIntervalMs ?? 1_000;
  const settle = settled(onChange, options.settleMs ?? 300);
  let mode: WatchMode = options.poll ? 'polling' : 'events';
  let current: ReturnType<Watch> | undefined;
  let closed = false;
  let probeSeen = false;

  const start = async (polling: boolean) => {
    const watcher = watch(dir, {
      ignored: (path: string) => ignoredPath(dir, path),
      ignoreInitial: true,
      usePolling: polling,
      interval,
      binaryInterval: interval,
      persistent: true,
    });
    for (const event of ['add', 'change', 'unlink'] as const) {
      watcher.on(event, (path: string) => {
        if (basename(path).startsWith(PROBE_PREFIX)) probeSeen = true;
        else settle.change(path);
      });
    }
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    return watcher;
  };

  const switchToPolling = async (why: string) => {
    if (mode === 'polling' || closed) return;
    mode = 'polling';
    await current?.close();
    options.onNotice?.(`${why}: watching by polling every ${interval / 1000} s instead`);
    current = await start(true);
  };

  if (options.poll) {
    options.onNotice?.(`watching by polling every ${interval / 1000} s (--poll)`);
    current = await start(true);
  } else {
    current = await start(false);
    current.on(
      'error',
      (error: unknown) =>
        void switchToPolling(
          `file events failed (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
        ),
    );
    if (!(await eventsArrive(dir, () => probeSeen, options.probeTimeoutMs ?? 1_500))) {
      await switchToPolling(`file events do not arrive in ${dir} (a network, container or virtual machine folder?)`);
    }
  }

  return {
    get mode() {
      return mode;
    },
    async close() {
      closed = true;
      settle.cancel();
      await current?.close();
    },
  };
}

/** Calls `onChange` once a burst of changes has been quiet for `ms`, with the burst's first path. */
function settled(onChange: (path: string) => void, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  let first: string | undefined;
  return {
    change(path: string) {
      first ??= path;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const path = first!;
        first = undefined;
        onChange(path);
      }, ms);
    },
    cancel() {
      clearTimeout(timer);
    },
  };
}

/** Create a hidden probe file and see whether the watcher reports it. */
async function eventsArrive(dir: string, seen: () => boolean, timeoutMs: number): Promise<boolean> {
  const probe = join(dir, `${PROBE_PREFIX}${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(probe, '');
  } catch {
    return true; // A folder we cannot write to: trust the events.
  }
  const deadline = Date.now() + timeoutMs;
  while (!seen() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  await rm(probe, { force: true });
  return seen();
}
