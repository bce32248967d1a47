import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { execa } from 'execa';

/** Version-control data: never scanned, never listed. */
const VCS_DIRS = new Set(['.git', '.hg', '.svn']);

/**
 * Folders a walk does not enter by default (git mode relies on .gitignore instead): installed
 * dependencies, build output, caches. They are listed as skipped; `scan --all` walks them too.
 */
export const SKIPPED_DIRS = new Set([
  'node_modules',
  'vendor',
  'dist',
  'build',
  'coverage',
  '.venv',
  'venv',
  '__pycache__',
  '.next',
  '.cache',
  'target',
]);
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export interface ListedFile {
  /** Absolute path. */
  path: string;
  /** Path shown to the user: relative to the scan root (or the current folder), `/` separators. */
  display: string;
}

/** A folder the walk did not enter (one of SKIPPED_DIRS), with the number of files in it. */
export interface SkippedFolder {
  path: string;
  display: string;
  files: number;
}

export interface Listing {
  files: ListedFile[];
  skippedFolders: SkippedFolder[];
}

/** The git work tree containing `dir`, or undefined when it is not inside one (or git is absent). */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  const result = await execa('git', ['rev-parse', '--show-toplevel'], { cwd: dir, reject: false, stdin: 'ignore' });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/**
 * Files under `root` that a scan should read. Inside a git work tree: `git ls-files` (tracked and
 * untracked-but-not-ignored, so .gitignore is respected). Elsewhere, or for a folder git ignores
 * as a whole: a walk that skips symbolic links and, below the root, SKIPPED_DIRS — those are
 * returned in `skippedFolders` with their file counts, unless `all` asks to walk them too.
 */
export async function listFiles(root: string, displayBase: string, all = false): Promise<Listing> {
  const absolute = resolve(root);
  // A folder git ignores (node_modules, named explicitly) is walked: git would list nothing.
  const inGit = (await gitTopLevel(absolute)) !== undefined && !(await isGitIgnored(absolute));
  const skipped: string[] = [];
  const paths = inGit ? await gitListFiles(absolute) : await walk(absolute, all ? undefined : skipped);
  const skippedFolders: SkippedFolder[] = [];
  for (const path of skipped) {
    skippedFolders.push({ path, display: toDisplay(path, displayBase), files: await countFiles(path) });
  }
  return { files: paths.map((path) => ({ path, display: toDisplay(path, displayBase) })), skippedFolders };
}

/** Regular files under `dir`, without reading them (symbolic links are not followed). */
async function countFiles(dir: string): Promise<number> {
  let count = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory() && !VCS_DIRS.has(entry.name)) count += await countFiles(join(dir, entry.name));
    else if (entry.isFile()) count++;
  }
  return count;
}

async function isGitIgnored(dir: string): Promise<boolean> {
  const result = await execa('git', ['check-ignore', '-q', dir], { cwd: dir, reject: false, stdin: 'ignore' });
  return result.exitCode === 0;
}

async function gitListFiles(dir: string): Promise<string[]> {
  const { stdout } = await execa(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'],
    {
      cwd: dir,
      stdin: 'ignore',
      stripFinalNewline: false,
    },
  );
  return stdout
    .split('\0')
    .filter(Boolean)
    .map((file) => join(dir, file));
}

/** Files under `dir`; with `skipped`, SKIPPED_DIRS are not entered but recorded there. */
async function walk(dir: string, skipped: string[] | undefined): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (VCS_DIRS.has(entry.name)) continue;
      if (skipped && SKIPPED_DIRS.has(entry.name)) skipped.push(path);
      else out.push(...(await walk(path, skipped)));
    } else if (entry.isFile()) {
      out.push(path);
    }
  }
  return out;
}

export function toDisplay(path: string, base: string): string {
  const rel = relative(base, path);
  return (rel.startsWith('..') ? path : rel).split(sep).join('/');
}

export type ReadOutcome = { text: string } | { skipped: 'binary' | 'too-large' | 'not-a-file' | 'unreadable' };

/** Reads a text file, or says why it is skipped (binary: a NUL byte in the first 8 KB). */
export async function readTextFile(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadOutcome> {
  try {
    const info = await lstat(path);
    if (!info.isFile()) return { skipped: 'not-a-file' };
    if (info.size > maxBytes) return { skipped: 'too-large' };
    const handle = await open(path, 'r');
    try {
      return decodeText(await handle.readFile());
    } finally {
      await handle.close();
    }
  } catch {
    return { skipped: 'unreadable' };
  }
}

export function decodeText(buffer: Buffer): ReadOutcome {
  if (buffer.subarray(0, 8192).includes(0)) return { skipped: 'binary' };
  return { text: buffer.toString('utf8') };
}
