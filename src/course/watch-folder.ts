import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const IGNORED = new Set([
  'node_modules',
  '.git',
  '__pycache__',
  '.venv',
  'venv',
  '.mypy_cache',
  '.pytest_cache',
  'dist',
  'target',
]);

export interface FolderWatch {
  /** `events` (fs.watch) or `polling` (fs.watch failed: NFS, some containers, too many watches). */
  mode: 'events' | 'polling';
  close(): void;
}

export interface WatchOptions {
  debounceMs?: number;
  pollMs?: number;
  /** Force polling (tests, or file systems known to drop events). */
  polling?: boolean;
}

/**
 * Call `onChange` (debounced) when a file under `dir` changes, for the challenge screen's watch
 * mode. Falls back to polling modification times when file events cannot be had, and says so
 * through `mode` (rustlings#2407: the tool should notice, not the learner).
 */
export function watchFolder(dir: string, onChange: () => void, options: WatchOptions = {}): FolderWatch {
  const { debounceMs = 300, pollMs = 1000 } = options;
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  if (!options.polling) {
    try {
      const watcher: FSWatcher = watch(dir, { recursive: true }, (_event, name) => {
        const first = String(name ?? '').split(/[\\/]/)[0] ?? '';
        if (!IGNORED.has(first)) fire();
      });
      let closed = false;
      const result: FolderWatch = {
        mode: 'events',
        close: () => {
          closed = true;
          clearTimeout(timer);
          watcher.close();
        },
      };
      watcher.on('error', () => {
        if (closed) return;
        watcher.close();
        const polling = startPolling(dir, fire, pollMs);
        result.mode = 'polling';
        result.close = () => {
          clearTimeout(timer);
          polling();
        };
      });
      return result;
    } catch {
      // Fall through to polling.
    }
  }
  const stopPolling = startPolling(dir, fire, pollMs);
  return {
    mode: 'polling',
    close: () => {
      clearTimeout(timer);
      stopPolling();
    },
  };
}

function startPolling(dir: string, onChange: () => void, pollMs: number): () => void {
  let previous: string | undefined;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    const current = await signature(dir).catch(() => '');
    if (previous !== undefined && current !== previous) onChange();
    previous = current;
    if (!stopped) timer = setTimeout(tick, pollMs);
  };
  let timer: NodeJS.Timeout = setTimeout(tick, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

async function signature(dir: string): Promise<string> {
  const parts: string[] = [];
  async function walk(current: string): Promise<void> {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (IGNORED.has(entry.name)) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const info = await stat(path);
        parts.push(`${path}:${info.size}:${info.mtimeMs}`);
      }
    }
  }
  await walk(dir);
  return parts.sort().join('\n');
}
