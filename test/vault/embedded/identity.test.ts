import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer, type EmbeddedServer } from '../../../src/vault/embedded/index.js';

/**
 * The identity store's endpoints the classroom uses (an AppRole login's entity, looked up by its
 * alias, disabled, deleted), answered as OpenBao answers them.
 */
let server: EmbeddedServer;

async function api(token: string | undefined, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.address}/v1/${path}`, {
    method,
    headers: token ? { 'X-Vault-Token': token } : {},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as any) : undefined };
}

beforeAll(async () => {
  server = await startEmbeddedServer();
  const root = server.rootToken;
  await api(root, 'POST', 'sys/auth/approle', { type: 'approle' });
  await api(root, 'POST', 'auth/approle/role/student', { token_policies: ['default'] });
});
afterAll(async () => server.stop());

async function login(): Promise<{ token: string; entity: string }> {
  const root = server.rootToken;
  const roleId = (await api(root, 'GET', 'auth/approle/role/student/role-id')).body.data.role_id as string;
  const secretId = (await api(root, 'POST', 'auth/approle/role/student/secret-id')).body.data.secret_id as string;
  const answer = await api(undefined, 'POST', 'auth/approle/login', { role_id: roleId, secret_id: secretId });
  expect(answer.status).toBe(200);
  return { token: answer.body.auth.client_token, entity: answer.body.auth.entity_id };
}

describe('identity entities on the embedded server', () => {
  it('a disabled entity’s token is refused; deleting it lets the next login make a new one', async () => {
    const root = server.rootToken;
    const first = await login();
    expect((await api(root, 'GET', `identity/entity/id/${first.entity}`)).body.data.id).toBe(first.entity);
    expect((await api(root, 'POST', `identity/entity/id/${first.entity}`, { disabled: true })).status).toBe(204);
    expect((await api(first.token, 'GET', 'auth/token/lookup-self')).status).toBe(403);

    expect((await api(root, 'DELETE', `identity/entity/id/${first.entity}`)).status).toBe(204);
    expect((await api(root, 'GET', `identity/entity/id/${first.entity}`)).status).toBe(404);
    // Deleting what is not there is no error, as in OpenBao.
    expect((await api(root, 'DELETE', `identity/entity/id/${first.entity}`)).status).toBe(204);

    const second = await login();
    expect(second.entity).not.toBe(first.entity);
    expect((await api(second.token, 'GET', 'auth/token/lookup-self')).status).toBe(200);
  });
});
