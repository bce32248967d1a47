import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { VaultAdmin, VaultApiError } from '../../src/vault/admin-client.js';
import { VaultNetworkError } from '../../src/vault/admin-errors.js';
import { parseAddressList } from '../../src/vault/address-list.js';
import { freePort } from '../../src/util/net.js';

/**
 * The admin client on several nodes, against real HTTP servers playing a cluster's nodes: failover
 * when a node refuses, 307 from a standby, leader discovery through sys/leader, and the newest
 * X-Vault-Index sent back so a standby forwards what it has not applied yet.
 */
type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function node(handler: Handler): Promise<{ address: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    seen.push(request);
    handler(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { address: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const answer =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };

const index = (value: number) =>
  Buffer.from(JSON.stringify({ cluster: 'c1', value: String(value) })).toString('base64');

describe('VAULT_ADDR lists', () => {
  it('accepts one address or several, and names the one that is wrong', () => {
    expect(parseAddressList('http://a:8200/')).toEqual({ addresses: ['http://a:8200'] });
    expect(parseAddressList(' http://a:8200 , https://b:8200,http://a:8200')).toEqual({
      addresses: ['http://a:8200', 'https://b:8200'],
    });
    expect(parseAddressList('http://a:8200,b:8200')).toEqual({
      error: 'VAULT_ADDR must be an http(s) URL, not "b:8200" (address 2 of 2)',
    });
    expect(parseAddressList('http://a:8200,,http://c')).toEqual({
      error: 'VAULT_ADDR has an empty address (address 2 of 3): separate addresses with single commas',
    });
    expect(parseAddressList('http://a:8200/v1/secret')).toMatchObject({ error: expect.stringMatching(/not "http/) });
    expect(parseAddressList(' , ')).toEqual({ error: 'VAULT_ADDR is empty' });
  });
});

describe('a client on several nodes', () => {
  it('sends to the next node when one refuses the connection, writes included, and stays there', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const alive = await node(answer(200, { data: { ok: true } }));
    const admin = new VaultAdmin([dead, alive.address], 'token');
    await admin.write('auth/classroom/role/ada', { token_policies: 'x' });
    expect(admin.address).toBe(alive.address);
    await admin.read('auth/classroom/role/ada');
    expect(alive.seen.map((request) => request.method)).toEqual(['POST', 'GET']);
  });

  it('names every node when none answers', async () => {
    const [a, b] = [`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`];
    const error = await new VaultAdmin([a, b], 'token')
      .write('secret/data/x', {})
      .catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(VaultNetworkError);
    expect((error as Error).message).toBe(`no node answered (${a}, ${b}: connection refused) for secret/data/x`);
  });

  it('prefers the node sys/leader says is the leader', async () => {
    const standby = await node(answer(200, { is_self: false, leader_address: 'http://elsewhere:8200' }));
    const leader = await node((request, response) =>
      answer(200, request.url === '/v1/sys/leader' ? { is_self: true } : { data: { served: 'leader' } })(
        request,
        response,
      ),
    );
    const admin = new VaultAdmin([standby.address, leader.address], 'token');
    expect(await admin.endpoints.discoverLeader()).toBe(leader.address);
    expect((await admin.read('secret/data/x')).data).toEqual({ served: 'leader' });
    expect(standby.seen.map((request) => request.url)).toEqual(['/v1/sys/leader']);
  });

  it('follows a standby’s 307 to the leader, and moves on when the leader it names is gone', async () => {
    const leader = await node(answer(200, { data: { served: 'leader' } }));
    const standby = await node(answer(307, {}, { location: `${leader.address}/v1/secret/data/x` }));
    const admin = new VaultAdmin(standby.address, 'token');
    expect((await admin.write('secret/data/x', { data: {} }))?.data).toEqual({ served: 'leader' });
    expect(leader.seen[0]!.method).toBe('POST');
    expect(leader.seen[0]!.headers['x-vault-token']).toBe('token');

    const stale = await node(answer(307, {}, { location: `http://127.0.0.1:${await freePort()}/v1/secret/data/x` }));
    const third = await node(answer(200, { data: { served: 'third' } }));
    const failover = new VaultAdmin([stale.address, third.address], 'token');
    expect((await failover.write('secret/data/x', { data: {} }))?.data).toEqual({ served: 'third' });
  });

  it('sends back the newest X-Vault-Index with forward-active-node, not on node-local paths', async () => {
    let next = 0;
    const cluster = await node((request, response) => {
      // Out of order: the second answer carries an older index than the first.
      const value = [5, 3, 9][next++] ?? 9;
      answer(200, { data: {} }, { 'x-vault-index': index(value) })(request, response);
    });
    const admin = new VaultAdmin(cluster.address, 'token');
    await admin.write('auth/classroom/role/a', {});
    expect(cluster.seen[0]!.headers['x-vault-index']).toBeUndefined();
    await admin.write('auth/classroom/role/b', {});
    await admin.read('auth/classroom/role/b/role-id');
    expect(cluster.seen[2]!.headers['x-vault-index']).toBe(index(5));
    expect(cluster.seen[2]!.headers['x-vault-inconsistent']).toBe('forward-active-node');
    await admin.health();
    expect(cluster.seen[3]!.headers['x-vault-index']).toBeUndefined();
    expect(admin.endpoints.consistencyIndex).toBe(index(9));
  });

  it('a standby that knows no active node during an election is asked again, even for a write', async () => {
    let calls = 0;
    const standby = await node((request, response) =>
      calls++ === 0
        ? answer(500, { errors: ['local node not active but active cluster node not found'] })(request, response)
        : answer(200, { data: { ok: true } })(request, response),
    );
    const admin = new VaultAdmin(standby.address, 'token');
    await admin.write('sys/wrapping/lookup', { token: 'x' });
    expect(standby.seen).toHaveLength(2);
    const answered = await node(answer(500, { errors: ['internal error'] }));
    await expect(new VaultAdmin(answered.address, 'token').write('secret/data/x', {})).rejects.toBeInstanceOf(
      VaultApiError,
    );
    expect(answered.seen).toHaveLength(1);
  });
});
