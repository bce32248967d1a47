import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VaultAdmin } from '../../../src/vault/admin-client.js';
import { StreamAuditTrail } from '../../../src/vault/audit/stream-trail.js';
import { BinaryProvider } from '../../../src/vault/binary-provider.js';
import { waitForHealthy } from '../../../src/vault/health.js';
import { freePort } from '../../../src/util/net.js';
import { randomBase62, randomRootToken } from '../../../src/util/random.js';

// Made at run time: no password-looking literal in the repository (secrets-workbook scan . stays clean).
const streamValue = `stream-secret-${randomBase62(12)}`;

// The Docker provider reads a `file` device with file_path=stdout from the container's log
// stream. The same device on a local `bao` writes to the process's stdout, so the stream trail
// (and its sync marker) can be checked against a real server without a Docker engine.
const binary = new BinaryProvider();
const found = await binary.locate();
const isOpenBao = !('error' in found) && /openbao/i.test(found.version);

describe.skipIf(!isOpenBao)('StreamAuditTrail on a real OpenBao writing its audit device to stdout', () => {
  it('sees every audited request before entries() answers, without the marker, with matching hashes', async () => {
    if ('error' in found) return;
    const dir = await mkdtemp(join(tmpdir(), 'sw-stream-trail-'));
    await writeFile(
      join(dir, 'audit.json'),
      JSON.stringify({ audit: [{ type: 'file', path: 'file', options: { file_path: 'stdout' } }] }),
    );
    const port = await freePort();
    const token = randomRootToken();
    const child = spawn(
      found.path,
      [
        'server',
        '-dev',
        '-dev-no-store-token',
        `-dev-listen-address=127.0.0.1:${port}`,
        `-config=${join(dir, 'audit.json')}`,
      ],
      {
        env: { PATH: process.env.PATH, HOME: dir, BAO_DEV_ROOT_TOKEN_ID: token },
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    try {
      const address = `http://127.0.0.1:${port}`;
      await waitForHealthy(address, { timeoutMs: 20_000 });
      const admin = new VaultAdmin(address, token);
      const trail = new StreamAuditTrail(child.stdout!, {
        hash: (value) => admin.auditHash('file', value),
        readMarker: async (path) => void (await admin.readIfExists(path)),
      });
      await admin.kvPut('secret', 'stream/one', { password: streamValue });
      const entries = await trail.entries();
      const paths = entries.map((entry) => `${entry.type} ${entry.request.path}`);
      expect(paths).toContain('request secret/data/stream/one');
      expect(paths).toContain('response secret/data/stream/one');
      expect(paths.some((path) => path.includes('secrets-workbook-audit-sync'))).toBe(false);
      const text = JSON.stringify(entries);
      expect(text).not.toContain(streamValue);
      expect(text).toContain(await trail.hash(streamValue));
      await trail.close();
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
