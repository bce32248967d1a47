import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { reachablePaths } from './git-history.js';
import type { CheckOutcome } from './types.js';

/**
 * A file taken out of a repository's whole history, as Git sees it: the history was rewritten by
 * git filter-repo (its .git/filter-repo/ record: a repository that never had the file proves
 * nothing), no commit reachable from any branch, tag or reflog entry has the file, and no
 * unreachable object is left in .git for a copy of the folder to carry.
 */
export async function gitFilePurged(repo: string, file: string): Promise<CheckOutcome> {
  const rewritten = await stat(join(repo, '.git', 'filter-repo', 'commit-map')).then(
    () => true,
    () => false,
  );
  if (!rewritten)
    return { done: false, detail: `the history of ${repo} has not been rewritten with git filter-repo yet` };
  const still = await reachablePaths(repo, file);
  if (still.length > 0)
    return {
      done: false,
      detail: `${file} is still in ${still.length} version(s) reachable from a branch, tag or the reflog of ${repo}`,
    };
  const fsck = await execa('git', ['fsck', '--unreachable', '--no-reflogs', '--no-progress'], {
    cwd: repo,
    reject: false,
    stdin: 'ignore',
    timeout: 30_000,
  });
  const unreachable = fsck.stdout.split('\n').filter((line) => line.startsWith('unreachable ')).length;
  if (unreachable > 0)
    return {
      done: false,
      detail: `${unreachable} unreachable object(s) are still in ${repo}/.git: git reflog expire --expire=now --all && git gc --prune=now`,
    };
  return { done: true, detail: `${file} is in no commit of ${repo}, and no old object is left in .git` };
}
