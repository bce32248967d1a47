import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runScan } from '../../src/commands/scan.js';
import { githubToken, password } from '../../src/scanner/corpus/values.js';
import { UserError } from '../../src/util/errors.js';
import { seedEachTest } from '../helpers/seeded.js';

// Random values come from a seed named in any failure, so a run cannot fail by chance.
seedEachTest();

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sw-scan-cmd-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(paths: string[], options: { json?: boolean; staged?: boolean; all?: boolean } = {}) {
  const lines: string[] = [];
  const code = await runScan(paths, { ...options, cwd: dir }, { stdout: (line) => lines.push(line) });
  return { code, lines };
}

describe('scan command', () => {
  test('a clean folder: one summary line, exit 0', async () => {
    await writeFile(join(dir, 'app.py'), 'import os\nPASSWORD = os.environ["PASSWORD"]\n');
    const { code, lines } = await run([]);
    expect(code).toBe(0);
    expect(lines).toEqual(['No hardcoded secrets found (1 file scanned).']);
  });

  test('findings: one line each (file:line:col rule — preview), a summary, exit 1, no secret printed', async () => {
    const token = githubToken('p');
    const pass = password();
    await writeFile(join(dir, 'app.py'), `import os\nTOKEN = "${token}"\n`);
    await writeFile(join(dir, '.env'), `DB_PASSWORD=${pass}\n`);
    const { code, lines } = await run(['.']);
    expect(code).toBe(1);
    expect(lines[0]).toMatch(
      /^\.env:1:13 password-assignment — .{1,4}… \(Password assigned in config or code, fingerprint [0-9a-f]{12}\)$/,
    );
    expect(lines[1]).toBe(
      `app.py:2:10 github-token — ${token.slice(0, 8)}… (GitHub token, fingerprint ${lines[1]!.slice(-13, -1)})`,
    );
    expect(lines[2]).toMatch(/^2 possible secrets in 2 files \(2 files scanned\)\./);
    const all = lines.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain(pass);
  });

  test('--json prints one object with findings and counts', async () => {
    await writeFile(join(dir, 'a.js'), `const t = '${githubToken('o')}';\n`);
    const { code, lines } = await run([], { json: true });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(report).toMatchObject({
      filesScanned: 1,
      skipped: [],
      findings: [{ file: 'a.js', line: 1, column: 12, ruleId: 'github-token', category: 'github' }],
    });
    expect(Object.keys(report.findings[0]).sort()).toEqual([
      'category',
      'column',
      'file',
      'fingerprint',
      'line',
      'preview',
      'ruleId',
      'title',
    ]);
  });

  test('skipped paths are listed with their reason and counted; --all scans them', async () => {
    await mkdir(join(dir, 'node_modules', 'dep'), { recursive: true });
    await writeFile(join(dir, 'node_modules', 'dep', 'index.js'), `const t = '${githubToken('p')}';\n`);
    await writeFile(join(dir, 'node_modules', 'dep', 'README.md'), '# dep\n');
    await writeFile(join(dir, 'app.py'), 'import os\n');
    const text = await run([]);
    expect(text.code).toBe(0);
    expect(text.lines).toEqual([
      'Skipped 1 path:',
      '  node_modules/ — folder skipped by default (2 files)',
      '  Scan skipped folders and large files too with --all (binary files are never scanned).',
      'No hardcoded secrets found (1 file scanned, 1 path skipped).',
    ]);
    const json = JSON.parse((await run([], { json: true })).lines[0]!);
    expect(json.skipped).toEqual([{ file: 'node_modules', reason: 'excluded-folder', files: 2 }]);
    const all = await run([], { all: true });
    expect(all.code).toBe(1);
    expect(all.lines[0]).toMatch(/^node_modules\/dep\/index\.js:1:12 github-token — /);
    expect(all.lines.at(-1)).toMatch(/^1 possible secret in 1 file \(3 files scanned\)\./);
  });

  test('bad input: a missing path, or paths with --staged', async () => {
    await expect(run(['missing.txt'])).rejects.toThrow(new UserError('no such file or folder: missing.txt'));
    await expect(run(['a'], { staged: true })).rejects.toBeInstanceOf(UserError);
  });
});
