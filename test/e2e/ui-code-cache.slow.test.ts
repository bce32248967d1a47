import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_COURSE } from '../ui/harness.js';
import { TmuxTerminal, tmuxAvailable } from './tmux.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const tmux = tmuxAvailable();

const terminals: TmuxTerminal[] = [];
afterEach(() => {
  for (const terminal of terminals.splice(0)) terminal.kill();
});

// A value shaped like a Vault token, in the environment the UI runs in: it must not reach the
// code cache, which holds compiled code only. Made at run time so no scanner takes it for one.
const MARKER = ['hvs', 'CodeCacheMarker0123456789abcdef'].join('.');

/** Starts the built CLI in a real terminal, waits for the home screen, quits; returns the timing marks. */
async function openAndQuit(home: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const t = new TmuxTerminal({
    ...process.env,
    ...env,
    SECRETS_WORKBOOK_HOME: home,
    SECRETS_WORKBOOK_COURSE_DIR: FIXTURE_COURSE,
    SECRETS_WORKBOOK_TIMING: '1',
    VAULT_TOKEN: MARKER,
  });
  terminals.push(t);
  await t.start(`node ${cli}`, { cwd: home, rows: 40 });
  await t.waitFor('Playground Vault:');
  // The cache is written just after the first frame; keys need the UI's raw mode, which comes with it.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await t.keys('q');
  expect(await t.exitCode()).toBe(0);
  return t.screen();
}

const homeWithProgress = () => mkdtempSync(join(tmpdir(), 'sw-e2e-code-cache-'));

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : []);

describe.skipIf(!existsSync(cli) || !tmux)('the UI code cache (tmux, built dist/cli.js)', () => {
  it('a first start writes it in the cache folder, owner-only and without secrets; later starts use it', async () => {
    const home = homeWithProgress();
    const cacheDir = join(home, 'cache', 'code');
    const first = await openAndQuit(home);
    expect(first).toContain('ui-vendor.cjs run (code cache: missing)');
    // One list of timing marks: the command line's (ES modules) and the home screen's (in the
    // script) are printed together, so the two share one instance of the module.
    expect(first).toMatch(/cli modules loaded[\s\S]*first frame/);
    const files = cacheFiles(cacheDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/ui-vendor\.cjs-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-[0-9a-f]+\.bin$/);
    expect(statSync(files[0]!).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(files[0]!);
    for (const encoding of ['utf8', 'latin1', 'utf16le'] as const)
      expect(bytes.includes(Buffer.from('CodeCacheMarker', encoding))).toBe(false);
    const written = statSync(files[0]!).mtimeMs;
    expect(await openAndQuit(home)).toContain('ui-vendor.cjs run (code cache: accepted)');
    expect(statSync(files[0]!).mtimeMs).toBe(written);
  });

  it('a corrupt or foreign cache file is ignored, the course opens, and the file is written again', async () => {
    const home = homeWithProgress();
    const cacheDir = join(home, 'cache', 'code');
    await openAndQuit(home);
    const [file] = cacheFiles(cacheDir);
    const good = readFileSync(file!);
    for (const bad of [good.subarray(0, good.length / 2), Buffer.from('#!/bin/sh\necho not a cache\n')]) {
      writeFileSync(file!, bad);
      expect(await openAndQuit(home)).toContain('ui-vendor.cjs run (code cache: missing)');
      expect(await openAndQuit(home)).toContain('ui-vendor.cjs run (code cache: accepted)');
    }
  });

  it('SECRETS_WORKBOOK_DISABLE_CODE_CACHE=1 runs without one and writes nothing', async () => {
    const home = homeWithProgress();
    expect(await openAndQuit(home, { SECRETS_WORKBOOK_DISABLE_CODE_CACHE: '1' })).toContain(
      'ui-vendor.cjs run (code cache: off)',
    );
    expect(existsSync(join(home, 'cache'))).toBe(false);
  });

  it('DEV=true opens the course too (Ink would import React DevTools and its own package.json)', async () => {
    const home = homeWithProgress();
    expect(await openAndQuit(home, { DEV: 'true' })).toContain('Progress saved');
  });
});
