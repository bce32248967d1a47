import { DEFAULT_TRAIL_BYTES, type AuditTrail } from '../audit/trail.js';
import type { VirtualClock } from '../provider.js';
import { randomRootToken } from '../../util/random.js';
import { PolicyStore } from './acl/store.js';
import { AuditBroker, TRAIL_DEVICE } from './audit/broker.js';
import { appRoleBackend } from './auth/approle/backend.js';
import { jwtBackend } from './auth/jwt/backend.js';
import { DEFAULT_LOCKOUT, type LockoutSettings } from './auth/approle/lockout.js';
import { tokenBackend } from './auth/token/backend.js';
import { TokenStore } from './auth/token/store.js';
import { cubbyholeBackend } from './builtin/cubbyhole.js';
import { identityBackend } from './builtin/identity.js';
import { ServerClock } from './core/clock.js';
import { Core } from './core/core.js';
import { hex, uuid } from './core/ids.js';
import { IdentityStore } from './core/identity.js';
import type { Backend } from './core/logical.js';
import { MountTable, newMount } from './core/mounts.js';
import { kvV2Backend } from './kv/backend.js';
import { kvV1Backend, kvV1Values } from './kv/v1.js';
import { pkiBackend } from './pki/backend.js';
import { close, listen } from './server.js';
import { systemBackend } from './sys/backend.js';

/**
 * The in-process Vault-compatible dev server (only what the course uses, behaving exactly like
 * the real server for it). Laid out like Vault's own code: http (envelope, routing, errors),
 * core (request pipeline, mounts), sys, auth/token, auth/approle, auth/jwt, kv, pki, acl, audit.
 */
export interface EmbeddedServerOptions {
  /** 127.0.0.1 port; 0 or undefined = a random free port. */
  port?: number;
  /** Root token id; random when omitted. */
  rootToken?: string;
  /** Start time of the virtual clock (ms since epoch); defaults to Date.now(). */
  startTime?: number;
  /**
   * Enable the `file` audit device at start (in memory; exposed as `auditTrail`). Default true,
   * like the binary provider; false starts with no audit device, as a plain `vault server -dev`.
   */
  audit?: boolean;
  /**
   * Bytes of audit entries kept in memory for `auditTrail.entries()` (oldest dropped beyond;
   * subscribers see every entry). Default 64 MiB.
   */
  auditMaxBytes?: number;
  /** Where audit devices with `file_path=stdout` write. Default: process.stdout. */
  auditStdout?: NodeJS.WritableStream;
  /**
   * AppRole user lockout (Vault's default: 5 failed logins lock the role_id for 15 min).
   * `false` disables it, like `VAULT_DISABLE_USER_LOCKOUT=true`.
   */
  userLockout?: boolean | Partial<LockoutSettings>;
}

export interface EmbeddedServer {
  address: string;
  rootToken: string;
  /** Audit entries in Vault's JSON audit format, HMAC'd like a `file` device named `file`. */
  auditTrail: AuditTrail;
  /** Time as the server sees it: TTLs and expiry follow this clock; `advance` moves it forward. */
  clock: VirtualClock;
  version: string;
  stop(): Promise<void>;
}

/** The version the API reports (sys/health, seal-status): the OpenBao release whose behaviour this copies. */
export const API_VERSION = '2.7.2+embedded';

