import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { execa } from 'execa';

/** Folders never worth scanning when we walk ourselves (git mode relies on .gitignore instead). */
export const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
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

/** The git work tree containing `dir`, or undefined when it is not inside one (or git is absent). */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  const result = await execa('git', ['rev-parse', '--show-toplevel'], { cwd: dir, reject: false, stdin: 'ignore' });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/**
 * Files under `root` that a scan should read. Inside a git work tree: `git ls-files` (tracked and
 * untracked-but-not-ignored, so .gitignore is respected). Elsewhere, or for a folder git ignores
 * as a whole: a walk that skips SKIPPED_DIRS (below the root) and symbolic links.
 */
export async function listFiles(root: string, displayBase: string): Promise<ListedFile[]> {
  const absolute = resolve(root);
  // A folder git ignores (node_modules, named explicitly) is walked: git would list nothing.
  const inGit = (await gitTopLevel(absolute)) !== undefined && !(await isGitIgnored(absolute));
  const paths = inGit ? await gitListFiles(absolute) : await walk(absolute);
  return paths.map((path) => ({ path, display: toDisplay(path, displayBase) }));
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

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...(await walk(path)));
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
