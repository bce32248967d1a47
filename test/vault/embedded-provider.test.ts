import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { StreamAuditTrail } from '../../src/vault/audit/stream-trail.js';
import type { EmbeddedServer, EmbeddedServerOptions } from '../../src/vault/embedded/index.js';
import { EmbeddedProvider } from '../../src/vault/embedded-provider.js';
import { runCleanups } from '../../src/util/cleanup.js';
import { freePort, isPortFree } from '../../src/util/net.js';
import { randomBase62 } from '../../src/util/random.js';

// Made at run time: no password-looking literal in the repository (secrets-workbook scan . stays clean).
const smokeValue = `embedded-smoke-${randomBase62(12)}`;

// Against the real in-process server (src/vault/embedded): its acceptance through the provider
// interface.
describe('embedded provider (real in-process server)', () => {
  it('starts on 127.0.0.1 with the given root token, serves KV v2 at secret/, audits, and frees the port on stop', async () => {
    const port = await freePort();
    const vault = await new EmbeddedProvider().start({ port, rootToken: 'embeddedRootToken1' });
    try {
      expect(vault.provider).toBe('embedded');
      expect(vault.address).toBe(`http://127.0.0.1:${port}`);
      expect(vault.rootToken).toBe('embeddedRootToken1');
      expect(vault.clock).toBeDefined();
      const admin = new VaultAdmin(vault.address, vault.rootToken);
      await admin.kvPut('secret', 'embedded/smoke', { password: smokeValue });
      expect((await admin.kvGet('secret', 'embedded/smoke'))?.data).toEqual({ password: smokeValue });
      const entries = await vault.auditTrail!.entries();
      expect(entries.some((entry) => entry.request.path === 'secret/data/embedded/smoke')).toBe(true);
      expect(JSON.stringify(entries)).not.toContain(smokeValue);
    } finally {
      await vault.stop();
    }
    expect(await isPortFree(port)).toBe(true);
  });

  it('picks a random free port and a random root token when none is given', async () => {
    const vault = await new EmbeddedProvider().start();
    try {
      expect(vault.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(vault.rootToken.length).toBeGreaterThanOrEqual(20);
      const health = await fetch(`${vault.address}/v1/sys/health`);
      expect(health.status).toBe(200);
    } finally {
      await vault.stop();
    }
  });
});

// The wrapper's own behaviour, with a stand-in server (passes whatever the server's state).
function fakeServer(calls: string[]): (options: EmbeddedServerOptions) => Promise<EmbeddedServer> {
  return async (options) => {
    calls.push(`start port=${options.port} token=${options.rootToken ? 'given' : 'random'}`);
    const auditTrail = new StreamAuditTrail(new PassThrough(), { hash: async () => 'hmac-sha256:0' });
    return {
      address: 'http://127.0.0.1:18200/',
      rootToken: options.rootToken ?? 'randomRootToken',
      auditTrail,
      clock: { now: () => 0, advance: () => undefined },
      version: 'embedded 0.1.0',
      stop: async () => void calls.push('stop'),
    };
  };
}

describe('embedded provider wrapper', () => {
  it('is always available, passes port and token through, and hides the trail when audit is off', async () => {
    const calls: string[] = [];
    const provider = new EmbeddedProvider({ startServer: fakeServer(calls) });
    expect((await provider.availability()).available).toBe(true);
    const vault = await provider.start({ rootToken: 'given', audit: false });
    expect(vault.address).toBe('http://127.0.0.1:18200');
    expect(vault.auditTrail).toBeUndefined();
    expect(vault.version).toBe('embedded 0.1.0');
    await vault.stop();
    await vault.stop();
    expect(calls).toEqual(['start port=undefined token=given', 'stop']);
  });

  it('stops the server from the cleanup registry (Ctrl-C), once', async () => {
    const calls: string[] = [];
    const vault = await new EmbeddedProvider({ startServer: fakeServer(calls) }).start();
    expect(vault.auditTrail).toBeDefined();
    await runCleanups();
    await vault.stop();
    expect(calls.filter((call) => call === 'stop')).toHaveLength(1);
  });

  it('refuses a port in use with one line before starting anything', async () => {
    const calls: string[] = [];
    const holder = new EmbeddedProvider({ startServer: fakeServer(calls) });
    const { createServer } = await import('node:net');
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      await expect(holder.start({ port })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
      expect(calls).toEqual([]);
    } finally {
      busy.close();
    }
  });
});
