import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chokidar from 'chokidar';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ignoredPath, watchFolder, type FolderWatcher } from '../../src/util/watch-folder.js';

const temps: string[] = [];
const watchers: FolderWatcher[] = [];
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((watcher) => watcher.close()));
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folder(files: Record<string, string>, parent = tmpdir()): Promise<string> {
  const dir = await mkdtemp(join(parent, 'sw-watch-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** A chokidar whose file events never come (as on some network mounts), unless it polls. */
const deaf = ((path: string, options: { usePolling?: boolean }) => {
  if (options.usePolling) return chokidar.watch(path, options as Parameters<typeof chokidar.watch>[1]);
  const silent = new EventEmitter() as EventEmitter & { close(): Promise<void> };
  silent.close = async () => undefined;
  setImmediate(() => silent.emit('ready'));
  return silent;
}) as unknown as typeof chokidar.watch;

describe('watching a learner folder', () => {
  it('reports a burst of saves once, with its file, through file events; dependencies, caches and swap files are not changes', async () => {
    const dir = await folder({ 'app.py': 'print(1)\n' });
    const onChange = vi.fn();
    const notices: string[] = [];
    const watcher = await watchFolder(dir, onChange, { settleMs: 100, onNotice: (line) => notices.push(line) });
    watchers.push(watcher);
    expect(watcher.mode).toBe('events');
    expect(notices).toEqual([]);
    await mkdir(join(dir, '__pycache__'));
    await writeFile(join(dir, '__pycache__', 'app.pyc'), 'x');
    await mkdir(join(dir, 'node_modules'));
    await writeFile(join(dir, 'node_modules', 'x.js'), 'x');
    await writeFile(join(dir, '.app.py.swp'), 'x');
    await writeFile(join(dir, 'app.py'), 'print(2)\n');
    await writeFile(join(dir, 'app.py'), 'print(3)\n');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 5_000 });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange.mock.calls[0]![0]).toMatch(/app\.py$/);
    // A second save after the quiet time is a second change.
    await writeFile(join(dir, 'app.py'), 'print(4)\n');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(2), { timeout: 5_000 });
  });

  it('falls back to polling, and says so, when file events do not arrive', async () => {
    const dir = await folder({ 'main.go': 'package main\n' });
    const onChange = vi.fn();
    const notices: string[] = [];
    const watcher = await watchFolder(dir, onChange, {
      watch: deaf,
      probeTimeoutMs: 200,
      pollIntervalMs: 100,
      settleMs: 50,
      onNotice: (line) => notices.push(line),
    });
    watchers.push(watcher);
    expect(watcher.mode).toBe('polling');
    expect(notices).toEqual([
      expect.stringMatching(/file events do not arrive in .*: watching by polling every 0\.1 s instead/),
    ]);
    await writeFile(join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 5_000 });
  });

  it('--poll polls from the start and says so', async () => {
    const dir = await folder({ 'app.sh': 'echo 1\n' });
    const notices: string[] = [];
    const onChange = vi.fn();
    const watcher = await watchFolder(dir, onChange, {
      poll: true,
      pollIntervalMs: 100,
      settleMs: 50,
      onNotice: (line) => notices.push(line),
    });
    watchers.push(watcher);
    expect(watcher.mode).toBe('polling');
    expect(notices).toEqual(['watching by polling every 0.1 s (--poll)']);
    await writeFile(join(dir, 'app.sh'), 'echo 2\n');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 5_000 });
  });

  it('a work folder under a folder named build/ or dist/ is still watched', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'sw-watch-parent-'));
    temps.push(parent);
    await mkdir(join(parent, 'build'));
    const dir = await folder({ 'app.py': 'print(1)\n' }, join(parent, 'build'));
    expect(ignoredPath(dir, join(dir, 'app.py'))).toBe(false);
    expect(ignoredPath(dir, join(dir, 'build', 'out.js'))).toBe(true);
    const onChange = vi.fn();
    const watcher = await watchFolder(dir, onChange, { settleMs: 50 });
    watchers.push(watcher);
    await writeFile(join(dir, 'app.py'), 'print(2)\n');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 5_000 });
  });

  it('a missing folder is a one-line error', async () => {
    await expect(
      watchFolder(join(tmpdir(), `sw-missing-${process.pid}-${Date.now()}`), () => undefined),
    ).rejects.toThrow(/^cannot watch .*sw-missing-.*: it is not a folder$/);
  });
});
