import { createHash } from 'node:crypto';
import { join } from 'node:path';
import envPaths from 'env-paths';

/**
 * Where a learner's compiled program is kept between grades: one folder per source folder, in
 * the user's cache. `go build -o` leaves an up-to-date binary alone, so a second grade of the
 * same code skips the link (about 2 s for a program using vault/api, 0.3 s when up to date).
 */
export function buildDirFor(sourceDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const root = env.SECRETS_WORKBOOK_HOME ? join(env.SECRETS_WORKBOOK_HOME, 'cache') : envPaths('secrets-workbook', { suffix: '' }).cache;
  return join(root, 'builds', createHash('sha256').update(sourceDir).digest('hex').slice(0, 16));
}

/** Builds of one folder, one at a time within this process (two grades of it at once share the output). */
const building = new Map<string, Promise<unknown>>();

export function serialiseBuild<T>(key: string, build: () => Promise<T>): Promise<T> {
  const previous = building.get(key) ?? Promise.resolve();
  const next = previous.then(build, build);
  building.set(key, next.catch(() => undefined));
  return next;
}
