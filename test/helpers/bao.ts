import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BinaryProvider } from '../../src/vault/binary-provider.js';
import { waitForHealthy, waitForTokenAccepted } from '../../src/vault/health.js';
import { freePort } from '../../src/util/net.js';
import { randomRootToken } from '../../src/util/random.js';

/**
 * A real OpenBao dev server started directly by a test (not through a provider), with its `file`
 * audit device writing to a known path: the "someone else's Vault" of the external provider.
 */
export interface TestBao {
  address: string;
  token: string;
  auditPath: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function locateBao(): Promise<string | undefined> {
  const found = await new BinaryProvider().locate();
  return 'error' in found || !/openbao/i.test(found.version) ? undefined : found.path;
}

export async function startTestBao(binary: string): Promise<TestBao> {
  const dir = await mkdtemp(join(tmpdir(), 'sw-test-bao-'));
  const auditPath = join(dir, 'audit.log');
  await writeFile(
    join(dir, 'audit.json'),
    JSON.stringify({ audit: [{ type: 'file', path: 'file', options: { file_path: auditPath } }] }),
  );
  const port = await freePort();
  const token = randomRootToken();
  const child = spawn(
    binary,
    [
      'server',
      '-dev',
      '-dev-no-store-token',
      `-dev-listen-address=127.0.0.1:${port}`,
      `-config=${join(dir, 'audit.json')}`,
    ],
    {
      env: { PATH: process.env.PATH, HOME: dir, BAO_DEV_ROOT_TOKEN_ID: token },
      stdio: 'ignore',
    },
  );
  const address = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForHealthy(address, { timeoutMs: 20_000 });
    // Healthy is not enough: a server started at the same moment may have won the port.
    await waitForTokenAccepted(address, token, { timeoutMs: 5_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, token, auditPath, child, stop };
}
