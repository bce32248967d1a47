import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { BinaryProvider } from '../../src/vault/binary-provider.js';
import { freePort, isPortFree } from '../../src/util/net.js';
import { serversOnPort } from '../helpers/cli.js';

const provider = new BinaryProvider();
const availability = await provider.availability();

function survivors(port: string | number): string {
  return execFileSync('sh', [
    '-c',
    `ps -eo args | grep -- "-dev-listen-address=127.0.0.1:${port}" | grep -v grep || true`,
  ])
    .toString()
    .trim();
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

describe.skipIf(!availability.available)(`binary provider (${availability.reason})`, () => {
  it('starts a dev server on 127.0.0.1 with the root token, audits requests, and leaves nothing running', async () => {
    const vault = await provider.start();
    try {
      expect(vault.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${vault.address}/v1/sys/health`)).status).toBe(200);
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
    expect(survivors(port)).toBe('');
    expect(await isPortFree(Number(port))).toBe(true);
  });

  it('honours --port and --root-token, without audit when not asked, and refuses a port in use', async () => {
    const port = await freePort();
    const vault = await provider.start({ port, rootToken: 'fixedPlaygroundToken', audit: false });
    try {
      expect(vault.address).toBe(`http://127.0.0.1:${port}`);
      expect(vault.auditTrail).toBeUndefined();
      const response = await fetch(`${vault.address}/v1/auth/token/lookup-self`, {
        headers: { 'X-Vault-Token': 'fixedPlaygroundToken' },
      });
      expect(response.status).toBe(200);
      await expect(provider.start({ port })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await vault.stop();
    }
  });

  it('tries another random port when the one it picked was taken meanwhile', async () => {
    const { createServer } = await import('node:net');
    const thief = createServer();
    await new Promise<void>((resolve) => thief.listen(0, '127.0.0.1', resolve));
    const stolen = (thief.address() as { port: number }).port;
    const picks: number[] = [];
    const racing = new BinaryProvider({
      pickPort: async () => {
        const port = picks.length === 0 ? stolen : await freePort();
        picks.push(port);
        return port;
      },
    });
    try {
      const vault = await racing.start({ audit: false });
      expect(picks[0]).toBe(stolen);
      expect(picks).toHaveLength(2);
      expect(vault.address).toBe(`http://127.0.0.1:${picks[1]}`);
      await vault.stop();
    } finally {
      thief.close();
    }
  });

  it('does not take another Vault that won the port for its own (it answers healthy, but not to our root token)', async () => {
    // What two servers started at once looked like: ours lost the port, the winner answered the
    // health check, and the grader's first request with our root token was refused.
    const { createServer } = await import('node:http');
    const winner = createServer((request, response) => {
      const healthy = request.url?.startsWith('/v1/sys/health');
      response.writeHead(healthy ? 200 : 403, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(healthy ? { initialized: true, sealed: false } : { errors: ['permission denied'] }));
    });
    await new Promise<void>((resolve) => winner.listen(0, '127.0.0.1', resolve));
    const taken = (winner.address() as { port: number }).port;
    const picks: number[] = [];
    const racing = new BinaryProvider({
      pickPort: async () => {
        const port = picks.length === 0 ? taken : await freePort();
        picks.push(port);
        return port;
      },
    });
    try {
      const vault = await racing.start({ audit: false });
      try {
        expect(picks).toHaveLength(2);
        expect(vault.address).toBe(`http://127.0.0.1:${picks[1]}`);
        const lookup = await fetch(`${vault.address}/v1/auth/token/lookup-self`, {
          headers: { 'X-Vault-Token': vault.rootToken },
        });
        expect(lookup.status).toBe(200);
      } finally {
        await vault.stop();
      }
      await expect(new BinaryProvider({ pickPort: async () => taken }).start({ audit: false })).rejects.toThrow(
        `port ${taken} on 127.0.0.1 is already in use`,
      );
    } finally {
      winner.close();
    }
  });

  it('stops the server and removes its folder when the owning process is killed with SIGKILL (watchdog)', async () => {
    const before = new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('secrets-workbook-vault-')));
    // The owner is the built CLI's `vault up` (the bundle has no separate provider module to import).
    const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
    const owner = spawn(
      process.execPath,
      [cli, 'vault', 'up', '--vault', 'binary', '--port', String(await freePort())],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const address = await new Promise<string>((resolve, reject) => {
      let printed = '';
      owner.stdout!.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        const match = /export VAULT_ADDR='([^']+)'/.exec(printed);
        if (match) resolve(match[1]!);
      });
      owner.once('exit', () => reject(new Error('owner exited before starting the server')));
    });
    const port = Number(new URL(address).port);
    const created = readdirSync(tmpdir()).filter(
      (name) => name.startsWith('secrets-workbook-vault-') && !before.has(name),
    );
    expect((await serversOnPort(port)).length).toBeGreaterThan(0);

    owner.kill('SIGKILL');
    expect(await until(async () => (await serversOnPort(port)).length === 0 && (await isPortFree(port)))).toBe(true);
    // Other tests may have created folders meanwhile; ours is among `created` and must be gone.
    expect(created.length).toBeGreaterThan(0);
    expect(
      await until(async () => created.filter((name) => existsSync(join(tmpdir(), name))).length < created.length),
    ).toBe(true);
  });
});
