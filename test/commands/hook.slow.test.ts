import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { githubToken, jwt, password, stripeLiveKey } from '../../src/scanner/corpus/values.js';
import { packageRoot } from '../../src/util/package-info.js';
import { seedEachTest } from '../helpers/seeded.js';

// Random values come from a seed named in any failure, so a run cannot fail by chance.
seedEachTest();

// End to end through the built CLI (npm test builds first) and real git commits.
const cliPath = join(packageRoot, 'dist', 'cli.js');
let home: string;
let repo: string;

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does)');
});

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'sw-hook-home-'));
  repo = await mkdtemp(join(tmpdir(), 'sw-hook-repo-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
  await rm(repo, { recursive: true, force: true });
});

// An isolated git: no global or system config (no stray core.hooksPath), a fixed identity.
const env = () => ({
  HOME: home,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
});
const git = (...args: string[]) => execa('git', args, { cwd: repo, env: env(), reject: false, stdin: 'ignore' });
const cli = (...args: string[]) =>
  execa(process.execPath, [cliPath, ...args], { cwd: repo, env: env(), reject: false, stdin: 'ignore' });

async function commitFile(name: string, content: string) {
  await mkdir(join(repo, name, '..'), { recursive: true });
  await writeFile(join(repo, name), content);
  await git('add', name);
  return git('commit', '-m', `add ${name}`);
}

describe('scan through the CLI', () => {
  test('exit codes: 0 clean, 1 findings, 2 missing path or unknown option', async () => {
    await writeFile(join(repo, 'ok.py'), 'import os\n');
    expect((await cli('scan')).exitCode).toBe(0);
    await writeFile(join(repo, 'bad.py'), `KEY = "${stripeLiveKey()}"\n`);
    const found = await cli('scan');
    expect(found.exitCode).toBe(1);
    expect(found.stdout).toMatch(/^bad\.py:1:8 stripe-live-key — /m);
    const missing = await cli('scan', 'nope');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe('error: no such file or folder: nope');
    const unknown = await cli('scan', '--nope');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr.split('\n')).toHaveLength(1);
  });
});

