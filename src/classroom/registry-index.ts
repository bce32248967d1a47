import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { VaultAdmin } from '../vault/admin-client.js';
import { KV_MOUNT } from './layout.js';

/**
 * One small document beside the student records (secret/classroom/index) that says, per student,
 * what a rerun of `provision` needs to know without reading every record: the status, and a
 * digest of the name and email the record holds. The records stay the truth: the index is only
 * trusted to say "active, with this name and email", and a student it does not mention is read.
 * It is written under the class lock, by provision after its work and by revoke and remove
 * before theirs, so it never claims more than the records hold.
 */
const INDEX_PATH = 'classroom/index';

const indexSchema = z.object({
  format: z.literal(1),
  students: z.record(z.string(), z.tuple([z.enum(['active', 'revoked']), z.string()])),
});

export interface IndexEntry {
  status: 'active' | 'revoked';
  digest: string;
}

/** Not a secret: names and emails are in the records next to it, readable by the instructor only. */
export function rosterDigest(name: string, email: string): string {
  return createHash('sha256').update(`${name}\u0000${email}`).digest('hex').slice(0, 16);
}

/** Empty when there is no index yet or it cannot be read (then every listed record is read). */
export async function readRegistryIndex(admin: VaultAdmin): Promise<Map<string, IndexEntry>> {
  const found = await admin.kvGet(KV_MOUNT, INDEX_PATH);
  const parsed = found ? indexSchema.safeParse(found.data) : undefined;
  const entries = new Map<string, IndexEntry>();
  if (parsed?.success)
    for (const [id, [status, digest]] of Object.entries(parsed.data.students)) entries.set(id, { status, digest });
  return entries;
}

export async function writeRegistryIndex(admin: VaultAdmin, entries: Map<string, IndexEntry>): Promise<void> {
  const students: Record<string, [IndexEntry['status'], string]> = {};
  for (const id of [...entries.keys()].sort()) students[id] = [entries.get(id)!.status, entries.get(id)!.digest];
  await admin.kvPut(KV_MOUNT, INDEX_PATH, { format: 1, students });
}

/** Before revoke or remove changes these students: the index stops vouching for them. */
export async function forgetInIndex(admin: VaultAdmin, ids: string[]): Promise<void> {
  const entries = await readRegistryIndex(admin);
  if (!ids.some((id) => entries.has(id))) return;
  for (const id of ids) entries.delete(id);
  await writeRegistryIndex(admin, entries);
}
