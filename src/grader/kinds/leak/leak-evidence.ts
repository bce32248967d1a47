import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { objectsHolding, type ObjectHit } from '../../../course/checks/git-history.js';
import { runLocalCheck } from '../../../course/checks/local.js';
import type { CheckOutcome } from '../../../course/checks/types.js';
import type { VaultAdmin } from '../../../vault/admin-client.js';
import { readSourceFiles } from '../../source/files.js';
import type { LeakRepo } from './leak-repo.js';

/**
 * What the leak-response grade judges, read once the program has ended: the secret's versions in
 * Vault (values compared in memory, never kept in a report), where the leaked value survives in
 * the repository, which refs and files the clean-up kept, when the history was rewritten, what
 * is left lying in the working tree and the program's folder, and what the pre-commit hook does.
 */
export interface VersionState {
  version: number;
  createdTime: Date;
  destroyed: boolean;
  deleted: boolean;
  /** Whether its data is the leaked value: undefined when it cannot be read (deleted or destroyed). */
  holdsLeaked?: boolean;
}

export interface VaultState {
  versions: VersionState[];
  currentVersion: number;
  /** The current version's value (in memory only), when it can be read. */
  current?: string;
  /** Vault could not be asked (the message, never a value). */
  error?: string;
}

export interface RepoState {
  hits: ObjectHit[];
  /** Refs the repository started with that are gone. */
  missingRefs: string[];
  /** Kept files that changed or went missing, as `ref:path`. */
  changedFiles: string[];
  /** When `git filter-repo` last rewrote it (its .git/filter-repo/commit-map), if it did. */
  rewrittenAt?: Date;
  /** Files (in the repository's working tree or the program's folder) holding the leaked or the new value. */
  filesWithValues: string[];
  hook: CheckOutcome;
  /** The repository could not be read at all (deleted, not a repository any more). */
  error?: string;
}

export async function readVaultState(
  admin: VaultAdmin,
  where: { mount: string; path: string; field: string },
  leaked: string,
): Promise<VaultState> {
  try {
    const metadata = await admin.read<{
      current_version: number;
      versions: Record<string, { created_time: string; deletion_time: string; destroyed: boolean }>;
    }>(`${where.mount}/metadata/${where.path}`);
    const versions: VersionState[] = [];
    let current: string | undefined;
    for (const [number, info] of Object.entries(metadata.data.versions)) {
      const version = Number(number);
      const state: VersionState = {
        version,
        createdTime: new Date(info.created_time),
        destroyed: info.destroyed,
        deleted: Boolean(info.deletion_time),
      };
      if (!state.destroyed && !state.deleted) {
        const read = await admin.readIfExists<{ data: Record<string, unknown> | null }>(
          `${where.mount}/data/${where.path}?version=${version}`,
        );
        const value = read?.data?.data?.[where.field];
        if (typeof value === 'string') {
          state.holdsLeaked = value === leaked;
          if (version === metadata.data.current_version) current = value;
        }
      }
      versions.push(state);
    }
    versions.sort((a, b) => a.version - b.version);
    return { versions, currentVersion: metadata.data.current_version, ...(current !== undefined ? { current } : {}) };
  } catch (error) {
    return { versions: [], currentVersion: 0, error: (error as Error).message.split('\n')[0] ?? 'unknown error' };
  }
}

export async function readRepoState(
  repo: LeakRepo,
  programDir: string,
  values: { leaked: string; current?: string },
): Promise<RepoState> {
  const { dir } = repo;
  const hook = await runLocalCheck({ type: 'hook-blocks-secret', repo: dir }, dir);
  const filesWithValues = await filesHolding(dir, programDir, values);
  const isRepo = await execa('git', ['rev-parse', '--git-dir'], { cwd: dir, reject: false, stdin: 'ignore' });
  if (isRepo.exitCode !== 0 || isRepo.stdout.trim() !== '.git') {
    return {
      hits: [],
      missingRefs: repo.refs,
      changedFiles: [],
      filesWithValues,
      hook,
      error: `${dir} is no longer a Git repository`,
    };
  }
  const [hits, refs, rewrittenAt] = await Promise.all([
    objectsHolding(dir, values.leaked),
    git(dir, ['for-each-ref', '--format=%(refname)']),
    stat(join(dir, '.git', 'filter-repo', 'commit-map')).then(
      (info) => info.mtime,
      () => undefined,
    ),
  ]);
  const present = new Set(refs.split('\n').filter(Boolean));
  const changedFiles: string[] = [];
  for (const file of repo.kept) {
    const shown = await execa('git', ['show', `${file.ref}:${file.path}`], {
      cwd: dir,
      reject: false,
      stdin: 'ignore',
    });
    if (shown.exitCode !== 0 || `${shown.stdout}\n` !== file.content)
      changedFiles.push(`${shortRef(file.ref)}:${file.path}`);
  }
  return {
    hits,
    missingRefs: repo.refs.filter((ref) => !present.has(ref)),
    changedFiles,
    ...(rewrittenAt ? { rewrittenAt } : {}),
    filesWithValues,
    hook,
  };
}

export function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '');
}

async function filesHolding(repoDir: string, programDir: string, values: { leaked: string; current?: string }) {
  const wanted = [values.leaked, values.current].filter((value): value is string => Boolean(value));
  const found: string[] = [];
  for (const [label, dir] of [
    ['the repository', repoDir],
    ['your folder', programDir],
  ] as const) {
    const files = await readSourceFiles(dir).catch(() => []);
    for (const file of files) {
      if (wanted.some((value) => file.text.includes(value))) found.push(`${file.path} in ${label}`);
    }
  }
  return found;
}

async function git(dir: string, args: string[]): Promise<string> {
  return (await execa('git', args, { cwd: dir, stdin: 'ignore', timeout: 30_000 })).stdout;
}
