import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { VaultAdmin, VaultApiError } from '../../src/vault/admin-client.js';
import { VaultNetworkError } from '../../src/vault/admin-errors.js';
import { retryDelay } from '../../src/vault/retry-policy.js';

/**
 * The admin client against a real HTTP server that fails on purpose: what a rate-limit quota, a
 * leader election or a dropped connection look like to it.
 */
type Step = (request: IncomingMessage, response: ServerResponse) => void;
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Step => {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
};
const reset: Step = (request) => request.socket.destroy();

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function vaultThatAnswers(steps: Step[]): Promise<{ admin: VaultAdmin; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    const step = steps.shift() ?? json(200, { data: { ok: true } });
    step(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  const { port } = server.address() as AddressInfo;
  return { admin: new VaultAdmin(`http://127.0.0.1:${port}`, 'token'), seen };
}

describe('retries', () => {
  it('a 429 under a rate-limit quota is tried again after Retry-After, for reads and writes', async () => {
    const limited = json(
      429,
      { errors: ['request path "secret/": rate limit quota exceeded'] },
      { 'retry-after': '0' },
    );
    const { admin, seen } = await vaultThatAnswers([limited, limited, json(200, { data: { a: 1 } }), limited]);
    expect((await admin.read('secret/data/x')).data).toEqual({ a: 1 });
    await admin.write('secret/data/x', { data: {} });
    expect(seen).toEqual([
      'GET /v1/secret/data/x',
      'GET /v1/secret/data/x',
      'GET /v1/secret/data/x',
      'POST /v1/secret/data/x',
      'POST /v1/secret/data/x',
    ]);
  });

  it('a read whose connection was reset, or that met an election (503), is tried again', async () => {
    const { admin, seen } = await vaultThatAnswers([reset, json(503, { errors: ['Vault is sealed'] })]);
    expect((await admin.read('secret/data/x')).data).toEqual({ ok: true });
    expect(seen).toHaveLength(3);
  });

  it('a write whose answer was lost is not repeated (it may have happened), and says so in one line', async () => {
    const { admin, seen } = await vaultThatAnswers([reset]);
    const error = await admin.write('auth/classroom/role/ada/secret-id').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VaultNetworkError);
    expect(seen).toEqual(['POST /v1/auth/classroom/role/ada/secret-id']);
    const { admin: again, seen: seenAgain } = await vaultThatAnswers([json(503, { errors: ['standby'] })]);
    await expect(again.write('secret/data/x', {})).rejects.toMatchObject({ status: 503 });
    expect(seenAgain).toHaveLength(1);
  });

  it('gives up within its budget, with the last error', async () => {
    const failing = Array.from({ length: 20 }, () => json(502, { errors: ['bad gateway'] }));
    const { admin, seen } = await vaultThatAnswers(failing);
    await expect(admin.read('secret/data/x')).rejects.toBeInstanceOf(VaultApiError);
    expect(seen).toHaveLength(8);
  }, 30_000);

  it('backoff: exponential, jittered, capped; Retry-After wins; 4xx and 500 are final', () => {
    const options = { attempts: 8, baseMs: 100, capMs: 5_000, budgetMs: 30_000, random: () => 1 };
    const busy = new VaultApiError(429, ['quota'], 'x');
    expect([1, 2, 3, 4, 7].map((attempt) => retryDelay(busy, 'read', attempt, options))).toEqual([
      100, 200, 400, 800, 5_000,
    ]);
    expect(retryDelay(busy, 'read', 8, options)).toBeUndefined();
    expect(retryDelay(new VaultApiError(429, ['quota'], 'x', 3), 'write', 1, options)).toBe(3_000);
    for (const status of [400, 403, 404, 500])
      expect(retryDelay(new VaultApiError(status, ['no'], 'x'), 'read', 1, options)).toBeUndefined();
    expect(retryDelay(new VaultNetworkError('refused', 'ECONNREFUSED'), 'write', 1, options)).toBe(100);
  });

  it('an election (no active node, or a standby pointing at a dead leader) is waited out by the budget, not the attempt count', () => {
    const options = { attempts: 8, baseMs: 100, capMs: 5_000, budgetMs: 30_000, random: () => 1 };
    const noLeader = new VaultApiError(500, ['local node not active but active cluster node not found'], 'x');
    const deadLeader = new VaultNetworkError('redirected to a node that refused', 'ENOLEADER');
    for (const error of [noLeader, deadLeader]) {
      expect(retryDelay(error, 'write', 1, options)).toBe(100);
      expect(retryDelay(error, 'write', 20, options)).toBe(5_000);
    }
    expect(retryDelay(new VaultNetworkError('refused', 'ECONNREFUSED'), 'write', 8, options)).toBeUndefined();
  });
});