/** The server without its listener: everything a request goes through, wired together. */
export function buildCore(options: EmbeddedServerOptions = {}) {
  const clock = new ServerClock(options.startTime);
  const mounts = new MountTable();
  const tokens = new TokenStore(clock);
  const policies = new PolicyStore(clock);
  const identity = new IdentityStore();
  policies.identity = identity;
  const audit = new AuditBroker({
    clock,
    stdout: options.auditStdout,
    maxBytes: options.auditMaxBytes ?? DEFAULT_TRAIL_BYTES,
  });
  const lockout =
    options.userLockout === false
      ? undefined
      : { ...DEFAULT_LOCKOUT, ...(typeof options.userLockout === 'object' ? options.userLockout : {}) };

  const createBackend = (
    cls: 'secret' | 'auth',
    type: string,
    mountOptions: Record<string, string>,
    previous?: Backend,
  ): Backend | undefined => {
    if (cls === 'secret' && type === 'kv')
      return mountOptions.version === '2' ? kvV2Backend(clock, kvV1Values(previous)) : kvV1Backend();
    if (cls === 'auth' && type === 'approle') return appRoleBackend({ clock, tokens, identity, lockout });
    if (cls === 'secret' && type === 'pki') return pkiBackend(clock);
    if (cls === 'auth' && type === 'jwt') return jwtBackend({ clock, tokens, identity });
    return undefined;
  };
  // eslint-disable-next-line prefer-const -- assigned below, once the system backend that closes over it exists
  let core: Core | undefined;
  const sys = systemBackend({ clock, mounts, tokens, policies, audit, core: () => core!, createBackend });
  addDevModeMounts(mounts, {
    sys,
    kv: kvV2Backend(clock),
    token: tokenBackend(tokens, policies),
    identity: identityBackend(identity),
  });
  core = new Core({ clock, mounts, tokens, policies, audit, identity });

  // Dev mode with a root token id: the token store creates it through auth/token/create.
  const rootToken = options.rootToken ?? randomRootToken();
  tokens.create({ id: rootToken, policies: ['root'], path: 'auth/token/create', displayName: 'token', noParent: true });
  if (options.audit !== false) audit.enable(TRAIL_DEVICE, '', { file_path: 'discard' }, false);
  return { core, clock, audit, rootToken };
}

/** The mounts `bao server -dev` starts with: cubbyhole, identity, KV v2 at secret/, sys and token. */
function addDevModeMounts(
  mounts: MountTable,
  backends: { sys: Backend; kv: Backend; token: Backend; identity: Backend },
): void {
  const defaults = {
    description: '',
    local: false,
    sealWrap: false,
    options: null,
    config: { defaultLeaseTtl: 0, maxLeaseTtl: 0 },
  };
  mounts.add(
    newMount({
      ...defaults,
      path: 'cubbyhole/',
      class: 'secret',
      type: 'cubbyhole',
      description: 'per-token private secret storage',
      local: true,
      backend: cubbyholeBackend(),
    }),
  );
  mounts.add(
    newMount({
      ...defaults,
      path: 'identity/',
      class: 'secret',
      type: 'identity',
      description: 'identity store',
      config: { defaultLeaseTtl: 0, maxLeaseTtl: 0, passthroughRequestHeaders: ['Authorization'] },
      backend: backends.identity,
    }),
  );
  mounts.add(
    newMount({
      ...defaults,
      path: 'secret/',
      class: 'secret',
      type: 'kv',
      description: 'key/value secret storage',
      options: { version: '2' },
      backend: backends.kv,
    }),
  );
  mounts.add(
    newMount({
      ...defaults,
      path: 'sys/',
      class: 'secret',
      type: 'system',
      description: 'system endpoints used for control, policy and debugging',
      sealWrap: true,
      config: { defaultLeaseTtl: 0, maxLeaseTtl: 0, passthroughRequestHeaders: ['Accept'] },
      backend: backends.sys,
    }),
  );
  mounts.add(
    newMount({
      ...defaults,
      path: 'token/',
      class: 'auth',
      type: 'token',
      description: 'token based credentials',
      backend: backends.token,
    }),
  );
}

export async function startEmbeddedServer(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const { core, clock, audit, rootToken } = buildCore(options);
  const { server, port } = await listen(
    core,
    { version: API_VERSION, clusterName: `vault-cluster-${hex(4)}`, clusterId: uuid() },
    options.port ?? 0,
  );
  let stopped: Promise<void> | undefined;
  return {
    address: `http://127.0.0.1:${port}`,
    rootToken,
    auditTrail: audit.trail(),
    clock,
    version: `embedded (OpenBao ${API_VERSION.split('+')[0]} API)`,
    stop: () =>
      (stopped ??= (async () => {
        await close(server);
        audit.closeAll();
      })()),
  };
}
