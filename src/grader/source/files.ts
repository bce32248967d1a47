import { open, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * The learner's own text files: what the source checks look at. Dependencies, build output,
 * VCS data and binaries are skipped; the walk is bounded so a huge folder cannot stall a grade.
 */
const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  'env',
  '__pycache__',
  'dist',
  'build',
  'target',
  'vendor',
  '.next',
  '.cache',
  '.idea',
  '.vscode',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
]);
const SKIP_FILES = new Set([
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'go.sum',
  'poetry.lock',
  'Pipfile.lock',
  'Cargo.lock',
]);
const MAX_FILE_BYTES = 512 * 1024;
const MAX_FILES = 2_000;

export interface SourceFile {
  /** Relative to the folder, `/`-separated. */
  path: string;
  text: string;
}

export async function readSourceFiles(dir: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const pending = [dir];
  while (pending.length > 0 && files.length < MAX_FILES) {
    const current = pending.shift()!;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) pending.push(full);
      } else if (entry.isFile() && !SKIP_FILES.has(entry.name)) {
        const text = await readText(full);
        if (text !== undefined) files.push({ path: relative(dir, full).split(sep).join('/'), text });
        if (files.length >= MAX_FILES) break;
      }
    }
  }
  return files;
}

async function readText(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    if (size > MAX_FILE_BYTES) return undefined;
    const buffer = Buffer.alloc(size);
    await handle.read(buffer, 0, size, 0);
    // A NUL byte in the first 8 KB: a binary (a compiled program, an image), not source.
    if (buffer.subarray(0, 8192).includes(0)) return undefined;
    return buffer.toString('utf8');
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

/** 1-based line number of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}
