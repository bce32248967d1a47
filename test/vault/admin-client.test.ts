import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { VaultAdmin, VaultApiError } from '../../src/vault/admin-client.js';

const UPGRADING = 'Upgrading from non-versioned to versioned data. This backend will be unavailable for a brief period';

type FakeVault = { address: string; requests: () => number; server: Server };

/** A server on 127.0.0.1 whose `handle` is told which request (1, 2, …) it is answering. */
async function fakeVault(handle: (request: number, response: ServerResponse) => void): Promise<FakeVault> {
  let requests = 0;
  const server = createServer((_request, response) => handle(++requests, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { address: `http://127.0.0.1:${port}`, requests: () => requests, server };
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** A server that answers the KV upgrade error `upgradingAnswers` times, then `final`. */
const upgradingServer = (upgradingAnswers: number, final: { status: number; body: unknown }) =>
  fakeVault((request, response) =>
    request <= upgradingAnswers
      ? answer(response, 400, { errors: [UPGRADING] })
      : answer(response, final.status, final.body),
  );

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
const droppingServer = (dropped: number) =>
  fakeVault((request, response) =>
    request <= dropped
      ? response.socket?.destroy()
      : answer(response, 200, { data: { id: 'entity-1', disabled: false } }),
  );

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
