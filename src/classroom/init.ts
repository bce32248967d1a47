import { mkdir, open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { VaultAdmin, VaultApiError } from '../vault/admin-client.js';
import { UserError } from '../util/errors.js';
import { unreachable } from './instructor.js';
import { setupClass } from './setup.js';
import { unsealWith } from './unseal.js';

/**
 * `classroom init` for the compose `server` profile (a fresh server-mode Vault with raft storage):
 * initialise, unseal, and mount what the classroom uses. The unseal keys and the root token are
 * written to a 0600 file that must not exist yet — opened before Vault is initialised, so the
 * one-time answer always has somewhere to go — and are never printed. A Vault that is already
 * initialised is left alone. With `sharesDir`, each unseal key share goes to a file of its own
 * there (0600, in a 0700 folder; none may exist yet), for the instructor to hand to different
 * people, and the keys file holds the root token only.
 */
export interface InitOptions {
  address: string;
  keysFile: string;
  shares: number;
  threshold: number;
  /** One file per key share in this folder, instead of every share in the keys file. */
  sharesDir?: string;
  /** How long to wait for the unsealed server to become active (raft elects itself leader). */
  activeTimeoutMs?: number;
}

export interface KeysFile {
  warning: string;
  address: string;
  created: string;
  unseal_threshold: number;
  unseal_keys_b64: string[];
  /** In a key share's file: which share of how many (the file then holds no root token). */
  key_share?: string;
  root_token?: string;
}

/** The files `initClassVault` writes: the keys file, and one per key share when asked. */
export function shareFiles(sharesDir: string, shares: number): string[] {
  return Array.from({ length: shares }, (_, index) => join(sharesDir, `key-share-${index + 1}-of-${shares}.json`));
}

export interface InitResult {
  keysFile: string;
  shareFiles: string[];
  /** The audit devices the Vault has after init (declared in its configuration, or none). */
  auditDevices: { path: string; type: string; filePath?: string }[];
}

export async function initClassVault(options: InitOptions): Promise<InitResult> {
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

  const files = options.sharesDir ? shareFiles(options.sharesDir, options.shares) : [];
  if (options.sharesDir) await makeSharesDir(options.sharesDir);
  // Every file exists, empty, before Vault is initialised: its one-time answer always has a place.
  const handles = await createAll([options.keysFile, ...files]);
  let result: Awaited<ReturnType<VaultAdmin['init']>>;
  try {
    result = await vault.init(options.shares, options.threshold);
  } catch (error) {
    await discard(handles);
    if (error instanceof VaultApiError && /already initialized/i.test(error.message))
      throw new UserError(
        `the Vault at ${options.address} was initialised by someone else just now; nothing was changed`,
      );
    throw unreachable(error, options.address);
  }
  const common = { address: options.address, created: new Date().toISOString(), unseal_threshold: options.threshold };
  const keys: KeysFile = {
    warning: `${files.length ? 'Root token' : 'Unseal keys and root token'} of the class Vault. Move this file somewhere safe (a password manager, an offline disk) and delete it here; anyone with it owns the Vault.`,
    ...common,
    unseal_keys_b64: files.length ? [] : result.keysBase64,
    root_token: result.rootToken,
  };
  await writeAndClose(handles[0]!.handle, keys);
  for (const [index, share] of handles.slice(1).entries())
    await writeAndClose(share.handle, {
      warning: `Unseal key share ${index + 1} of ${options.shares} of the class Vault (${options.threshold} unseal it). Give it to one person, who keeps it safe; never keep the shares together.`,
      ...common,
      key_share: `${index + 1}/${options.shares}`,
      unseal_keys_b64: [result.keysBase64[index]!],
    });

  await unsealWith(vault, result.keysBase64, { timeoutMs: options.activeTimeoutMs });
  const root = new VaultAdmin(options.address, result.rootToken);
  await setupClass(root);
  return { keysFile: options.keysFile, shareFiles: files, auditDevices: await auditDevices(root) };
}

async function auditDevices(root: VaultAdmin): Promise<InitResult['auditDevices']> {
  const found = await root.read<Record<string, { type: string; options?: { file_path?: string } | null }>>('sys/audit');
  return Object.entries(found.data)
    .map(([path, device]) => ({
      path,
      type: device.type,
      ...(device.options?.file_path ? { filePath: device.options.file_path } : {}),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

async function makeSharesDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new UserError(`cannot use ${dir} for the key shares: ${(error as Error).message}`);
  }
}

/** Opens every file new (0600), or none: an existing file is refused, never overwritten. */
async function createAll(files: string[]): Promise<{ file: string; handle: FileHandle }[]> {
  const opened: { file: string; handle: FileHandle }[] = [];
  for (const file of files) {
    try {
      opened.push({ file, handle: await open(file, 'wx', 0o600) });
    } catch (error) {
      await discard(opened);
      const code = (error as NodeJS.ErrnoException).code;
      throw new UserError(
        code === 'EEXIST'
          ? `${file} already exists; refusing to overwrite it (move it away, or name another ${files.indexOf(file) === 0 ? '--keys FILE' : '--shares-dir'}); nothing was changed`
          : `cannot create ${file}: ${(error as Error).message}; nothing was changed`,
      );
    }
  }
  return opened;
}

async function discard(opened: { file: string; handle: FileHandle }[]): Promise<void> {
  for (const { file, handle } of opened) {
    await handle.close().catch(() => undefined);
    await unlink(file).catch(() => undefined);
  }
}

async function writeAndClose(handle: FileHandle, content: KeysFile): Promise<void> {
  try {
    await handle.writeFile(`${JSON.stringify(content, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
