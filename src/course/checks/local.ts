import { randomBytes } from 'node:crypto';
import { access, chmod, constants, copyFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { gitFilePurged } from './git-purged.js';
import type { CheckOutcome, LocalCheck } from './types.js';

/**
 * Checks of the learner's own folders, judged by what Git does (is the file ignored, does the
 * hook refuse a commit), not by what the files say. `workDir` is the folder the course was
 * started in; every path in a check is relative to it.
 */
export async function runLocalCheck(check: LocalCheck, workDir: string): Promise<CheckOutcome> {
  const repo = resolve(workDir, check.repo);
  const top = await git(repo, ['rev-parse', '--show-toplevel']);
  if (top.exitCode !== 0) return { done: false, detail: `${repo} is not a Git repository yet` };
  try {
    if (check.type === 'git-file-purged') return await gitFilePurged(repo, check.file);
    return check.type === 'git-ignored' ? await gitIgnored(check, repo) : await hookBlocks(repo);
  } catch (error) {
    return { done: false, detail: `could not check ${repo}: ${(error as Error).message.split('\n')[0]}` };
  }
}

async function gitIgnored(check: Extract<LocalCheck, { type: 'git-ignored' }>, repo: string): Promise<CheckOutcome> {
  const file = check.file;
  if (!(await exists(join(repo, file)))) return { done: false, detail: `there is no ${file} in ${repo} yet` };
  const everCommitted = await git(repo, ['log', '--all', '--format=%h', '--', file]);
  if (everCommitted.stdout.trim())
    return {
      done: false,
      detail: `${file} is in the history of ${repo}: rotate what it held, then remove it from history (or start a fresh repository)`,
    };
  if ((await git(repo, ['ls-files', '--error-unmatch', '--', file])).exitCode === 0)
    return { done: false, detail: `${file} is staged in ${repo}: git rm --cached ${file}` };
  if ((await git(repo, ['check-ignore', '-q', '--', file])).exitCode !== 0)
    return { done: false, detail: `${file} in ${repo} is not ignored: git status would offer to commit it` };
  for (const name of check.committed ?? []) {
    if ((await git(repo, ['cat-file', '-e', `HEAD:${name}`])).exitCode !== 0)
      return { done: false, detail: `${name} is not committed in ${repo} yet (it tells others what to set)` };
  }
  return { done: true, detail: `${file} is ignored in ${repo} and was never committed` };
}

/**
 * Copy the repository's pre-commit hook into two throwaway repositories and let Git run it: a
 * commit adding a key-shaped value (made up here, at run time) must be refused, a clean commit
 * must go through — a hook that refuses everything is not a scanner.
 */
async function hookBlocks(repo: string): Promise<CheckOutcome> {
  const hooksDir = resolve(repo, (await git(repo, ['rev-parse', '--git-path', 'hooks'])).stdout.trim());
  const hook = join(hooksDir, 'pre-commit');
  if (!(await exists(hook))) return { done: false, detail: `${repo} has no pre-commit hook yet (${hook})` };
  if (!(await executable(hook))) return { done: false, detail: `${hook} is not executable: chmod +x it` };
  const fakeKey = `AKIA${Array.from(randomBytes(16), (byte) => KEY_ALPHABET[byte % 32]).join('')}`;
  const withKey = await commitThroughHook(hook, `aws_access_key_id = "${fakeKey}"\n`);
  if (withKey === 'committed')
    return { done: false, detail: 'the pre-commit hook let a commit with an AWS access key ID through' };
  const clean = await commitThroughHook(hook, 'timeout_seconds = 30\n');
  if (clean !== 'committed')
    return { done: false, detail: 'the pre-commit hook refuses even a commit without any secret' };
  return { done: true, detail: `${repo}'s pre-commit hook refused a commit with a key and let a clean one through` };
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

async function commitThroughHook(hook: string, content: string): Promise<'committed' | 'refused'> {
  const dir = await mkdtemp(join(tmpdir(), 'sw-hook-check-'));
  try {
    const env = {
      GIT_AUTHOR_NAME: 'check',
      GIT_AUTHOR_EMAIL: 'check@example.com',
      GIT_COMMITTER_NAME: 'check',
      GIT_COMMITTER_EMAIL: 'check@example.com',
    };
    await git(dir, ['init', '-q']);
    const copy = join(dir, '.git', 'hooks', 'pre-commit');
    await copyFile(hook, copy);
    await chmod(copy, 0o755);
    await writeFile(join(dir, 'config.py'), content);
    await git(dir, ['add', 'config.py']);
    const commit = await execa('git', ['-c', 'core.hooksPath=.git/hooks', 'commit', '-q', '-m', 'check'], {
      cwd: dir,
      env,
      reject: false,
      stdin: 'ignore',
      timeout: 30_000,
    });
    return commit.exitCode === 0 ? 'committed' : 'refused';
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function git(cwd: string, args: string[]) {
  return execa('git', args, { cwd, reject: false, stdin: 'ignore', timeout: 15_000 });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}