describe('hook install', () => {
  test('outside a repository: one line, exit 2', async () => {
    const result = await cli('hook', 'install');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^error: not a git repository/);
    expect(result.stderr.split('\n')).toHaveLength(1);
  });

  test('a commit with a secret is refused, a clean commit passes', async () => {
    await git('init', '-q');
    const install = await cli('hook', 'install');
    expect(install.exitCode).toBe(0);
    expect(install.stdout).toContain('Installed the pre-commit hook at');
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    expect((await stat(hook)).mode & 0o111).not.toBe(0);

    const token = githubToken('p');
    const refused = await commitFile('src/app.py', `TOKEN = "${token}"\n`);
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/src\/app\.py:1:10 github-token/);
    expect(refused.stdout + refused.stderr).not.toContain(token);
    expect((await git('rev-parse', '--verify', 'HEAD')).exitCode).not.toBe(0); // nothing committed

    const clean = await commitFile('src/app.py', 'import os\nTOKEN = os.environ["TOKEN"]\n');
    expect(clean.exitCode, clean.stderr).toBe(0);
    expect((await git('log', '--oneline')).stdout.split('\n')).toHaveLength(1);

    // Running install again updates our own hook without --force.
    const again = await cli('hook', 'install');
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('Updated');
  });

  test('what the hook used to let through is refused: a JWT in a .js file, a curl --user password in a .sh file', async () => {
    await git('init', '-q');
    expect((await cli('hook', 'install')).exitCode).toBe(0);
    const token = jwt();
    const jsRefused = await commitFile(
      'src/api.js',
      `const headers = { Authorization: 'Bearer ${token}' };\nmodule.exports = { headers };\n`,
    );
    expect(jsRefused.exitCode).not.toBe(0);
    expect(jsRefused.stdout + jsRefused.stderr).toMatch(/src\/api\.js:1:\d+ jwt — /);
    expect(jsRefused.stdout + jsRefused.stderr).not.toContain(token);
    await git('reset', '-q');

    const pass = password().replace(/['"$`\\!]/g, 'x');
    const shRefused = await commitFile(
      'deploy.sh',
      `#!/bin/sh\ncurl -fsS --user "deploy:${pass}" \\\n  https://ci.example.com/api/deploy\n`,
    );
    expect(shRefused.exitCode).not.toBe(0);
    expect(shRefused.stdout + shRefused.stderr).toMatch(/deploy\.sh:2:\d+ command-line-credentials — /);
    expect(shRefused.stdout + shRefused.stderr).not.toContain(pass);
    await git('reset', '-q');
    expect((await git('rev-parse', '--verify', 'HEAD')).exitCode).not.toBe(0); // nothing committed

    // The same files reading their secrets from the environment go through.
    await writeFile(
      join(repo, 'src/api.js'),
      'const headers = { Authorization: `Bearer ${process.env.API_TOKEN}` };\n',
    );
    await writeFile(
      join(repo, 'deploy.sh'),
      '#!/bin/sh\ncurl -fsS --user "deploy:$DEPLOY_PASSWORD" https://ci.example.com/api/deploy\n',
    );
    await git('add', 'src/api.js', 'deploy.sh');
    const clean = await git('commit', '-m', 'deploy script');
    expect(clean.exitCode, clean.stdout + clean.stderr).toBe(0);
  });

  test('a foreign hook is kept unless --force, then backed up and restored by uninstall', async () => {
    await git('init', '-q');
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    const foreign = '#!/bin/sh\necho "lint hook"\nexit 0\n';
    await writeFile(hook, foreign, { mode: 0o755 });

    const refused = await cli('hook', 'install');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/^error: a pre-commit hook not written by secrets-workbook exists at .*--force/);
    expect(await readFile(hook, 'utf8')).toBe(foreign);

    const forced = await cli('hook', 'install', '--force');
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toContain('pre-commit.secrets-workbook-backup');
    expect(await readFile(`${hook}.secrets-workbook-backup`, 'utf8')).toBe(foreign);
    expect(await readFile(hook, 'utf8')).toContain('# secrets-workbook pre-commit hook');
    expect((await commitFile('.env', `DB_PASSWORD=${password()}\n`)).exitCode).not.toBe(0);
    await git('reset', '-q');

    const removed = await cli('hook', 'uninstall');
    expect(removed.exitCode).toBe(0);
    expect(await readFile(hook, 'utf8')).toBe(foreign);
    expect(existsSync(`${hook}.secrets-workbook-backup`)).toBe(false);
    // Uninstall leaves a hook that is not ours alone.
    expect((await cli('hook', 'uninstall')).exitCode).toBe(1);
    expect(await readFile(hook, 'utf8')).toBe(foreign);
  });

  test('core.hooksPath is honoured', async () => {
    await git('init', '-q');
    await git('config', 'core.hooksPath', '.githooks');
    expect((await cli('hook', 'install')).exitCode).toBe(0);
    expect(existsSync(join(repo, '.githooks', 'pre-commit'))).toBe(true);
    expect(existsSync(join(repo, '.git', 'hooks', 'pre-commit'))).toBe(false);
    const refused = await commitFile('config.yaml', `stripe_key: ${stripeLiveKey()}\n`);
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('stripe-live-key');
  });

  test('the hook falls back to a secrets-workbook on PATH when the installing CLI is gone', async () => {
    await git('init', '-q');
    expect((await cli('hook', 'install')).exitCode).toBe(0);
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    const script = (await readFile(hook, 'utf8')).replace(/^cli=.*$/m, "cli='/nonexistent/cli.js'");
    await writeFile(hook, script, { mode: 0o755 });
    const bin = join(home, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'secrets-workbook'), `#!/bin/sh\nexec '${process.execPath}' '${cliPath}' "$@"\n`, {
      mode: 0o755,
    });
    await writeFile(join(repo, 'a.py'), `T = "${githubToken('s')}"\n`);
    await git('add', 'a.py');
    const refused = await execa('git', ['commit', '-m', 'x'], {
      cwd: repo,
      env: { ...env(), PATH: `${bin}:/usr/bin:/bin` },
      reject: false,
    });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('github-token');
    // With nothing to run, the commit is refused with an explanation rather than let through.
    const none = await execa('git', ['commit', '-m', 'x'], {
      cwd: repo,
      env: { ...env(), PATH: '/usr/bin:/bin' },
      reject: false,
    });
    expect(none.exitCode).not.toBe(0);
    expect(none.stderr).toContain('secrets-workbook is no longer installed');
  });
});
