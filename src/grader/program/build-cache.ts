import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import envPaths from 'env-paths';

/**
 * Where a learner's compiled program is kept between grades: one folder per source folder, in
 * the user's cache. `go build -o` leaves an up-to-date binary alone, so a second grade of the
 * same code skips the link (about 2 s for a program using vault/api, 0.3 s when up to date).
 */
export function buildDirFor(sourceDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const root = env.SECRETS_WORKBOOK_HOME
    ? join(env.SECRETS_WORKBOOK_HOME, 'cache')
    : envPaths('secrets-workbook', { suffix: '' }).cache;
  return join(root, 'builds', createHash('sha256').update(sourceDir).digest('hex').slice(0, 16));
}

/** Builds of one folder, one at a time within this process (two grades of it at once share the output). */
const building = new Map<string, Promise<unknown>>();

export function serialiseBuild<T>(key: string, build: () => Promise<T>): Promise<T> {
  const previous = building.get(key) ?? Promise.resolve();
  const next = previous.then(build, build);
  building.set(
    key,
    next.catch(() => undefined),
  );
  return next;
}

const NOT_SOURCE = new Set(['.git', 'node_modules', '__pycache__', '.venv', 'venv', '.cache']);

/**
 * A cheap fingerprint of what a build depends on: every file of the folder (path, size, mtime),
 * the toolchain binary and the build-relevant environment. Equal fingerprints and an existing
 * output mean the build can be skipped altogether.
 */
export async function sourceFingerprint(
  dir: string,
  toolchain: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (current: string, prefix: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) {
        if (!NOT_SOURCE.has(entry.name)) await walk(join(current, entry.name), `${prefix}${entry.name}/`);
      } else {
        const info = await stat(join(current, entry.name)).catch(() => undefined);
        if (info) hash.update(`${prefix}${entry.name}\0${info.size}\0${info.mtimeMs}\n`);
      }
    }
  };
  await walk(dir, '');
  const tool = toolchain ? await stat(toolchain).catch(() => undefined) : undefined;
  hash.update(`tool\0${toolchain}\0${tool?.mtimeMs}\n`);
  for (const name of ['GOFLAGS', 'GOOS', 'GOARCH', 'CGO_ENABLED', 'GOTOOLCHAIN', 'GOPATH', 'GOMODCACHE'])
    hash.update(`${name}=${env[name] ?? ''}\n`);
  return hash.digest('hex');
}

export async function readFingerprint(output: string): Promise<string | undefined> {
  const [saved, binary] = await Promise.all([
    readFile(`${output}.fingerprint`, 'utf8').catch(() => undefined),
    stat(output).catch(() => undefined),
  ]);
  return binary ? saved : undefined;
}

export async function writeFingerprint(output: string, fingerprint: string): Promise<void> {
  await writeFile(`${output}.fingerprint`, fingerprint);
}
