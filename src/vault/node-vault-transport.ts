import nodeVault from 'node-vault';
import type { VaultEndpoints } from './vault-endpoints.js';

export type NodeVaultClient = ReturnType<typeof nodeVault>;

/** node-vault's client, sending through the endpoints (failover, redirects, X-Vault-Index) instead of axios. */
const BASE = 'http://vault.invalid';

export function nodeVaultOver(endpoints: VaultEndpoints, token: string | undefined): NodeVaultClient {
  const transport = {
    defaults: () => (options: Parameters<VaultEndpoints['request']>[1]) => endpoints.request(BASE, options),
  };
  const client = nodeVault({ apiVersion: 'v1', endpoint: BASE, token, 'request-promise': transport } as Parameters<
    typeof nodeVault
  >[0]);
  // node-vault's own handler drops the headers of an error answer (Retry-After): keep them.
  const handler = client as unknown as { handleVaultResponse: (response: ClientAnswer) => Promise<unknown> };
  handler.handleVaultResponse = (response) => {
    if (response.statusCode === 200 || response.statusCode === 204 || /sys\/health/.test(response.request.path))
      return Promise.resolve(response.body);
    const body = response.body as { errors?: unknown[] } | undefined;
    const message = body?.errors?.length ? String(body.errors[0]) : `Status ${response.statusCode}`;
    return Promise.reject(Object.assign(new Error(message), { response }));
  };
  return client;
}

interface ClientAnswer {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  request: { path: string };
}
