import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { Script } from 'node:vm';
import envPaths from 'env-paths';
import { mark } from './timing.js';

/**
 * A V8 code cache for the scripts the UI's first frame runs (Ink, React and Yoga, built into
 * dist/chunks/ui-vendor.cjs by scripts/build.mjs). Node 20 has no compile cache for ES modules, so
 * each start compiled them again; a classic script run through vm.Script can be given the code V8
 * produced for it last time. The cache holds compiled code only (V8 serialises the script's
 * functions, never the values the program computed) and is written once, after the first frame,
 * so that the functions compiled lazily for it are included.
 *
 * Where: `$SECRETS_WORKBOOK_HOME/cache/code` or the OS cache folder's `code` (env-paths);
 * `SECRETS_WORKBOOK_CODE_CACHE=<folder>` puts it elsewhere, `SECRETS_WORKBOOK_DISABLE_CODE_CACHE=1`
 * turns it off (as NODE_COMPILE_CACHE and NODE_DISABLE_COMPILE_CACHE do for Node's own). A cache
 * that is missing, unreadable, corrupt, foreign or rejected by V8 is ignored and written again:
 * it can make a start slower, never fail one.
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SECRETS_WORKBOOK_DISABLE_CODE_CACHE && env.SECRETS_WORKBOOK_DISABLE_CODE_CACHE !== '0') return undefined;
  if (env.SECRETS_WORKBOOK_CODE_CACHE) return env.SECRETS_WORKBOOK_CODE_CACHE;
  const root = env.SECRETS_WORKBOOK_HOME
    ? join(env.SECRETS_WORKBOOK_HOME, 'cache')
    : envPaths('secrets-workbook', { suffix: '' }).cache;
  return join(root, 'code');
}

const CONTENT_HASH_CHARS = 16;

/** The file a script's cache lives in: one per script content, Node version and V8 flags. */
export function codeCacheFile(dir: string, scriptPath: string, source: string): string {
  const content = createHash('sha256').update(source).digest('hex').slice(0, CONTENT_HASH_CHARS);
  // V8 rejects code compiled under other flags, so a start with other flags gets a file of its
  // own rather than rewriting this one. (node:v8's cachedDataVersionTag() would say the same, but
  // loading that module costs 3 ms before the first frame.)
  const flags = createHash('sha256')
    .update(`${process.execArgv.join(' ')}\n${process.env.NODE_OPTIONS ?? ''}`)
    .digest('hex')
    .slice(0, 8);
  return join(dir, `${basename(scriptPath)}-${content}-${process.version}-${process.arch}-${flags}.bin`);
}

// A cache file is the SHA-256 of V8's data followed by the data: V8 checks its header (version,
// flags, source length), not every byte, so a damaged file is caught here before V8 reads it.
const DIGEST_BYTES = 32;

function readCache(file: string): Buffer | undefined {
  let bytes: Buffer;
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'r');
    // V8 runs what the cache says: only a file of this user's that nobody else may write is used.
    // (Windows has neither owners nor these mode bits in fstat: there the folder's ACL decides.)
    const { uid, mode } = fstatSync(descriptor);
    if (process.getuid && (uid !== process.getuid() || (mode & 0o022) !== 0)) return undefined;
    bytes = readFileSync(descriptor);
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
  if (bytes.length <= DIGEST_BYTES) return undefined;
  const data = bytes.subarray(DIGEST_BYTES);
  const digest = createHash('sha256').update(data).digest();
  return digest.equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

const unsaved: Array<{ script: Script; file: string; scriptName: string }> = [];

export interface CachedScriptRun<T> {
  exports: T;
  /** How the cache was used: absent (or off), accepted by V8, or rejected and to be rewritten. */
  cache: 'off' | 'missing' | 'accepted' | 'rejected';
}

/**
 * Runs a CommonJS script whose source is one function expression,
 * `(function (require, module, exports, __filename, __dirname) { … })`, and returns its exports.
 * `provided` answers the script's require() for the names it holds (the program's own modules that
 * the script shares with the ES modules, scripts/ui-vendor.mjs), before Node's own resolution.
 */
export function runCachedScript<T>(
  scriptPath: string,
  env: NodeJS.ProcessEnv = process.env,
  provided: Readonly<Record<string, unknown>> = {},
): CachedScriptRun<T> {
  const source = readFileSync(scriptPath, 'utf8');
  const dir = codeCacheDir(env);
  const file = dir === undefined ? undefined : codeCacheFile(dir, scriptPath, source);
  const cachedData = file === undefined ? undefined : readCache(file);
  const script = new Script(source, { filename: scriptPath, cachedData });
  let cache: CachedScriptRun<T>['cache'] = 'off';
  if (file !== undefined) {
    cache = cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted';
    if (cache !== 'accepted') unsaved.push({ script, file, scriptName: basename(scriptPath) });
  }
  const run = script.runInThisContext() as (
    require: NodeJS.Require,
    module: { exports: unknown },
    exports: unknown,
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} as unknown };
  const nodeRequire = createRequire(scriptPath);
  const scriptRequire = Object.assign(
    (name: string): unknown => (Object.hasOwn(provided, name) ? provided[name] : nodeRequire(name)),
    nodeRequire,
  ) as NodeJS.Require;
  run(scriptRequire, module, module.exports, scriptPath, join(scriptPath, '..'));
  mark(`${basename(scriptPath)} run (code cache: ${cache})`);
  return { exports: module.exports as T, cache };
}

/**
 * Writes the caches of the scripts run without a usable one: atomically (a temporary file renamed
 * into place), owner-only. Called after the first frame; an error only means no cache next time.
 */
export function saveCodeCaches(): void {
  for (const { script, file, scriptName } of unsaved.splice(0)) {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
      const data = script.createCachedData();
      const digest = createHash('sha256').update(data).digest();
      writeFileSync(temporary, Buffer.concat([digest, data]), { mode: 0o600 });
      renameSync(temporary, file);
      removeOtherBuilds(file, scriptName);
    } catch {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Nothing more to do: the next start runs without a cache and tries again.
      }
    }
  }
}

/** The caches of earlier builds of the same script: each is replaced by its successor, not kept. */
function removeOtherBuilds(file: string, scriptName: string): void {
  const dir = join(file, '..');
  // <script>-<content hash>-<runtime>.bin: other runtimes of this build stay, other builds go.
  const build = basename(file).slice(0, scriptName.length + 1 + CONTENT_HASH_CHARS + 1);
  for (const other of readdirSync(dir))
    if (other.startsWith(`${scriptName}-`) && !other.startsWith(build) && other.endsWith('.bin'))
      rmSync(join(dir, other), { force: true });
}
