import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCacheDir, codeCacheFile, runCachedScript, saveCodeCaches } from '../../src/util/code-cache.js';

/** A script in the shape the build writes (scripts/ui-vendor.mjs): one function expression. */
function script(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `(function (require, module, exports, __filename, __dirname) {${body}\n})`);
  return path;
}

const COUNTER = `
const { join } = require('node:path');
let calls = 0;
function count(text) { calls++; return join('counted', text.toUpperCase()) + ':' + calls; }
module.exports = { count, here: __filename };
`;

function setup(): { cacheDir: string; env: NodeJS.ProcessEnv; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sw-code-cache-'));
  const cacheDir = join(dir, 'cache');
  return { cacheDir, env: { SECRETS_WORKBOOK_CODE_CACHE: cacheDir }, path: script(dir, 'counter.cjs', COUNTER) };
}

type Counter = { count: (text: string) => string; here: string };

function runAndSave(path: string, env: NodeJS.ProcessEnv) {
  const run = runCachedScript<Counter>(path, env);
  expect(run.exports.count('a')).toBe(join('counted', 'A') + ':1');
  saveCodeCaches();
  return run;
}

function cacheFiles(cacheDir: string): string[] {
  return readdirSync(cacheDir).map((name) => join(cacheDir, name));
}

describe('code cache for the UI script (V8 cached data through vm.Script)', () => {
  it('runs the script, writes its cache owner-only after the run, and uses it next time', () => {
    const { cacheDir, env, path } = setup();
    const first = runAndSave(path, env);
    expect(first.cache).toBe('missing');
    expect(first.exports.here).toBe(path);
    const [file, ...others] = cacheFiles(cacheDir);
    expect(others).toEqual([]);
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    const written = statSync(file!).mtimeMs;
    expect(runAndSave(path, env).cache).toBe('accepted');
    // An accepted cache is not written again.
    expect(statSync(file!).mtimeMs).toBe(written);
  });

  it("hands the script the program's own module instances for the names given, Node's modules otherwise", () => {
    const { env } = setup();
    const shared = { registry: new Set<string>() };
    const path = script(
      mkdtempSync(join(tmpdir(), 'sw-code-cache-')),
      'provided.cjs',
      `const { registry } = require('app:registry'); registry.add(require('node:path').sep); module.exports = { registry };`,
    );
    const run = runCachedScript<{ registry: Set<string> }>(path, env, { 'app:registry': shared });
    expect(run.exports.registry).toBe(shared.registry);
    expect([...shared.registry]).toEqual([sep]);
    expect(() => runCachedScript(path, env)).toThrow(/app:registry/);
  });

  it('a damaged cache is ignored, the script runs, and the cache is written again', () => {
    const { cacheDir, env, path } = setup();
    runAndSave(path, env);
    const [file] = cacheFiles(cacheDir);
    const bytes = readFileSync(file!);
    for (const damage of [
      (b: Buffer) => b.subarray(0, b.length - 7), // truncated
      (b: Buffer) => Buffer.concat([b.subarray(0, 40), Buffer.from([b[40]! ^ 0xff]), b.subarray(41)]), // one byte flipped
      () => Buffer.from('not a cache at all'), // a foreign file
      () => Buffer.alloc(0), // empty
    ]) {
      writeFileSync(file!, damage(bytes));
      expect(runAndSave(path, env).cache).toBe('missing');
      expect(runCachedScript(path, env).cache).toBe('accepted');
    }
  });

  it("another script's cache under this script's name is rejected by V8, ignored and replaced", () => {
    const { cacheDir, env, path } = setup();
    const other = script(join(path, '..'), 'other.cjs', 'module.exports = { count: (t) => t, here: "other" };');
    expect(runCachedScript<Counter>(other, env).exports.here).toBe('other');
    saveCodeCaches();
    const [foreign] = cacheFiles(cacheDir);
    const own = codeCacheFile(cacheDir, path, readFileSync(path, 'utf8'));
    writeFileSync(own, readFileSync(foreign!));
    const run = runAndSave(path, env);
    expect(run.cache).toBe('rejected');
    expect(runCachedScript(path, env).cache).toBe('accepted');
  });

  it('a cache file others may write is not used (V8 would run what it says), and is replaced', () => {
    const { cacheDir, env, path } = setup();
    runAndSave(path, env);
    const [file] = cacheFiles(cacheDir);
    chmodSync(file!, 0o666);
    expect(runAndSave(path, env).cache).toBe('missing');
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    expect(runCachedScript(path, env).cache).toBe('accepted');
  });

  it("a new build's cache replaces the earlier build's; other scripts' caches stay", () => {
    const { cacheDir, env, path } = setup();
    const other = script(join(path, '..'), 'other.cjs', 'module.exports = { count: (t) => t, here: "other" };');
    runCachedScript(other, env);
    saveCodeCaches();
    runAndSave(path, env);
    const [otherCache, firstBuild] = [
      codeCacheFile(cacheDir, other, readFileSync(other, 'utf8')),
      codeCacheFile(cacheDir, path, readFileSync(path, 'utf8')),
    ];
    expect(cacheFiles(cacheDir).sort()).toEqual([otherCache, firstBuild].sort());
    writeFileSync(path, readFileSync(path, 'utf8').replace('calls++', 'calls += 1'));
    runAndSave(path, env);
    const secondBuild = codeCacheFile(cacheDir, path, readFileSync(path, 'utf8'));
    expect(secondBuild).not.toBe(firstBuild);
    expect(cacheFiles(cacheDir).sort()).toEqual([otherCache, secondBuild].sort());
  });

  it('holds compiled code, not the values the program computed', () => {
    const { cacheDir, env } = setup();
    const marker = `hvs.${'S3cr3tMarker'.repeat(3)}`;
    const path = script(
      mkdtempSync(join(tmpdir(), 'sw-code-cache-src-')),
      'reads-env.cjs',
      'const token = process.env.SW_TEST_TOKEN; const seen = [token + "!"]; module.exports = { count: () => seen[0], here: __filename };',
    );
    process.env.SW_TEST_TOKEN = marker;
    try {
      const run = runCachedScript<Counter>(path, env);
      expect(run.exports.count('x')).toBe(`${marker}!`);
      saveCodeCaches();
    } finally {
      delete process.env.SW_TEST_TOKEN;
    }
    const [file] = cacheFiles(cacheDir);
    const bytes = readFileSync(file!);
    expect(bytes.length).toBeGreaterThan(32);
    expect(bytes.includes(Buffer.from('S3cr3tMarker'))).toBe(false);
    expect(bytes.includes(Buffer.from('S3cr3tMarker', 'utf16le'))).toBe(false);
  });

  it('is off with SECRETS_WORKBOOK_DISABLE_CODE_CACHE=1, and an unwritable folder is no error', () => {
    const { cacheDir, path } = setup();
    const off = runCachedScript<Counter>(path, {
      SECRETS_WORKBOOK_CODE_CACHE: cacheDir,
      SECRETS_WORKBOOK_DISABLE_CODE_CACHE: '1',
    });
    expect(off.cache).toBe('off');
    saveCodeCaches();
    expect(() => statSync(cacheDir)).toThrow(/ENOENT/);
    // A file where the folder should be: the cache cannot be written, the script still runs.
    writeFileSync(cacheDir, 'a file, not a folder');
    const blocked = runCachedScript<Counter>(path, { SECRETS_WORKBOOK_CODE_CACHE: join(cacheDir, 'code') });
    expect(blocked.exports.count('b')).toBe(join('counted', 'B') + ':1');
    expect(() => saveCodeCaches()).not.toThrow();
  });

  it('lives in the cache folder next to the progress file, or the OS cache folder', () => {
    expect(codeCacheDir({ SECRETS_WORKBOOK_HOME: '/h' })).toBe(join('/h', 'cache', 'code'));
    expect(codeCacheDir({ SECRETS_WORKBOOK_CODE_CACHE: '/c', SECRETS_WORKBOOK_HOME: '/h' })).toBe('/c');
    expect(codeCacheDir({ SECRETS_WORKBOOK_DISABLE_CODE_CACHE: '1' })).toBeUndefined();
    expect(codeCacheDir({ SECRETS_WORKBOOK_DISABLE_CODE_CACHE: '0', SECRETS_WORKBOOK_HOME: '/h' })).toBe(
      join('/h', 'cache', 'code'),
    );
    expect(codeCacheDir({})).toMatch(/secrets-workbook[\\/]code$/);
  });

  it('names the file by script content, Node version and V8 flags', () => {
    const a = codeCacheFile('/c', '/d/ui-vendor.cjs', 'one');
    expect(a).toMatch(new RegExp(`ui-vendor\\.cjs-[0-9a-f]{16}-${process.version}-${process.arch}-[0-9a-f]+\\.bin$`));
    expect(codeCacheFile('/c', '/d/ui-vendor.cjs', 'two')).not.toBe(a);
  });
});
