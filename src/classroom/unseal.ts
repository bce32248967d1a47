import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { VaultAdmin, VaultApiError } from '../vault/admin-client.js';
import { UserError } from '../util/errors.js';
import type { KeysFile } from './init.js';
import { unreachable } from './instructor.js';

/**
 * `classroom unseal --keys FILE`: after a restart a server-mode Vault comes back sealed. On a
 * cluster (VAULT_ADDR lists its nodes) each node is unsealed with the same keys; a node that is
 * not sealed is left alone, and an unsealed node is done once it serves, as leader or standby —
 * a follower is never waited on to become the leader.
 *
 * Key shares given to a sealed node stay there until the threshold is reached (Vault keeps the
 * progress, not who gave it): a run stopped half-way, or another key holder unsealing, leaves
 * some. Each run says what it found (k of n) before adding its own; `reset` discards it first
 * (`sys/unseal` with `reset: true`), for a share given by mistake or from another Vault.
 */
export interface NodeUnsealed {
  address: string;
  wasSealed: boolean;
  /** After this run: leading, a standby of the active node, or still sealed (a reset without keys). */
  role: 'active' | 'standby' | 'sealed';
  /** Key shares given to this node before this run, when there were any: k of the n it needs. */
  progressFound?: { given: number; needed: number };
  /** The progress found was discarded (`reset`). */
  reset?: boolean;
}

export interface UnsealOptions {
  addresses: string[];
  /** The keys file from init, or the files of enough key shares; none with `reset` only resets. */
  keysFiles: string[];
  /** Discard the key shares given before this run, then unseal with these. */
  reset?: boolean;
  /** Told as soon as a node's earlier progress is seen, before this run's keys can fail. */
  onProgressFound?: (node: NodeUnsealed) => void;
  activeTimeoutMs?: number;
  joinTimeoutMs?: number;
}

export async function unsealClassVault(options: UnsealOptions): Promise<NodeUnsealed[]> {
  const keys = options.keysFiles.length > 0 || !options.reset ? await readUnsealKeys(options.keysFiles) : [];
  const results: NodeUnsealed[] = [];
  for (const address of options.addresses) {
    const vault = new VaultAdmin(address);
    const status = await waitUntilJoined(vault, options.joinTimeoutMs ?? 60_000, options.addresses);
    const node: NodeUnsealed = { address, wasSealed: status.sealed, role: 'sealed' };
    if (status.sealed && status.progress > 0) {
      node.progressFound = { given: status.progress, needed: status.t };
      if (options.reset) {
        await vault.unsealReset().catch((error: unknown) => {
          throw unsealError(error, vault.address);
        });
        node.reset = true;
      }
      options.onProgressFound?.(node);
    }
    if (status.sealed && keys.length > 0)
      await unsealWith(vault, keys, { timeoutMs: options.activeTimeoutMs, standbyIsEnough: true });
    if (!status.sealed || keys.length > 0) {
      const health = (await vault.health().catch(() => undefined)) as { standby?: boolean } | undefined;
      node.role = health?.standby ? 'standby' : 'active';
    }
    results.push(node);
  }
  return results;
}

/**
 * The node's seal status, once it can be unsealed: a new raft node with `retry_join` says it is
 * not initialised until it has fetched the cluster's join challenge, and only then takes keys. That
 * is worth waiting for only when another node given is initialised: a lone server (or a cluster
 * none of whose nodes is) that is not initialised needs `classroom init`, and is told so at once.
 */
async function waitUntilJoined(vault: VaultAdmin, timeoutMs: number, addresses: readonly string[]) {
  const deadline = Date.now() + timeoutMs;
  for (let first = true; ; first = false) {
    let status;
    try {
      status = await vault.sealStatus();
    } catch (error) {
      throw unreachable(error, vault.address);
    }
    if (status.initialized !== false) return status;
    if (first && !(await anotherNodeInitialised(addresses, vault.address)))
      throw new UserError(
        `the Vault at ${vault.address} is not initialised yet: run "secrets-workbook classroom init" (it writes the unseal keys this command needs)`,
      );
    if (Date.now() > deadline)
      throw new UserError(
        `the Vault at ${vault.address} is not initialised and did not join a cluster within ${Math.round(timeoutMs / 1000)} s: give it retry_join to the other nodes, or run classroom init on it alone`,
      );
    await sleep(500);
  }
}

async function anotherNodeInitialised(addresses: readonly string[], self: string): Promise<boolean> {
  const others = addresses.filter((address) => new VaultAdmin(address).address !== self);
  const answers = await Promise.all(
    others.map((address) =>
      new VaultAdmin(address)
        .sealStatus()
        .then((status) => status.initialized !== false)
        .catch(() => false),
    ),
  );
  return answers.some(Boolean);
}

/** The unseal keys in these files (a keys file holds all, a key share's file one), each once. */
async function readUnsealKeys(files: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const file of files) {
    let keys: KeysFile;
    try {
      keys = JSON.parse(await readFile(file, 'utf8')) as KeysFile;
    } catch (error) {
      throw new UserError(`cannot read the keys file ${file}: ${(error as Error).message}`);
    }
    if (!Array.isArray(keys.unseal_keys_b64) || !keys.unseal_keys_b64.every((key) => typeof key === 'string'))
      throw new UserError(`${file} is not a keys file from classroom init`);
    for (const key of keys.unseal_keys_b64) found.add(key);
  }
  if (found.size === 0)
    throw new UserError(
      `${files.join(', ')} hold${files.length === 1 ? 's' : ''} no unseal keys (init with --shares-dir writes one file per key share: pass those, --keys FILE once each)`,
    );
  return [...found];
}

function unsealError(error: unknown, address: string): Error {
  return error instanceof VaultApiError
    ? new UserError(`unsealing the Vault at ${address} failed: ${error.message}`)
    : unreachable(error, address);
}

export async function unsealWith(
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
      // Reaching the threshold with a wrong share fails, and Vault then forgets every share given.
      if (error instanceof VaultApiError)
        throw new UserError(
          `unsealing the Vault at ${vault.address} failed: ${error.message} (a key share given earlier may be wrong or from another Vault; the shares given so far are discarded: run classroom unseal again with yours)`,
        );
      throw unreachable(error, vault.address);
    }
    if (!status.sealed) break;
  }
  // Fewer shares than the threshold leave it sealed, with the progress kept on the server. (Enough
  // shares can still answer "sealed" for a moment: a raft follower joins the cluster after its unseal.)
  const status = await vault.sealStatus().catch(() => undefined);
  if (status?.sealed && status.progress > 0 && status.progress < status.t)
    throw new UserError(
      `the Vault at ${vault.address} is still sealed: ${status.progress} of ${status.t} key shares given so far (${keys.length} by this run); pass ${status.t - status.progress} more key share file${status.t - status.progress === 1 ? '' : 's'} with --keys (the progress stays on the server; classroom unseal --reset discards it)`,
    );
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
