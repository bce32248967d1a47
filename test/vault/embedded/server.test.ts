import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/vault/audit/entry.js';
import { startEmbeddedServer } from '../../../src/vault/embedded/index.js';
import { randomBase62 } from '../../../src/util/random.js';

// Made at run time: no password-looking literal in the repository (secrets-workbook scan . stays clean).
const trailValue = `trail-${randomBase62(12)}`;

async function api(
  address: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${address}/v1/${path}`, {
    method,
    headers: { ...(token ? { 'X-Vault-Token': token } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as any) : undefined, headers: response.headers };
}

describe('embedded server options and in-process audit trail', () => {
  // How fast it starts is bench/provider-startup.ts's question, not a test's: a loaded machine only adds time.
  it('starts on 127.0.0.1 with a random port and stops cleanly', async () => {
    const server = await startEmbeddedServer();
    expect(server.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.version).toContain('embedded');
    await server.stop();
    await server.stop();
    await expect(fetch(`${server.address}/v1/sys/health`)).rejects.toThrow();
  });

  it('says clearly when the requested port is taken', async () => {
    const first = await startEmbeddedServer();
    try {
      const port = Number(new URL(first.address).port);
      await expect(startEmbeddedServer({ port })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await first.stop();
    }
  });

  it('keeps a `file` audit device whose entries link a login to the requests of its token', async () => {
    const server = await startEmbeddedServer({ rootToken: 'root-for-test' });
    try {
      const seen: AuditEntry[] = [];
      server.auditTrail.subscribe((entry) => seen.push(entry));
      const root = server.rootToken;
      await api(server.address, root, 'POST', 'sys/auth/approle', { type: 'approle' });
      await api(server.address, root, 'PUT', 'sys/policies/acl/app', {
        policy: 'path "secret/data/app/*" { capabilities = ["read"] }',
      });
      await api(server.address, root, 'POST', 'auth/approle/role/app', { token_policies: 'app' });
      await api(server.address, root, 'POST', 'secret/data/app/db', { data: { password: trailValue } });
      const roleId = (await api(server.address, root, 'GET', 'auth/approle/role/app/role-id')).body.data
        .role_id as string;
      const secretId = (await api(server.address, root, 'POST', 'auth/approle/role/app/secret-id')).body.data
        .secret_id as string;
      const login = await api(server.address, undefined, 'POST', 'auth/approle/login', {
        role_id: roleId,
        secret_id: secretId,
      });
      const token = login.body.auth.client_token as string;
      expect((await api(server.address, token, 'GET', 'secret/data/app/db')).status).toBe(200);

      const entries = await server.auditTrail.entries();
      expect(seen).toEqual(entries);
      const loginResponse = entries.find(
        (entry) => entry.type === 'response' && entry.request.path === 'auth/approle/login',
      );
      const accessor = loginResponse?.type === 'response' ? loginResponse.response?.auth?.accessor : undefined;
      expect(accessor).toBe(await server.auditTrail.hash(login.body.auth.accessor));
      const read = entries.find(
        (entry) =>
          entry.type === 'response' &&
          entry.request.path === 'secret/data/app/db' &&
          entry.request.operation === 'read',
      );
      expect(read?.auth?.accessor).toBe(accessor);
      expect(loginResponse?.request.data?.role_id).toBe(await server.auditTrail.hash(roleId));
      const text = JSON.stringify(entries);
      for (const secret of [trailValue, secretId, token, 'root-for-test']) expect(text).not.toContain(secret);
      expect((await api(server.address, root, 'POST', 'sys/audit-hash/file', { input: roleId })).body.data.hash).toBe(
        await server.auditTrail.hash(roleId),
      );
    } finally {
      await server.stop();
    }
  });

  it('starts without an audit device when audit is false', async () => {
    const server = await startEmbeddedServer({ audit: false });
    try {
      expect((await api(server.address, server.rootToken, 'GET', 'sys/audit')).body.data).toEqual({});
      await api(server.address, server.rootToken, 'GET', 'sys/mounts');
      expect(await server.auditTrail.entries()).toEqual([]);
      await expect(server.auditTrail.hash('x')).rejects.toThrow('unknown audit backend');
    } finally {
      await server.stop();
    }
  });

  it('writes JSON lines for devices enabled with file_path=stdout or a file', async () => {
    const stdout = new PassThrough();
    let written = '';
    stdout.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const dir = await mkdtemp(join(tmpdir(), 'embedded-audit-'));
    const server = await startEmbeddedServer({ auditStdout: stdout });
    try {
      expect(
        (
          await api(server.address, server.rootToken, 'PUT', 'sys/audit/out', {
            type: 'file',
            options: { file_path: 'stdout' },
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await api(server.address, server.rootToken, 'PUT', 'sys/audit/disk', {
            type: 'file',
            options: { file_path: join(dir, 'audit.log') },
          })
        ).status,
      ).toBe(204);
      await api(server.address, server.rootToken, 'GET', 'sys/mounts');
      const lines = written
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as AuditEntry);
      expect(lines.map((entry) => `${entry.type} ${entry.request.path}`)).toContain('request sys/mounts');
      expect((await api(server.address, server.rootToken, 'DELETE', 'sys/audit/disk')).status).toBe(204);
      const onDisk = (await readFile(join(dir, 'audit.log'), 'utf8')).trim().split('\n');
      expect(onDisk.length).toBeGreaterThanOrEqual(2);
      // Each device has its own salt.
      const hashOut = (await api(server.address, server.rootToken, 'POST', 'sys/audit-hash/out', { input: 'x' })).body
        .data.hash;
      const hashFile = (await api(server.address, server.rootToken, 'POST', 'sys/audit-hash/file', { input: 'x' })).body
        .data.hash;
      expect(hashOut).not.toBe(hashFile);
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('bounds the in-memory trail by bytes, while subscribers see every entry', async () => {
    const server = await startEmbeddedServer({ auditMaxBytes: 200_000 });
    const seen: string[] = [];
    const unsubscribe = server.auditTrail.subscribe((entry) => seen.push(entry.type));
    try {
      const big = 'x'.repeat(100_000);
      for (let i = 0; i < 20; i++) {
        await api(server.address, server.rootToken, 'POST', `secret/data/big${i}`, { data: { v: big } });
        await api(server.address, server.rootToken, 'GET', `secret/data/big${i}`);
      }
      expect(seen).toHaveLength(80);
      const kept = await server.auditTrail.entries();
      // Entries hold HMACs, not the 100 kB values: far more than two 100 kB values' worth stay.
      expect(kept.length).toBeGreaterThan(20);
      expect(kept.length).toBeLessThan(80);
      expect(JSON.stringify(kept).length).toBeLessThan(200_000);
      expect(JSON.stringify(kept)).not.toContain(big);
    } finally {
      unsubscribe();
      await server.stop();
    }
  });

  it('keeps every entry of a small trail and drops none below the byte bound', async () => {
    const server = await startEmbeddedServer();
    try {
      for (let i = 0; i < 50; i++) await api(server.address, server.rootToken, 'GET', 'sys/mounts');
      expect(await server.auditTrail.entries()).toHaveLength(100);
    } finally {
      await server.stop();
    }
  });

  it('moves TTLs with clock.advance and can turn the user lockout off', async () => {
    const server = await startEmbeddedServer({ userLockout: false });
    try {
      const root = server.rootToken;
      const short = (await api(server.address, root, 'POST', 'auth/token/create', { ttl: '30s' })).body.auth
        .client_token as string;
      expect((await api(server.address, short, 'GET', 'auth/token/lookup-self')).status).toBe(200);
      server.clock.advance(31_000);
      expect((await api(server.address, short, 'GET', 'auth/token/lookup-self')).body).toEqual({
        errors: ['permission denied'],
      });

      await api(server.address, root, 'POST', 'sys/auth/approle', { type: 'approle' });
      await api(server.address, root, 'POST', 'auth/approle/role/r', {});
      await api(server.address, root, 'POST', 'auth/approle/role/r/role-id', { role_id: 'rid' });
      const secretId = (await api(server.address, root, 'POST', 'auth/approle/role/r/secret-id')).body.data
        .secret_id as string;
      for (let i = 0; i < 8; i++)
        expect(
          (await api(server.address, undefined, 'POST', 'auth/approle/login', { role_id: 'rid', secret_id: 'wrong' }))
            .status,
        ).toBe(400);
      expect(
        (await api(server.address, undefined, 'POST', 'auth/approle/login', { role_id: 'rid', secret_id: secretId }))
          .status,
      ).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('locks a role_id out for 15 minutes after 5 failures by default', async () => {
    const server = await startEmbeddedServer();
    try {
      const root = server.rootToken;
      await api(server.address, root, 'POST', 'sys/auth/approle', { type: 'approle' });
      await api(server.address, root, 'POST', 'auth/approle/role/r', {});
      await api(server.address, root, 'POST', 'auth/approle/role/r/role-id', { role_id: 'rid' });
      const secretId = (await api(server.address, root, 'POST', 'auth/approle/role/r/secret-id')).body.data
        .secret_id as string;
      for (let i = 0; i < 5; i++)
        await api(server.address, undefined, 'POST', 'auth/approle/login', { role_id: 'rid', secret_id: 'wrong' });
      expect(
        (await api(server.address, undefined, 'POST', 'auth/approle/login', { role_id: 'rid', secret_id: secretId }))
          .status,
      ).toBe(403);
      server.clock.advance(15 * 60_000);
      expect(
        (await api(server.address, undefined, 'POST', 'auth/approle/login', { role_id: 'rid', secret_id: secretId }))
          .status,
      ).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('serves sys/mounts-all/<path> like the preflight (a Vault CLI revision calls it; OpenBao 2.7.2 does not have it)', async () => {
    const server = await startEmbeddedServer();
    try {
      const preflight = await api(server.address, server.rootToken, 'GET', 'sys/internal/ui/mounts/secret/app');
      const mountsAll = await api(server.address, server.rootToken, 'GET', 'sys/mounts-all/secret/app');
      expect(mountsAll.status).toBe(200);
      expect(mountsAll.body.data).toEqual(preflight.body.data);
      expect(mountsAll.body.data).toMatchObject({ path: 'secret/', type: 'kv', options: { version: '2' } });
    } finally {
      await server.stop();
    }
  });

  it('answers every response with exactly application/json, no-store, and 204 for nil responses', async () => {
    const server = await startEmbeddedServer();
    try {
      const written = await api(server.address, server.rootToken, 'PUT', 'sys/policies/acl/x', {
        policy: 'path "a" { capabilities = ["read"] }',
      });
      expect(written.status).toBe(204);
      expect(written.headers.get('content-type')).toBe('application/json');
      const error = await api(server.address, server.rootToken, 'GET', 'sys/policies/acl/nope');
      expect(error.status).toBe(404);
      expect(error.headers.get('content-type')).toBe('application/json');
      expect(error.headers.get('cache-control')).toBe('no-store');
    } finally {
      await server.stop();
    }
  });
});
