import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import envPaths from 'env-paths';
import writeFileAtomic from 'write-file-atomic';
import * as z from 'zod';
import { isProcessAlive } from '../vault/docker/ownership.js';

/**
 * The one running playground Vault, whichever terminal started it: `vault up` (or the course's
 * `v`) writes where it is, and the course in another terminal attaches to it instead of starting
 * a second one. The file is 0600 in the config folder and holds nothing that `vault up` does not
 * already print (its address and dev root token), plus the owner's pid: a record whose process
 * is gone is stale and ignored.
 */
const recordSchema = z.object({
  address: z.string().url(),
  rootToken: z.string().min(1),
  pid: z.number().int().positive(),
  provider: z.enum(['docker', 'binary', 'embedded', 'external']),
  version: z.string().optional(),
  startedAt: z.string(),
  /** Who started it: `vault up` or the course (`v`). */
  startedBy: z.enum(['vault up', 'course']),
});
export type PlaygroundRecord = z.infer<typeof recordSchema>;

export function playgroundRecordFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.SECRETS_WORKBOOK_HOME || envPaths('secrets-workbook', { suffix: '' }).config, 'playground.json');
}

export async function writePlaygroundRecord(
  record: Omit<PlaygroundRecord, 'startedAt' | 'pid'> & { pid?: number },
  file = playgroundRecordFile(),
): Promise<PlaygroundRecord> {
  const full = recordSchema.parse({ ...record, pid: record.pid ?? process.pid, startedAt: new Date().toISOString() });
  await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, `${JSON.stringify(full, null, 2)}\n`, { mode: 0o600 });
  return full;
}

/** The recorded playground when its process is alive; a missing, corrupt or stale record is undefined. */
export async function readLivePlayground(
  file = playgroundRecordFile(),
  alive: (pid: number) => boolean = isProcessAlive,
): Promise<PlaygroundRecord | undefined> {
  let record: PlaygroundRecord;
  try {
    record = recordSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return undefined;
  }
  return alive(record.pid) ? record : undefined;
}

/** Remove the record, but only our own (another process may have written a newer one). */
export async function removePlaygroundRecord(file = playgroundRecordFile(), pid = process.pid): Promise<void> {
  try {
    const record = recordSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    if (record.pid !== pid) return;
  } catch {
    // Corrupt or gone: nothing of ours to keep.
  }
  await rm(file, { force: true });
}

/** "http://127.0.0.1:8200 (binary, started by vault up, pid 4242, at 10:31)". */
export function describePlayground(record: PlaygroundRecord): string {
  const at = new Date(record.startedAt).toTimeString().slice(0, 5);
  return `${record.address} (${record.provider}, started by ${record.startedBy}, pid ${record.pid}, at ${at})`;
}
