import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { VaultAdmin, VaultApiError } from '../../src/vault/admin-client.js';

const UPGRADING = 'Upgrading from non-versioned to versioned data. This backend will be unavailable for a brief period';

/** A server that answers the KV upgrade error `upgradingAnswers` times, then `final`. */
async function upgradingServer(
  upgradingAnswers: number,
  final: { status: number; body: unknown },
): Promise<{ address: string; requests: () => number; server: Server }> {
  let requests = 0;
  const server = createServer((_request, response) => {
    requests += 1;
    const answer = requests <= upgradingAnswers ? { status: 400, body: { errors: [UPGRADING] } } : final;
    response.writeHead(answer.status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { address: `http://127.0.0.1:${port}`, requests: () => requests, server };
}

describe('VaultAdmin and a KV v2 mount still upgrading its storage', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('retries the write until the mount answers, whatever path the token may read', async () => {
    const fake = await upgradingServer(3, { status: 200, body: { data: { version: 1 } } });
    server = fake.server;
    const client = new VaultAdmin(fake.address, 'instructor-token');
    const response = await client.write('classroom/data/classroom/roster', { data: { ok: true } });
    expect(response?.data).toEqual({ version: 1 });
    expect(fake.requests()).toBe(4);
  });

  it('does not retry any other error', async () => {
    const fake = await upgradingServer(0, {
      status: 403,
      body: { errors: ['1 error occurred:\n\t* permission denied\n\n'] },
    });
    server = fake.server;
    const client = new VaultAdmin(fake.address, 'instructor-token');
    const error = await client.read('secret/config').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VaultApiError);
    expect((error as VaultApiError).status).toBe(403);
    expect(fake.requests()).toBe(1);
  });
});

/** A server that closes the connection without answering the first `dropped` requests (a leader killed mid-request). */
async function droppingServer(dropped: number): Promise<{ address: string; requests: () => number; server: Server }> {
  let requests = 0;
  const server = createServer((_request, response) => {
    requests += 1;
    if (requests <= dropped) return void response.socket?.destroy();
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ data: { id: 'entity-1', disabled: false } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { address: `http://127.0.0.1:${port}`, requests: () => requests, server };
}

describe('VaultAdmin when the answer to a POST is lost', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('sends a POST that only reads (identity/lookup/entity) again', async () => {
    const fake = await droppingServer(1);
    server = fake.server;
    const client = new VaultAdmin(fake.address, 'instructor-token');
    const found = await client.query<{ id: string }>('identity/lookup/entity', { alias_name: 'role-id' });
    expect(found?.data.id).toBe('entity-1');
    expect(fake.requests()).toBe(2);
  });

  it('sends a repeatable write (a policy) again: twice leaves what once leaves', async () => {
    const fake = await droppingServer(1);
    server = fake.server;
    const client = new VaultAdmin(fake.address, 'instructor-token');
    await client.writePolicy('classroom-student', 'path "secret/*" { capabilities = ["read"] }');
    expect(fake.requests()).toBe(2);
  });

  it('does not send a write again: it may have happened', async () => {
    const fake = await droppingServer(1);
    server = fake.server;
    const client = new VaultAdmin(fake.address, 'instructor-token');
    await expect(client.write('auth/classroom/role/s0001/secret-id', {})).rejects.toThrow();
    expect(fake.requests()).toBe(1);
  });
});
