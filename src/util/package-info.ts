import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package root, found relative to this file both in src/ (tests) and in dist/ (installed). */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

let cachedVersion: string | undefined;

export function packageVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cachedVersion;
}

/** Folder of the shipped lessons and challenges (included in the npm package). */
export const lessonsDir = fileURLToPath(new URL('../../lessons/', import.meta.url));
export const challengesDir = fileURLToPath(new URL('../../challenges/', import.meta.url));
