import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root: the nearest folder above this module whose package.json is ours. Found by
 * walking up rather than by a fixed `../../`, because this module runs from src/util/ (tests),
 * dist/util/ (tsc output) and dist/cli.js (the esbuild bundle, see scripts/build.mjs).
 */
function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'secrets-workbook') return dir;
      } catch {
        // Not ours or not readable: keep walking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return fileURLToPath(new URL('../../', import.meta.url));
    dir = parent;
  }
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

let cachedVersion: string | undefined;

export function packageVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string })
    .version;
  return cachedVersion;
}

/** Folder of the shipped lessons and challenges (included in the npm package). */
export const lessonsDir = join(packageRoot, 'lessons') + '/';
export const challengesDir = join(packageRoot, 'challenges') + '/';
