import type { VaultAdmin } from '../../vault/admin-client.js';
import type { CheckOutcome, VaultCheck } from './types.js';

type KvVersionsCheck = Extract<VaultCheck, { type: 'kv-old-versions-destroyed' }>;

interface VersionInfo {
  deletion_time: string;
  destroyed: boolean;
}

/**
 * After a leak, a new version is half a rotation: KV version 2 keeps the old ones readable
 * (`?version=1`), and a deleted one can be undeleted. Done when the secret has moved past its
 * first version and every version before the current one is destroyed. Judged from the metadata
 * alone: no value is read.
 */
export async function runKvVersionsCheck(admin: VaultAdmin, check: KvVersionsCheck): Promise<CheckOutcome> {
  const where = `${check.mount}/${check.path}`;
  const metadata = await admin.readIfExists<{ current_version: number; versions: Record<string, VersionInfo> }>(
    `${check.mount}/metadata/${check.path}`,
  );
  if (!metadata) return { done: false, detail: `nothing is stored at ${where} yet` };
  const current = metadata.data.current_version;
  if (current < 2) return { done: false, detail: `${where} is at version ${current}: write a new version first` };
  const older = Object.entries(metadata.data.versions)
    .map(([version, info]) => ({ version: Number(version), ...info }))
    .filter((entry) => entry.version < current)
    .sort((a, b) => a.version - b.version);
  const readable = older.filter((entry) => !entry.destroyed && !entry.deletion_time).map((entry) => entry.version);
  if (readable.length > 0)
    return {
      done: false,
      detail: `${where} version ${readable.join(', ')} can still be read: vault kv destroy -versions=${readable.join(',')} ${where}`,
    };
  const deleted = older.filter((entry) => !entry.destroyed).map((entry) => entry.version);
  if (deleted.length > 0)
    return {
      done: false,
      detail: `${where} version ${deleted.join(', ')} is deleted, not destroyed: vault kv undelete would bring it back`,
    };
  return { done: true, detail: `${where} is at version ${current}, and every earlier version is destroyed` };
}
