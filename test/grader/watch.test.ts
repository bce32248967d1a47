import { EventEmitter } from 'node:events';
import { rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import chokidar from 'chokidar';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFolder } from '../../src/grader/watch.js';
import { programDir } from './helpers.js';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function until(condition: () => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
}

describe('watching a folder', () => {
  it('reports a saved file through file events, and ignores dependencies and caches', async () => {
    const dir = await programDir({ 'app.py': 'print(1)\n' });
    temps.push(dir);
    const changes: string[] = [];
    const notices: string[] = [];
    const watcher = await watchFolder(dir, (path) => changes.push(path), {
      onNotice: (message) => notices.push(message),
    });
    try {
      expect(watcher.mode).toBe('events');
      expect(notices).toEqual([]);
      await mkdir(join(dir, '__pycache__'));
      await writeFile(join(dir, '__pycache__', 'app.pyc'), 'x');
      await writeFile(join(dir, 'app.py'), 'print(2)\n');
      expect(await until(() => changes.length > 0)).toBe(true);
      expect(changes.every((path) => path.endsWith('app.py'))).toBe(true);
    } finally {
      await watcher.close();
    }
  });

  it('falls back to polling, and says so, when file events do not arrive', async () => {
    const dir = await programDir({ 'main.go': 'package main\n' });
    temps.push(dir);
    // A watcher whose file events never come (as on some network mounts), unless it polls.
    const deaf = ((path: string, options: { usePolling?: boolean }) => {
      if (options.usePolling) return chokidar.watch(path, options as Parameters<typeof chokidar.watch>[1]);
      const silent = new EventEmitter() as EventEmitter & { close(): Promise<void> };
      silent.close = async () => undefined;
      setImmediate(() => silent.emit('ready'));
      return silent;
    }) as unknown as typeof chokidar.watch;
    const changes: string[] = [];
    const notices: string[] = [];
    const watcher = await watchFolder(dir, (path) => changes.push(path), {
      watch: deaf,
      probeTimeoutMs: 200,
      pollIntervalMs: 100,
      onNotice: (message) => notices.push(message),
    });
    try {
      expect(watcher.mode).toBe('polling');
      expect(notices).toEqual([
        expect.stringMatching(/file events do not arrive in .*: watching by polling every 0\.1 s instead/),
      ]);
      await writeFile(join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
      expect(await until(() => changes.length > 0)).toBe(true);
    } finally {
      await watcher.close();
    }
  });
});
