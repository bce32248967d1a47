import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runStepCheck } from '../../../src/course/vault-checks.js';

/** The checks of the learner's folder, judged by what Git does, each seen failing and passing. */
let workDir: string;
const env = {
  GIT_AUTHOR_NAME: 'Learner',
  GIT_AUTHOR_EMAIL: 'learner@example.com',
  GIT_COMMITTER_NAME: 'Learner',
  GIT_COMMITTER_EMAIL: 'learner@example.com',
};
const sh = (script: string) => execa('sh', ['-ec', script], { cwd: workDir, env });
const check = (type: 'git-ignored' | 'hook-blocks-secret', repo: string) =>
  runStepCheck(type === 'git-ignored' ? { type, repo, file: '.env', committed: ['.env.example'] } : { type, repo }, {
    workDir,
  });

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'sw-local-check-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('git-ignored', () => {
  it('needs a repository with an ignored, never committed .env and a committed .env.example', async () => {
    expect((await check('git-ignored', 'my-api')).detail).toMatch(/my-api is not a Git repository yet/);
    await sh('git init -q my-api');
    expect((await check('git-ignored', 'my-api')).detail).toMatch(/there is no \.env in .*my-api yet/);
    await sh('cd my-api && echo "API_KEY=x" > .env');
    expect((await check('git-ignored', 'my-api')).detail).toMatch(/is not ignored/);
    await sh('cd my-api && printf ".env\\n" > .gitignore');
    expect((await check('git-ignored', 'my-api')).detail).toMatch(/\.env\.example is not committed/);
    await sh(
      'cd my-api && printf "API_KEY=\\n" > .env.example && git add .gitignore .env.example && git commit -qm init',
    );
    expect(await check('git-ignored', 'my-api')).toEqual({
      done: true,
      detail: `.env is ignored in ${join(workDir, 'my-api')} and was never committed`,
    });
  });

  it('refuses a .env that was committed once, even if it is ignored and untracked now', async () => {
    await sh(
      'git init -q leaky && cd leaky && echo "API_KEY=x" > .env && git add .env && git commit -qm oops && ' +
        'git rm -q --cached .env && printf ".env\\n" > .gitignore && printf "API_KEY=\\n" > .env.example && ' +
        'git add .gitignore .env.example && git commit -qm fix',
    );
    expect((await check('git-ignored', 'leaky')).detail).toMatch(
      /\.env is in the history of .*leaky: rotate what it held/,
    );
  });

  it('refuses a .env that is staged', async () => {
    await sh('git init -q staged && cd staged && echo "API_KEY=x" > .env && git add .env');
    expect((await check('git-ignored', 'staged')).detail).toMatch(/\.env is staged/);
  });
});

describe('hook-blocks-secret', () => {
  const hook = async (repo: string, body: string, mode = 0o755) => {
    await sh(`git init -q ${repo}`);
    await writeFile(join(workDir, repo, '.git', 'hooks', 'pre-commit'), `#!/bin/sh\n${body}\n`);
    await chmod(join(workDir, repo, '.git', 'hooks', 'pre-commit'), mode);
  };

  it('needs an executable hook that refuses a key and lets a clean commit through', async () => {
    await mkdir(join(workDir, 'empty'));
    expect((await check('hook-blocks-secret', 'empty')).detail).toMatch(/is not a Git repository yet/);
    await sh('git init -q nohook');
    expect((await check('hook-blocks-secret', 'nohook')).detail).toMatch(/has no pre-commit hook yet/);
    await hook('noexec', 'exit 1', 0o644);
    expect((await check('hook-blocks-secret', 'noexec')).detail).toMatch(/is not executable/);
    await hook('lets-all', 'exit 0');
    expect((await check('hook-blocks-secret', 'lets-all')).detail).toBe(
      'the pre-commit hook let a commit with an AWS access key ID through',
    );
    await hook('refuses-all', 'exit 1');
    expect((await check('hook-blocks-secret', 'refuses-all')).detail).toBe(
      'the pre-commit hook refuses even a commit without any secret',
    );
    await hook('scanner', `git diff --cached -U0 | grep '^+' | grep -qE 'AKIA[0-9A-Z]{16}' && exit 1\nexit 0`);
    expect((await check('hook-blocks-secret', 'scanner')).done).toBe(true);
  });
});
