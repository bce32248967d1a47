import { toVaultApiError, VaultApiError } from './admin-errors.js';
import { orNothing, type AppRoleSettings, type OwnToken, type VaultResponse, type WrapInfo } from './admin-types.js';
import { withRetries, type RequestKind } from './retry-policy.js';
import { VaultEndpoints } from './vault-endpoints.js';
import { nodeVaultOver, type NodeVaultClient } from './node-vault-transport.js';

export { VaultApiError } from './admin-errors.js';
export type { AppRoleSettings, OwnToken, VaultResponse, WrapInfo } from './admin-types.js';

/**
 * Every admin call the product makes (provisioning, checks against the playground, classroom)
 * goes through node-vault, the Node client the course teaches, so the product itself is a
 * node-vault user against every provider. Its helpers lag the API (its AppRole role helper only
 * sends the legacy `policies` field), so this uses its generic read/write/list/delete.
 */

export class VaultAdmin {
  readonly #client: NodeVaultClient;
  /** The node or nodes this client talks to (shared with clients made from this one). */
  readonly endpoints: VaultEndpoints;

  /** `address`: one Vault, the nodes of a cluster, or endpoints shared with another client. */
  constructor(address: string | readonly string[] | VaultEndpoints, token?: string) {
    this.endpoints =
      address instanceof VaultEndpoints
        ? address
        : new VaultEndpoints(address, { timeoutMs: 15_000, insecure: Boolean(process.env.VAULT_SKIP_VERIFY) });
    this.#client = nodeVaultOver(this.endpoints, token);
  }

  /** The address requests go to first now (the leader, once discovered). */
  get address(): string {
    return this.endpoints.current;
  }

  get token(): string | undefined {
    return this.#client.token;
  }

  set token(value: string | undefined) {
    this.#client.token = value as string;
  }

  /** `GET sys/health`; resolves with the body whatever the status (sealed, standby…). */
  async health(): Promise<{ initialized: boolean; sealed: boolean; version?: string }> {
    return this.#call('sys/health', () => this.#client.health(), 'read');
  }

  async read<T = Record<string, unknown>>(path: string): Promise<VaultResponse<T>> {
    return this.#call(path, () => this.#client.read(path), 'read');
  }

