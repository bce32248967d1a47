/**
 * A large, real source tree to time scanners on: the first N text files (1 MiB or less) of this
 * project's node_modules, copied into a temporary folder. Folder names that some scanner skips on
 * its own (node_modules, vendor, dist, build, …) are renamed, so that all three read the same files.
 */
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, extname, join, relative } from 'node:path';

const TEXT_EXTENSIONS = new Set([
  '.js',
  '.mjs',
  '.cjs',
  '.ts',
  '.mts',
  '.cts',
  '.tsx',
  '.jsx',
  '.json',
  '.md',
  '.yml',
  '.yaml',
  '.txt',
  '.d.ts',
  '.css',
  '.html',
  '.map',
  '.py',
  '.go',
  '.sh',
  '.toml',
  '.flow',
]);
const RENAMED = new Map([
  ['node_modules', 'nm'],
  ['vendor', 'vendored'],
  ['dist', 'distributed'],
  ['build', 'built'],
  ['coverage', 'covered'],
  ['target', 'targets'],
  ['.cache', 'cache'],
]);

async function* textFiles(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* textFiles(path);
    else if (entry.isFile() && TEXT_EXTENSIONS.has(extname(entry.name)) && (await stat(path)).size <= 1024 * 1024)
      yield path;
  }
}

/** Copies up to `count` files from `source` into `target`; returns how many files and bytes. */
export async function buildTree(
  source: string,
  target: string,
  count: number,
): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for await (const path of textFiles(source)) {
    const rel = relative(source, path)
      .split('/')
      .map((part) => RENAMED.get(part) ?? part)
      .join('/');
    const out = join(target, rel);
    await mkdir(dirname(out), { recursive: true });
    await copyFile(path, out);
    files++;
    bytes += (await stat(path)).size;
    if (files >= count) break;
  }
  return { files, bytes };
}
