import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { freePort } from '../../src/util/net.js';

/** The classroom commands' argument and environment errors: one line on stderr, exit 2. */
let stderr: string[];
let saved: NodeJS.ProcessEnv;

beforeEach(() => {
  stderr = [];
  saved = { ...process.env };
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env = saved;
  process.exitCode = undefined;
});

async function run(...args: string[]): Promise<{ code: number; err: string }> {
  const code = await main(['node', 'secrets-workbook', 'classroom', ...args]);
  return { code, err: stderr.join('') };
}

describe('classroom command errors', () => {
  it('needs VAULT_ADDR and VAULT_TOKEN, and says so', async () => {
    delete process.env.VAULT_ADDR;
    delete process.env.VAULT_TOKEN;
    const dir = await mkdtemp(join(tmpdir(), 'cli-'));
    await writeFile(join(dir, 'r.csv'), 'id,name,email\nada,Ada,\n');
    const noAddr = await run('provision', '--roster', join(dir, 'r.csv'));
    expect(noAddr).toEqual({
      code: 2,
      err: 'error: set VAULT_ADDR to the class Vault (e.g. export VAULT_ADDR=http://127.0.0.1:8200)\n',
    });
    stderr = [];
    process.env.VAULT_ADDR = 'http://127.0.0.1:1';
    const noToken = await run('report');
    expect(noToken.code).toBe(2);
    expect(noToken.err).toMatch(/^error: set VAULT_TOKEN to an instructor token/);
  });

  it('a Vault that does not answer is one line, exit 2', async () => {
    process.env.VAULT_ADDR = `http://127.0.0.1:${await freePort()}`;
    process.env.VAULT_TOKEN = 'x';
    const result = await run('report');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^error: cannot reach the Vault at http:\/\/127\.0\.0\.1:\d+/);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('rejects bad options with exit 2', async () => {
    expect((await run('provision')).code).toBe(2);
    expect(stderr.join('')).toMatch(/required option '--roster <file>' not specified/);
    expect((await run('provision', '--roster', 'x.csv', '--concurrency', '0')).code).toBe(2);
    expect((await run('provision', '--roster', 'x.csv', '--wrap-ttl', 'soon')).code).toBe(2);
    expect((await run('provision', '--roster', 'x.csv', '--wrap-ttl', '0')).code).toBe(2);
    expect(stderr.join('')).toMatch(/more than 0/);
    expect((await run('report', '--format', 'pdf')).code).toBe(2);
    expect((await run('revoke', '--student', 'a/b')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });

  it('join and submit name the missing file', async () => {
    expect(await run('join', '/nonexistent/ada.txt')).toEqual({
      code: 2,
      err: 'error: handout not found: /nonexistent/ada.txt\n',
    });
    stderr = [];
    const submit = await run('submit', '/nonexistent/report.json');
    expect(submit.code).toBe(2);
    expect(submit.err).toMatch(/^error: cannot read \/nonexistent\/report\.json/);
  });
});
