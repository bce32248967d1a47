import type { ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VaultAdmin } from './admin-client.js';
import { listenForAudit, type AuditSocket } from './audit/socket-listener.js';
import { StreamAuditTrail } from './audit/stream-trail.js';
import { locateBinary, type LocateOptions } from './binary/locate.js';
import { captureTail, killGroup, spawnServer, terminate } from './binary/server-process.js';
import type { Availability, RunningVault, StartOptions, VaultProvider } from './provider.js';
import { registerCleanup, registerExitKill } from '../util/cleanup.js';
import { socketOwner } from '../util/socket-owner.js';
import { UserError } from '../util/errors.js';
import { assertPortUsable, freePort, LOOPBACK, PortInUseError } from '../util/net.js';
import { randomRootToken } from '../util/random.js';
import { waitForHealthy, waitForTokenAccepted } from './health.js';

const READY_TIMEOUT_MS = 20_000;
/** A random port can be taken between our probe and the server's bind: try a few. */
const PORT_ATTEMPTS = 3;
/**
 * The audit device: a `socket` device writing to a listener of ours that accepts only the server
 * (`audit/socket-listener.ts`, `isServerConnection`). A `file` device would do as well if the
 * learner's program could not write the file; it runs as the same user, so it could, and did
 * (appending a forged login and read to the log got a pass).
 */
export const AUDIT_DEVICE = 'socket';

/** Kept importable from here for the tests and benches that look for `bao` on PATH. */
export { findOnPath } from '../util/executables.js';
export { findOffPath, offPathHint, resolvePyenvShim, shortVersion } from './binary/locate.js';

export interface BinaryProviderOptions extends LocateOptions {
  /** For tests: how a random port is chosen (to simulate losing the race for it). */
  pickPort?: () => Promise<number>;
}

export class BinaryProvider implements VaultProvider {
  readonly name = 'binary' as const;

  constructor(private readonly options: BinaryProviderOptions = {}) {}

  /** `vault`, then `bao`, on PATH (or `--vault-binary`); located once per process. */
  locate() {
    return locateBinary(this.options);
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
  // The server's watchdog, once started: the only process whose connections the audit listener takes.
  const watchdog: { pid?: number } = {};
  const audit =
    options.audit === false
      ? undefined
      : await listenForAudit(async ({ remotePort, localPort }) =>
          watchdog.pid === undefined ? false : isServerConnection(watchdog.pid, remotePort, localPort),
        );
  const serverArgs = ['server', '-dev', '-dev-no-store-token', `-dev-listen-address=${LOOPBACK}:${port}`];
  // OpenBao 2.x refuses to enable audit devices through the API ("use declarative, config-based
  // audit device management"), so it gets the device in a config file; Vault gets the API call.
  const declarativeAudit = audit !== undefined && /openbao/i.test(found.version);
  if (declarativeAudit) {
    const config = join(workDir, 'audit.hcl');
    await writeFile(config, auditConfig(audit.address), { mode: 0o600 });
    serverArgs.push(`-config=${config}`);
  }

  options.onProgress?.(`starting ${found.version} (${found.path}) on ${address}`);
  // The root token goes through the environment, not argv, so `ps` does not show it.
  const server = spawnServer(found.path, serverArgs, {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: workDir,
    SW_VAULT_WORKDIR: workDir,
    VAULT_DEV_ROOT_TOKEN_ID: rootToken,
    BAO_DEV_ROOT_TOKEN_ID: rootToken,
  });
  watchdog.pid = server.pid;
  const output = captureTail(server);
  // Last resort when the process exits without running the cleanups: kill, and remove the folder.
  const unregisterKill = registerExitKill(() => {
    killGroup(server, 'SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
  });

  let auditTrail: StreamAuditTrail | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      unregisterCleanup();
      await auditTrail?.close();
      await audit?.close();
      await terminate(server);
      unregisterKill();
      await rm(workDir, { recursive: true, force: true });
    })());
  // Ctrl-C, SIGTERM and SIGHUP stop the server gracefully (the cleanup registry runs this).
  const unregisterCleanup = registerCleanup(stop);

  try {
    await waitForStart(server, found.path, { address, port, rootToken }, output, options.signal);
    const admin = new VaultAdmin(address, rootToken);
    if (audit) auditTrail = await followAudit(admin, audit, declarativeAudit);
    const useToken = (token: string) => {
      admin.token = token;
    };
    return { provider: 'binary', address, rootToken, auditTrail, version: found.version, useToken, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The connection comes from the server's process group (the watchdog leads it, the server is in
 * it): Linux's /proc tells. Without /proc it cannot be told, and the listener relies on being on
 * loopback only.
 */
async function isServerConnection(group: number, remotePort: number, localPort: number): Promise<boolean> {
  if (!existsSync('/proc/net/tcp')) return true;
  return (await socketOwner(remotePort, localPort, group)).kind === 'group';
}

function auditConfig(address: string): string {
  return `audit "socket" "${AUDIT_DEVICE}" {\n  options {\n    address = ${JSON.stringify(address)}\n    socket_type = "tcp"\n  }\n}\n`;
}

async function followAudit(admin: VaultAdmin, audit: AuditSocket, declared: boolean): Promise<StreamAuditTrail> {
  if (!declared)
    await admin.write(`sys/audit/${AUDIT_DEVICE}`, {
      type: 'socket',
      options: { address: audit.address, socket_type: 'tcp' },
    });
  return new StreamAuditTrail(audit.lines, {
    hash: (value) => admin.auditHash(AUDIT_DEVICE, value),
    readMarker: async (path) => {
      await admin.readIfExists(path);
    },
  });
}

/** Healthy, or the reason it is not: its port taken, an early exit, the health check's timeout. */
async function waitForStart(
  server: ChildProcess,
  binary: string,
  { address, port, rootToken }: { address: string; port: number; rootToken: string },
  output: ReturnType<typeof captureTail>,
  signal: AbortSignal | undefined,
): Promise<void> {
  const exited = new Promise<never>((_, reject) =>
    server.once('exit', (code) => {
      const last = output.lastLine();
      reject(
        /address already in use/i.test(last)
          ? new PortTakenError(
              `port ${port} on ${LOOPBACK} is already in use; pick another with --port or leave it out for a free one`,
            )
          : new UserError(`${binary} exited during start (code ${code}): ${last}`),
      );
    }),
  );
  exited.catch(() => undefined);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const ready = async () => {
    await waitForHealthy(address, { timeoutMs: READY_TIMEOUT_MS, signal });
    // Another server that won this port answers healthy too, while ours is on its way out.
    await waitForTokenAccepted(address, rootToken, { timeoutMs: Math.max(deadline - Date.now(), 1_000), signal });
  };
  await Promise.race([
    ready().catch((error: Error) => {
      throw new UserError(`${error.message}; last server output: ${output.lastLine()}`);
    }),
    exited,
  ]);
}
