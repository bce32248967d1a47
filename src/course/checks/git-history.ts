import { execa } from 'execa';

/**
 * Where a value (or a file) survives in a Git repository, as Git itself sees it: every object of
 * the repository read back with `git cat-file --batch-all-objects --batch`, and sorted into what
 * is reachable — from any branch, tag, remote-tracking ref, stash or reflog entry
 * (`git rev-list --objects --all --reflog`), which a push, a clone or a `git reflog` brings
 * back — and what is only still in the object store (unreachable, loose or packed), which a copy
 * of `.git` (a backup, a CI cache, a tarball) still carries until `git gc --prune=now`.
 */
export interface ObjectHit {
  sha: string;
  type: string;
  /** The path it was reachable under (a blob or tree), when it is reachable and has one. */
  path?: string;
  reachable: boolean;
}

export async function objectsHolding(repo: string, value: string): Promise<ObjectHit[]> {
  const needle = Buffer.from(value, 'utf8');
  const [all, reachable] = await Promise.all([allObjects(repo), reachableObjects(repo)]);
  const hits: ObjectHit[] = [];
  for (const object of all) {
    if (!object.content.includes(needle)) continue;
    const path = reachable.get(object.sha);
    hits.push({
      sha: object.sha,
      type: object.type,
      reachable: path !== undefined,
      ...(path ? { path } : {}),
    });
  }
  return hits;
}

/** Reachable objects (from every ref and reflog entry) named `path`: a file still in history. */
export async function reachablePaths(repo: string, path: string): Promise<string[]> {
  const reachable = await reachableObjects(repo);
  return [...reachable].filter(([, name]) => name === path).map(([sha]) => sha);
}

/** sha → the path it is reachable under ('' for commits and the root trees). */
async function reachableObjects(repo: string): Promise<Map<string, string>> {
  const listed = await git(repo, ['rev-list', '--objects', '--all', '--reflog']);
  const objects = new Map<string, string>();
  for (const line of listed.split('\n')) {
    if (!line) continue;
    const space = line.indexOf(' ');
    objects.set(space === -1 ? line : line.slice(0, space), space === -1 ? '' : line.slice(space + 1));
  }
  return objects;
}

interface StoredObject {
  sha: string;
  type: string;
  content: Buffer;
}

async function allObjects(repo: string): Promise<StoredObject[]> {
  const result = await execa('git', ['cat-file', '--batch-all-objects', '--batch'], {
    cwd: repo,
    encoding: 'buffer',
    stdin: 'ignore',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 60_000,
  });
  const out = Buffer.from(result.stdout);
  const objects: StoredObject[] = [];
  let at = 0;
  while (at < out.length) {
    const end = out.indexOf(0x0a, at);
    if (end === -1) break;
    const [sha, type, size] = out.subarray(at, end).toString('utf8').split(' ');
    const length = Number(size);
    if (!sha || !type || !Number.isInteger(length)) throw new Error('git cat-file printed something unexpected');
    objects.push({ sha, type, content: out.subarray(end + 1, end + 1 + length) });
    at = end + 1 + length + 1;
  }
  return objects;
}

async function git(repo: string, args: string[]): Promise<string> {
  const result = await execa('git', args, { cwd: repo, stdin: 'ignore', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return result.stdout;
}
