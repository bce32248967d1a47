import { open, readFile, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { VaultAdmin, VaultApiError } from '../vault/admin-client.js';
import { UserError } from '../util/errors.js';
import { unreachable } from './instructor.js';
import { setupClass } from './setup.js';

/**
 * `classroom init` for the compose `server` profile (a fresh server-mode Vault with raft storage):
 * initialise, unseal, and mount what the classroom uses. The unseal keys and the root token are
 * written to a 0600 file that must not exist yet — opened before Vault is initialised, so the
 * one-time answer always has somewhere to go — and are never printed. A Vault that is already
 * initialised is left alone.
 */
export interface InitOptions {
  address: string;
  keysFile: string;
  shares: number;
  threshold: number;
  /** How long to wait for the unsealed server to become active (raft elects itself leader). */
  activeTimeoutMs?: number;
}

export interface KeysFile {
  warning: string;
  address: string;
  created: string;
  unseal_threshold: number;
  unseal_keys_b64: string[];
  root_token: string;
}

export async function initClassVault(options: InitOptions): Promise<{ keysFile: string }> {
  if (
    !Number.isInteger(options.shares) ||
    !Number.isInteger(options.threshold) ||
    options.shares < 1 ||
    options.threshold < 1 ||
    options.threshold > options.shares
  ) {
    throw new UserError('--key-shares and --key-threshold must be whole numbers with 1 <= threshold <= shares');
  }
  const vault = new VaultAdmin(options.address);
  let initialized: boolean;
  try {
    initialized = await vault.initStatus();
  } catch (error) {
    throw unreachable(error, options.address);
  }
  if (initialized) {
    const sealed = await vault
      .sealStatus()
      .then((status) => status.sealed)
      .catch(() => false);
    throw new UserError(
      `the Vault at ${options.address} is already initialised; nothing was changed${sealed ? ' (it is sealed: run classroom unseal --keys FILE)' : ' (it is unsealed and ready: use its root token, or an instructor token; a dev-mode Vault is always initialised)'}`,
    );
  }

  let handle;
  try {
    handle = await open(options.keysFile, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'EEXIST'
        ? `${options.keysFile} already exists; refusing to overwrite it (move it away or pass --keys FILE)`
        : `cannot create ${options.keysFile}: ${(error as Error).message}`,
    );
  }
  let result: Awaited<ReturnType<VaultAdmin['init']>>;
  try {
    result = await vault.init(options.shares, options.threshold);
  } catch (error) {
    await handle.close();
    await unlink(options.keysFile).catch(() => undefined);
    if (error instanceof VaultApiError && /already initialized/i.test(error.message))
      throw new UserError(
        `the Vault at ${options.address} was initialised by someone else just now; nothing was changed`,
      );
    throw unreachable(error, options.address);
  }
  const keys: KeysFile = {
    warning:
      'Unseal keys and root token of the class Vault. Move this file somewhere safe (a password manager, an offline disk) and delete it here; anyone with it owns the Vault.',
    address: options.address,
    created: new Date().toISOString(),
    unseal_threshold: options.threshold,
    unseal_keys_b64: result.keysBase64,
    root_token: result.rootToken,
  };
  try {
    await handle.writeFile(`${JSON.stringify(keys, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }

  await unsealWith(vault, keys.unseal_keys_b64, { timeoutMs: options.activeTimeoutMs });
  const root = new VaultAdmin(options.address, keys.root_token);
  await setupClass(root);
  return { keysFile: options.keysFile };
}

/**
 * `classroom unseal --keys FILE`: after a restart a server-mode Vault comes back sealed. On a
 * cluster (VAULT_ADDR lists its nodes) each node is unsealed with the same keys; a node that is
 * not sealed is left alone, and an unsealed node is done once it serves, as leader or standby —
 * a follower is never waited on to become the leader.
 */
export interface NodeUnsealed {
  address: string;
  wasSealed: boolean;
  /** After unsealing: leading, or a standby of the active node. */
  role: 'active' | 'standby';
}

export async function unsealClassVault(options: {
  addresses: string[];
  keysFile: string;
  activeTimeoutMs?: number;
  joinTimeoutMs?: number;
}): Promise<NodeUnsealed[]> {
  const keys = await readKeysFile(options.keysFile);
  const results: NodeUnsealed[] = [];
  for (const address of options.addresses) {
    const vault = new VaultAdmin(address);
    const sealed = await waitUntilJoined(vault, options.joinTimeoutMs ?? 60_000);
    if (sealed)
      await unsealWith(vault, keys.unseal_keys_b64, { timeoutMs: options.activeTimeoutMs, standbyIsEnough: true });
    const health = (await vault.health().catch(() => undefined)) as { standby?: boolean } | undefined;
    results.push({ address, wasSealed: sealed, role: health?.standby ? 'standby' : 'active' });
  }
  return results;
}

/**
 * Whether the node is sealed, once it can be unsealed: a new raft node with `retry_join` says it is
 * not initialised until it has fetched the cluster's join challenge, and only then takes keys.
 */
async function waitUntilJoined(vault: VaultAdmin, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let status;
    try {
      status = await vault.sealStatus();
    } catch (error) {
      throw unreachable(error, vault.address);
    }
    if (status.initialized !== false) return status.sealed;
    if (Date.now() > deadline)
      throw new UserError(
        `the Vault at ${vault.address} is not initialised and did not join a cluster within ${Math.round(timeoutMs / 1000)} s: give it retry_join to the other nodes, or run classroom init on it alone`,
      );
    await sleep(500);
  }
}

async function readKeysFile(file: string): Promise<KeysFile> {
  let keys: KeysFile;
  try {
    keys = JSON.parse(await readFile(file, 'utf8')) as KeysFile;
  } catch (error) {
    throw new UserError(`cannot read the keys file ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(keys.unseal_keys_b64) || keys.unseal_keys_b64.length === 0)
    throw new UserError(`${file} holds no unseal keys`);
  return keys;
}

async function unsealWith(
  vault: VaultAdmin,
  keys: string[],
  options: { timeoutMs?: number; standbyIsEnough?: boolean } = {},
): Promise<void> {
  const activeTimeoutMs = options.timeoutMs ?? 30_000;
  for (const key of keys) {
    let status;
    try {
      status = await vault.unseal(key);
    } catch (error) {
      if (error instanceof VaultApiError) throw new UserError(`unsealing failed: ${error.message}`);
      throw unreachable(error, vault.address);
    }
    if (!status.sealed) break;
  }
  // Unsealed is not yet serving: a raft node must first elect itself leader, or find the one there is.
  const deadline = Date.now() + activeTimeoutMs;
  for (;;) {
    const health = await vault.health().catch(() => undefined);
    const standby = (health as { standby?: boolean } | undefined)?.standby;
    if (health && health.initialized && !health.sealed && (!standby || options.standbyIsEnough)) return;
    if (Date.now() > deadline)
      throw new UserError(
        `the Vault at ${vault.address} did not become ${options.standbyIsEnough ? 'active or a standby' : 'active'} within ${Math.round(activeTimeoutMs / 1000)} s after unsealing`,
      );
    await sleep(200);
  }
}
