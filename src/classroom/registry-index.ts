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

// One line per student, "<id> <a|r> <digest>", in one string: Vault refuses a JSON body with
// more than a few hundred strings in it (OpenBao: "exceeded maximum number of strings").
const indexSchema = z.object({ format: z.literal(2), students: z.string() });
const LINE = /^([a-z0-9][a-z0-9_-]{0,63}) ([ar]) ([0-9a-f]{16})$/;

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
  if (!parsed?.success) return entries;
  for (const line of parsed.data.students.split('\n')) {
    const match = LINE.exec(line);
    if (match) entries.set(match[1]!, { status: match[2] === 'a' ? 'active' : 'revoked', digest: match[3]! });
  }
  return entries;
}

export async function writeRegistryIndex(admin: VaultAdmin, entries: Map<string, IndexEntry>): Promise<void> {
  const lines = [...entries.keys()]
    .sort()
    .map((id) => `${id} ${entries.get(id)!.status === 'active' ? 'a' : 'r'} ${entries.get(id)!.digest}`);
  await admin.kvPut(KV_MOUNT, INDEX_PATH, { format: 2, students: lines.join('\n') });
}

/** Before revoke or remove changes these students: the index stops vouching for them. */
export async function forgetInIndex(admin: VaultAdmin, ids: string[]): Promise<void> {
  const entries = await readRegistryIndex(admin);
  if (!ids.some((id) => entries.has(id))) return;
  for (const id of ids) entries.delete(id);
  await writeRegistryIndex(admin, entries);
}
