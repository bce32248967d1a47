import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { scanPaths, scanStaged } from '../../src/scanner/scan-paths.js';
import { githubToken, password, stripeLiveKey } from '../../src/scanner/corpus/values.js';
import { packageRoot } from '../../src/util/package-info.js';
import { UserError } from '../../src/util/errors.js';
import { seedEachTest } from '../helpers/seeded.js';

// Random values come from a seed named in any failure, so a run cannot fail by chance.
seedEachTest();

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sw-scan-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function put(dir: string, file: string, content: string | Buffer): Promise<void> {
  await mkdir(join(dir, file, '..'), { recursive: true });
  await writeFile(join(dir, file), content);
}

const git = (cwd: string, ...args: string[]) =>
  execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd });

describe('scanPaths outside git', () => {
  test('walks the folder, skipping node_modules, .git, vendor, dist, binaries and large files', async () => {
    const dir = await tempDir();
    await put(dir, 'src/app.py', `token = "${githubToken('p')}"\n`);
    for (const skipped of ['node_modules/x/index.js', '.git/config', 'vendor/lib.go', 'dist/app.js'])
      await put(dir, skipped, `token = "${githubToken('p')}"\n`);
    await put(
      dir,
      'logo.png',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Buffer.from(`token = "${githubToken('p')}"`)]),
    );
    await put(dir, 'big.txt', `token = "${githubToken('p')}"\n` + 'x'.repeat(2 * 1024 * 1024));
    const result = await scanPaths([dir], { cwd: dir });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      'src/app.py:1:10 github-token',
    ]);
    expect(result.filesScanned).toBe(1);
    // Every skipped path is listed with its reason; folders with their file counts. .git is not a skip.
    expect(result.skipped).toEqual([
      { file: 'dist', reason: 'excluded-folder', files: 1 },
      { file: 'node_modules', reason: 'excluded-folder', files: 1 },
      { file: 'vendor', reason: 'excluded-folder', files: 1 },
      { file: 'big.txt', reason: 'too-large' },
      { file: 'logo.png', reason: 'binary' },
    ]);
  });

  test('all: the skipped folders (nested ones too) and large files are scanned, binaries and .git still not', async () => {
    const dir = await tempDir();
    await put(
      dir,
      'pkg/node_modules/dep/build/config.js',
      `const token = "${githubToken('p')}";
`,
    );
    await put(
      dir,
      'vendor/lib.go',
      `token := "${githubToken('p')}"
`,
    );
    await put(
      dir,
      '.git/config',
      `token = "${githubToken('p')}"
`,
    );
    await put(
      dir,
      'big.txt',
      `token = "${githubToken('p')}"
` + 'x'.repeat(2 * 1024 * 1024),
    );
    await put(dir, 'logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
    const defaults = await scanPaths([dir], { cwd: dir });
    expect(defaults.findings).toEqual([]);
    expect(defaults.skipped.map((s) => `${s.file} ${s.reason} ${s.files ?? ''}`.trim())).toEqual([
      'pkg/node_modules excluded-folder 1',
      'vendor excluded-folder 1',
      'big.txt too-large',
      'logo.png binary',
    ]);
    const all = await scanPaths([dir], { cwd: dir, all: true });
    expect(all.findings.map((f) => f.file).sort()).toEqual([
      'big.txt',
      'pkg/node_modules/dep/build/config.js',
      'vendor/lib.go',
    ]);
    expect(all.skipped).toEqual([{ file: 'logo.png', reason: 'binary' }]);
  });

  test('a file named explicitly is scanned; paths are shown relative to cwd', async () => {
    const dir = await tempDir();
    await put(dir, 'config/.env', `STRIPE_KEY=${stripeLiveKey()}\nDB_PASSWORD=${password()}\n`);
    const result = await scanPaths(['config/.env'], { cwd: dir });
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.category}`)).toEqual([
      'config/.env:1 stripe',
      'config/.env:2 password',
    ]);
  });

  test('exclude skips by name or folder', async () => {
    const dir = await tempDir();
    await put(dir, '.env', `DB_PASSWORD=${password()}\n`);
    await put(dir, 'generated/keys.ts', `const t = "${githubToken('p')}";\n`);
    expect((await scanPaths([dir], { cwd: dir, exclude: ['.env', 'generated'] })).findings).toEqual([]);
  });

  test('a missing path is a UserError with one line', async () => {
    const dir = await tempDir();
    await expect(scanPaths(['nope'], { cwd: dir })).rejects.toThrow(new UserError('no such file or folder: nope'));
  });
});

describe('scanPaths inside git', () => {
  test('respects .gitignore and includes untracked files', async () => {
    const dir = await tempDir();
    await git(dir, 'init', '-q');
    await put(dir, '.gitignore', 'secrets/\n*.local\n');
    await put(dir, 'secrets/prod.env', `DB_PASSWORD=${password()}\n`);
    await put(dir, 'app.local', `DB_PASSWORD=${password()}\n`);
    await put(dir, 'tracked.py', `PASSWORD = "${password()}"\n`);
    await git(dir, 'add', 'tracked.py', '.gitignore');
    await git(dir, 'commit', '-qm', 'init');
    await put(dir, 'untracked.yaml', `password: ${password()}\n`);
    const result = await scanPaths([dir], { cwd: dir });
    expect(result.findings.map((f) => f.file).sort()).toEqual(['tracked.py', 'untracked.yaml']);
  });

  test('a folder git ignores, named explicitly, is walked', async () => {
    const dir = await tempDir();
    await git(dir, 'init', '-q');
    await put(dir, '.gitignore', 'generated/\n');
    await put(dir, 'generated/keys.py', `TOKEN = "${githubToken('p')}"\n`);
    expect((await scanPaths([dir], { cwd: dir })).findings).toEqual([]);
    expect((await scanPaths(['generated'], { cwd: dir })).findings.map((f) => f.file)).toEqual(['generated/keys.py']);
  });

  test('this repository has no hardcoded secrets', async () => {
    const result = await scanPaths([packageRoot], { cwd: packageRoot });
    expect(result.filesScanned).toBeGreaterThan(30);
    expect(result.findings).toEqual([]);
  });
});

describe('scanStaged', () => {
  test('scans the index version, not the work tree', async () => {
    const dir = await tempDir();
    await git(dir, 'init', '-q');
    await put(dir, 'a.py', `TOKEN = "${githubToken('p')}"\n`);
    await git(dir, 'add', 'a.py');
    await put(dir, 'a.py', 'TOKEN = os.environ["TOKEN"]\n'); // fixed in the work tree but not staged
    await put(dir, 'b.py', `PASSWORD = "${password()}"\n`); // not staged at all
    const staged = await scanStaged({ cwd: dir });
    expect(staged.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual(['a.py github-token']);
    await git(dir, 'add', 'a.py');
    expect((await scanStaged({ cwd: dir })).findings).toEqual([]);
  });

  test('paths are relative to a subfolder cwd; deleted files are ignored', async () => {
    const dir = await tempDir();
    await git(dir, 'init', '-q');
    await put(dir, 'gone.txt', 'x\n');
    await git(dir, 'add', '.');
    await git(dir, 'commit', '-qm', 'init');
    await git(dir, 'rm', '-q', 'gone.txt');
    await put(dir, 'svc/config/app.yaml', `password: ${password()}\n`);
    await git(dir, 'add', '.');
    const result = await scanStaged({ cwd: join(dir, 'svc') });
    expect(result.findings.map((f) => f.file)).toEqual(['config/app.yaml']);
  });

  test('outside a repository it is a UserError', async () => {
    const dir = await tempDir();
    await expect(scanStaged({ cwd: dir })).rejects.toBeInstanceOf(UserError);
  });
});
