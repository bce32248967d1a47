import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { BinaryProvider } from '../../src/vault/binary-provider.js';

const provider = new BinaryProvider();
const availability = await provider.availability();

describe.skipIf(!availability.available)(`binary provider (${availability.reason})`, () => {
  it('starts a dev server on 127.0.0.1 with the root token, audits requests, and leaves nothing running', async () => {
    const vault = await provider.start();
    try {
      expect(vault.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const admin = new VaultAdmin(vault.address, vault.rootToken);
      await admin.kvPut('secret', 'smoke/test', { password: 'not-a-real-password' });
      const read = await admin.kvGet('secret', 'smoke/test');
      expect(read?.version).toBe(1);
      const entries = await vault.auditTrail!.entries();
      const writes = entries.filter((entry) => entry.request.path === 'secret/data/smoke/test');
      expect(writes.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(entries)).not.toContain('not-a-real-password');
      const hashed = await vault.auditTrail!.hash('not-a-real-password');
      expect(JSON.stringify(entries)).toContain(hashed);
    } finally {
      await vault.stop();
    }
    const port = new URL(vault.address).port;
    const survivors = execFileSync('sh', ['-c', `ps -eo args | grep -- "-dev-listen-address=127.0.0.1:${port}" | grep -v grep || true`]).toString();
    expect(survivors.trim()).toBe('');
  });
});
