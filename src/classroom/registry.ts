import pMap from 'p-map';
import * as z from 'zod';
import type { VaultAdmin } from '../vault/admin-client.js';
import { KV_MOUNT, registryFolder, registryPath } from './layout.js';

/**
 * The instructor's record of each student, in the class Vault at secret/classroom/students/<id>
 * (students' policies do not reach it). It holds no secret: names, emails, times, status, and the
 * accessors of the handout's wrapping token and secret_id, which can only revoke, never log in.
 */
export const studentRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().default(''),
  /** `pending`: credentials asked for and the handout being written; `active` once it is. */
  status: z.enum(['active', 'revoked', 'pending']),
  provisionedAt: z.string(),
  handoutIssuedAt: z.string(),
  /** When the handout's wrapping token stops working (records from before it was kept have none). */
  handoutExpiresAt: z.string().optional(),
  wrapAccessor: z.string().optional(),
  secretIdAccessor: z.string().optional(),
  revokedAt: z.string().optional(),
});

export type StudentRecord = z.infer<typeof studentRecordSchema>;

export async function listStudentIds(admin: VaultAdmin): Promise<string[]> {
  const keys = await admin.list(`${KV_MOUNT}/metadata/${registryFolder}/`);
  return keys.filter((key) => !key.endsWith('/')).sort();
}

export async function readStudentRecord(admin: VaultAdmin, id: string): Promise<StudentRecord | undefined> {
  const found = await admin.kvGet(KV_MOUNT, registryPath(id));
  if (!found) return undefined;
  const parsed = studentRecordSchema.safeParse(found.data);
  return parsed.success ? parsed.data : undefined;
}

export async function writeStudentRecord(admin: VaultAdmin, record: StudentRecord): Promise<void> {
  await admin.kvPut(KV_MOUNT, registryPath(record.id), studentRecordSchema.parse(record));
}

/** Every record (or only `ids`), read with bounded concurrency; unreadable records are skipped. */
export async function readRegistry(
  admin: VaultAdmin,
  options: { ids?: string[]; concurrency: number },
): Promise<Map<string, StudentRecord>> {
  const ids = options.ids ?? (await listStudentIds(admin));
  const records = await pMap(ids, (id) => readStudentRecord(admin, id), { concurrency: options.concurrency });
  const map = new Map<string, StudentRecord>();
  for (const record of records) if (record) map.set(record.id, record);
  return map;
}