  /** `undefined` when the path does not exist (404), instead of throwing. */
  async readIfExists<T = Record<string, unknown>>(path: string): Promise<VaultResponse<T> | undefined> {
    try {
      return await this.read<T>(path);
    } catch (error) {
      if (error instanceof VaultApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  /**
   * `repeatable`: the same write twice leaves what one leaves (a policy, a role's settings), so it is
   * sent again when its answer is lost, as a read is. Any other write is not: it may have happened.
   */
  async write<T = Record<string, unknown>>(
    path: string,
    data: Record<string, unknown> = {},
    options: { wrapTtl?: string; repeatable?: boolean } = {},
  ): Promise<VaultResponse<T> | undefined> {
    const headers = options.wrapTtl ? { 'X-Vault-Wrap-TTL': options.wrapTtl } : undefined;
    const send = () => this.#client.write(path, data, headers ? { headers } : undefined);
    return orNothing(await this.#call(path, send, options.repeatable ? 'read' : 'write'));
  }

  /** A POST that only reads (`identity/lookup/entity`, `sys/capabilities`): repeatable. */
  async query<T = Record<string, unknown>>(path: string, data: Record<string, unknown>) {
    return this.write<T>(path, data, { repeatable: true });
  }

  async list(path: string): Promise<string[]> {
    try {
      const response = await this.#call<VaultResponse<{ keys?: string[] }>>(
        path,
        () => this.#client.list(path),
        'read',
      );
      return response.data?.keys ?? [];
    } catch (error) {
      if (error instanceof VaultApiError && error.status === 404) return [];
      throw error;
    }
  }

  async delete(path: string): Promise<void> {
    await this.#call(path, () => this.#client.delete(path));
  }

  // --- the provisioning vocabulary used by the grader, the playground checks and the classroom ---

  async enableAuth(path: string, type: string): Promise<void> {
    const existing = await this.read<Record<string, { type: string }>>('sys/auth');
    if (existing.data[`${path}/`]) return;
    await this.write(`sys/auth/${path}`, { type });
  }

  async enableKvV2(path: string): Promise<void> {
    const mounts =
      await this.read<Record<string, { type: string; options?: { version?: string } | null }>>('sys/mounts');
    const mount = mounts.data[`${path}/`];
    const isKvV2 = mount?.type === 'kv' && mount.options?.version === '2';
    if (mount && !isKvV2) {
      throw new VaultApiError(400, [`${path}/ is mounted as ${mount.type} (not KV v2)`], `sys/mounts/${path}`);
    }
    if (!mount) await this.write(`sys/mounts/${path}`, { type: 'kv', options: { version: '2' } });
  }

  async writePolicy(name: string, policy: string): Promise<void> {
    await this.write(`sys/policies/acl/${name}`, { policy }, { repeatable: true });
  }

  async writeAppRole(role: string, settings: AppRoleSettings, mount = 'approle'): Promise<void> {
    const body = { ...settings, token_policies: settings.token_policies.join(',') };
    await this.write(`auth/${mount}/role/${role}`, body, { repeatable: true });
  }

  async roleId(role: string, mount = 'approle'): Promise<string> {
    const response = await this.read<{ role_id: string }>(`auth/${mount}/role/${role}/role-id`);
    return response.data.role_id;
  }

  async newSecretId(role: string, mount = 'approle'): Promise<{ secretId: string; accessor: string }> {
    const response = await this.write<{ secret_id: string; secret_id_accessor: string }>(
      `auth/${mount}/role/${role}/secret-id`,
    );
    if (!response)
      throw new VaultApiError(500, ['Vault returned no secret_id'], `auth/${mount}/role/${role}/secret-id`);
    return { secretId: response.data.secret_id, accessor: response.data.secret_id_accessor };
  }

  /** A secret_id delivered as a single-use wrapping token (the trusted-orchestrator pattern). */
  async newWrappedSecretId(role: string, wrapTtl: string, mount = 'approle'): Promise<WrapInfo> {
    const response = await this.write(`auth/${mount}/role/${role}/secret-id`, {}, { wrapTtl });
    if (!response?.wrap_info)
      throw new VaultApiError(500, ['Vault returned no wrap_info'], `auth/${mount}/role/${role}/secret-id`);
    return response.wrap_info;
  }

  async kvPut(mount: string, path: string, data: Record<string, unknown>): Promise<{ version: number }> {
    const response = await this.write<{ version: number }>(`${mount}/data/${path}`, { data });
    return { version: response?.data.version ?? 0 };
  }

  async kvGet(mount: string, path: string): Promise<{ data: Record<string, unknown>; version: number } | undefined> {
    const response = await this.readIfExists<{ data: Record<string, unknown>; metadata: { version: number } }>(
      `${mount}/data/${path}`,
    );
    if (!response?.data?.data) return undefined;
    return { data: response.data.data, version: response.data.metadata.version };
  }

  /** KV v2 write with check-and-set: `cas` 0 = only if the key does not exist yet. */
  async kvPutCas(
    mount: string,
    path: string,
    data: Record<string, unknown>,
    cas: number,
  ): Promise<{ version: number }> {
    const response = await this.write<{ version: number }>(`${mount}/data/${path}`, { data, options: { cas } });
    return { version: response?.data.version ?? 0 };
  }

  // --- tokens, AppRole logins and response wrapping (classroom) ---

  async lookupSelf(): Promise<OwnToken> {
    return (await this.read<OwnToken>('auth/token/lookup-self')).data;
  }

  /** `auth/<mount>/login`; on success this client uses the new token. */
  async appRoleLogin(roleId: string, secretId: string, mount = 'approle'): Promise<NonNullable<VaultResponse['auth']>> {
    const response = await this.write(`auth/${mount}/login`, { role_id: roleId, secret_id: secretId });
    if (!response?.auth?.client_token)
      throw new VaultApiError(500, ['Vault returned no token for the AppRole login'], `auth/${mount}/login`);
    this.token = response.auth.client_token;
    return response.auth;
  }

  async revokeSelf(): Promise<void> {
    await this.write('auth/token/revoke-self');
  }

  /** `sys/wrapping/lookup` (unauthenticated): what a wrapping token wraps, without using it up. */
  async wrappingLookup(
    wrappingToken: string,
  ): Promise<{ creation_path: string; creation_time: string; creation_ttl: number }> {
    const response = await this.query<{ creation_path: string; creation_time: string; creation_ttl: number }>(
      'sys/wrapping/lookup',
      { token: wrappingToken },
    );
    if (!response)
      throw new VaultApiError(500, ['Vault returned nothing for the wrapping token lookup'], 'sys/wrapping/lookup');
    return response.data;
  }

  /** `sys/wrapping/unwrap` with the wrapping token as the client token: works once, then 400. */
  async unwrapWith<T = Record<string, unknown>>(wrappingToken: string): Promise<VaultResponse<T>> {
    const unwrapper = new VaultAdmin(this.endpoints, wrappingToken);
    const response = await unwrapper.write<T>('sys/wrapping/unwrap');
    if (!response) throw new VaultApiError(500, ['Vault returned nothing for the unwrap'], 'sys/wrapping/unwrap');
    return response;
  }

  async secretIdAccessors(role: string, mount = 'approle'): Promise<string[]> {
    return this.list(`auth/${mount}/role/${role}/secret-id`);
  }

  async destroySecretIdByAccessor(role: string, accessor: string, mount = 'approle'): Promise<void> {
    await this.write(`auth/${mount}/role/${role}/secret-id-accessor/destroy`, { secret_id_accessor: accessor });
  }

  /** `LIST auth/token/accessors` (needs sudo): every token's accessor, to find a role's tokens. */
  async tokenAccessors(): Promise<string[]> {
    return this.list('auth/token/accessors');
  }

  async lookupAccessor(
    accessor: string,
  ): Promise<{ path?: string; meta?: Record<string, string> | null; policies?: string[] } | undefined> {
    try {
      const response = await this.query<{ path?: string; meta?: Record<string, string> | null; policies?: string[] }>(
        'auth/token/lookup-accessor',
        { accessor },
      );
      return response?.data;
    } catch (error) {
      // Tokens expire between the listing and the lookup.
      if (error instanceof VaultApiError && (error.status === 400 || error.status === 404)) return undefined;
      throw error;
    }
  }

  async revokeAccessor(accessor: string): Promise<void> {
    await this.write('auth/token/revoke-accessor', { accessor });
  }

  // --- server mode: init and unseal (unauthenticated endpoints) ---

  async initStatus(): Promise<boolean> {
    const response = await this.#call<{ initialized: boolean }>('sys/init', () => this.#client.initialized());
    return response.initialized;
  }

  async init(shares: number, threshold: number): Promise<{ keys: string[]; keysBase64: string[]; rootToken: string }> {
    const response = await this.#call<{ keys: string[]; keys_base64: string[]; root_token: string }>('sys/init', () =>
      this.#client.init({ secret_shares: shares, secret_threshold: threshold }),
    );
    return { keys: response.keys, keysBase64: response.keys_base64, rootToken: response.root_token };
  }

  async sealStatus(): Promise<{ sealed: boolean; initialized?: boolean; t: number; n: number; progress: number }> {
    return this.#call('sys/seal-status', () => this.#client.status(), 'read');
  }

  async unseal(key: string): Promise<{ sealed: boolean; t: number; progress: number }> {
    return this.#call('sys/unseal', () => this.#client.unseal({ key }));
  }

  /** Forget the key shares given so far (`sys/unseal` with `reset: true`). */
  async unsealReset(): Promise<{ sealed: boolean; t: number; progress: number }> {
    return this.#call('sys/unseal', () => this.#client.unseal({ reset: true }));
  }

  async enableFileAudit(device: string, filePath: string): Promise<void> {
    await this.write(`sys/audit/${device}`, { type: 'file', options: { file_path: filePath } });
  }

  async auditHash(device: string, input: string): Promise<string> {
    const response = await this.query<{ hash: string }>(`sys/audit-hash/${device}`, { input });
    const hash = response?.data.hash ?? (response as unknown as { hash?: string } | undefined)?.hash;
    if (!hash) throw new VaultApiError(500, ['Vault returned no hash'], `sys/audit-hash/${device}`);
    return hash;
  }

  async #call<T>(path: string, run: () => Promise<unknown>, kind: RequestKind = 'write'): Promise<T> {
    return withRetries(path, kind, async () => {
      try {
        return (await run()) as T;
      } catch (error) {
        throw toVaultApiError(error, path);
      }
    });
  }
}
