import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHandout } from '../../../src/classroom/handout.js';
import { cli } from '../helpers/class-vault.js';

/**
 * A handout crafted by someone else (mailed to a student as "your handout") with escape sequences
 * in its fields: join refuses it, and nothing it holds reaches the terminal raw.
 */
const RAW_CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

describe('crafted handouts and instructor settings', () => {
  it('join refuses a handout with escape sequences, and prints none of them', async () => {
    const work = await mkdtemp(join(tmpdir(), 'crafted-handout-'));
    const handout = renderHandout({
      studentId: 'ada',
      name: 'Ada \u001b]0;pwned\u0007\u001b[2J',
      address: 'http://127.0.0.1:9/\u001b]52;c;ZXZpbA==\u0007',
      roleId: 'r',
      wrappedSecretId: 'hvs.x',
      expiresAt: '',
    });
    await writeFile(join(work, 'ada.txt'), handout);
    const result = await cli(['classroom', 'join', 'ada.txt'], {}, work);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^error: ada\.txt: the Vault address ".*" is not an http\(s\) URL$/);
    expect(result.stderr + result.stdout).not.toMatch(RAW_CONTROL);
  });

  it('provision refuses the .env.example placeholder token and an --address with escapes, before any request', async () => {
    const work = await mkdtemp(join(tmpdir(), 'placeholder-'));
    await writeFile(join(work, 'roster.csv'), 'id,name,email\nada,Ada,\n');
    // Port 9 (discard): nothing answers, so any request would fail differently.
    const env = { VAULT_ADDR: 'http://127.0.0.1:9', VAULT_TOKEN: 'replace-me-with-a-long-random-string' };
    const placeholder = await cli(['classroom', 'report'], env, work);
    expect(placeholder.exitCode).toBe(2);
    expect(placeholder.stderr).toMatch(/^error: VAULT_TOKEN is the placeholder from \.env\.example/);
    const address = await cli(
      ['classroom', 'provision', '--roster', 'roster.csv', '--address', 'http://x\u001b[2J'],
      { ...env, VAULT_TOKEN: 'x' },
      work,
    );
    expect(address.exitCode).toBe(2);
    expect(address.stderr).toMatch(/^error: --address must be an http\(s\) URL/);
    expect(address.stderr).not.toMatch(RAW_CONTROL);
  });
});
