import { mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { VaultAdmin } from '../vault/admin-client.js';
import { RequestPacer, withPacer } from '../vault/request-pacer.js';
import { clearLeftovers, nothingCleaned, type Cleaned } from './leftovers.js';
import { UserError } from '../util/errors.js';
import { renderHandout } from './handout.js';
import {
  APPROLE_MOUNT,
  STUDENT_POLICY_NAME,
  STUDENT_TOKEN_MAX_TTL,
  STUDENT_TOKEN_TTL,
  studentRoleName,
} from './layout.js';
import { ensureClassLayout } from './setup.js';
import { takeClassLock } from './lock.js';
import { mapUntilError } from '../util/map-until-error.js';
import { listStudentIds, readRegistry, writeStudentRecord, type StudentRecord } from './registry.js';
import { readRegistryIndex, rosterDigest, writeRegistryIndex } from './registry-index.js';
import type { Student } from './roster.js';

/**
 * `classroom provision`: per student an AppRole role bound to the class's student policy, and a handout with
 * the role_id and a response-wrapped secret_id (trusted orchestrator: the instructor's tool asks
 * Vault for the secret_id, but only ever holds the single-use wrapping token, which goes straight
 * into the student's handout). Idempotent: students already provisioned are kept as they are
 * (their credentials, their results); only new students, and students whose access was revoked,
 * get credentials and a handout. The student's record is written last, so an interrupted run
 * continues where it stopped when run again.
 */
export interface ProvisionOptions {
  students: Student[];
  /** Folder for the handouts (created 0700; each handout 0600). */
  outDir: string;
  /** The address students use (often not the instructor's 127.0.0.1). */
  address: string;
  /** Lifetime of the handout's wrapping token. */
  wrapTtl: string;
  /** Lifetime of each student's secret_id (0 = no expiry). */
  secretIdTtl: string;
  concurrency: number;
  now?: () => Date;
  onProgress?: (done: number, total: number) => void;
}

export interface ProvisionSummary {
  added: string[];
  /** Revoked earlier, given new credentials now. */
  reissued: string[];
  /** Left unfinished by an interrupted run (record still pending), given new credentials now. */
  resumed: string[];
  kept: string[];
  /** Kept students whose name or email changed in the roster. */
  updated: string[];
  /** Earlier handout files moved aside before a new handout took their name. */
  movedAside: string[];
  /** What interrupted runs had left behind, cleared before these students got new credentials. */
  cleaned: Cleaned;
  outDir: string;
  /** Vault requests made for the students (for the benchmark). */
  requests: number;
}

export async function provisionClass(admin: VaultAdmin, options: ProvisionOptions): Promise<ProvisionSummary> {
  const now = () => (options.now?.() ?? new Date()).toISOString();
  await prepareOutDir(options.outDir);
  await ensureClassLayout(admin);
  const lock = await takeClassLock(admin, 'provision');
  try {
    return await withPacer(new RequestPacer(options.concurrency), () => provisionStudents(admin, options, now));
  } finally {
    await lock.release();
  }
}

async function provisionStudents(
  admin: VaultAdmin,
  options: ProvisionOptions,
  now: () => string,
): Promise<ProvisionSummary> {
  const plan = await planProvision(admin, options);
  const { summary, work, renamed, index } = plan;
  let done = 0;
  const total = work.length + renamed.length;
  const tick = () => options.onProgress?.(++done, total);
  try {
    await mapUntilError(
      renamed,
      async ({ student, record }) => {
        await writeStudentRecord(admin, { ...record, name: student.name, email: student.email });
        index.set(student.id, { status: 'active', digest: rosterDigest(student.name, student.email) });
        summary.requests += 1;
        summary.updated.push(student.id);
        tick();
      },
      { concurrency: options.concurrency },
    );
    await mapUntilError(
      work,
      async ({ student, record }) => {
        await issueCredentials(admin, student, record, options, now, summary);
        index.set(student.id, { status: 'active', digest: rosterDigest(student.name, student.email) });
        (!record ? summary.added : record.status === 'pending' ? summary.resumed : summary.reissued).push(student.id);
        tick();
      },
      { concurrency: options.concurrency },
    );
  } finally {
    // What this run learnt and did, for the next run; without it the next run only reads more.
    if (plan.indexChanged()) {
      await writeRegistryIndex(admin, index).catch(() => undefined);
      summary.requests += 1;
    }
  }
  for (const list of [
    summary.added,
    summary.reissued,
    summary.resumed,
    summary.kept,
    summary.updated,
    summary.movedAside,
  ])
    list.sort();
  return summary;
}

/**
 * Who is new, who was revoked, who is kept — from one listing and the index, reading only the
 * records the index cannot vouch for (so a rerun that adds 10 students to 2,000 reads no record).
 */
async function planProvision(admin: VaultAdmin, options: ProvisionOptions) {
  const listed = new Set(await listStudentIds(admin));
  const index = await readRegistryIndex(admin);
  const before = JSON.stringify([...index]);
  const vouched = (student: Student) => {
    const entry = index.get(student.id);
    return entry?.status === 'active' && entry.digest === rosterDigest(student.name, student.email);
  };
  const unsure = options.students.filter((student) => listed.has(student.id) && !vouched(student));
  const records = await readRegistry(admin, {
    ids: unsure.map((student) => student.id),
    concurrency: options.concurrency,
  });
  const summary: ProvisionSummary = {
    added: [],
    reissued: [],
    resumed: [],
    kept: [],
    updated: [],
    movedAside: [],
    cleaned: nothingCleaned(),
    outDir: options.outDir,
    requests: 8 + unsure.length,
  };
  const work: { student: Student; record?: StudentRecord }[] = [];
  const renamed: { student: Student; record: StudentRecord }[] = [];
  for (const student of options.students) {
    const record = records.get(student.id);
    if (listed.has(student.id) && vouched(student)) summary.kept.push(student.id);
    else if (!record || record.status !== 'active') work.push({ student, record });
    else {
      summary.kept.push(student.id);
      index.set(student.id, { status: 'active', digest: rosterDigest(record.name, record.email) });
      if (record.name !== student.name || record.email !== student.email) renamed.push({ student, record });
    }
  }
  for (const id of index.keys()) if (!listed.has(id)) index.delete(id);
  return { summary, work, renamed, index, indexChanged: () => JSON.stringify([...index]) !== before };
}

async function issueCredentials(
  admin: VaultAdmin,
  student: Student,
  previous: StudentRecord | undefined,
  options: ProvisionOptions,
  now: () => string,
  summary: ProvisionSummary,
): Promise<void> {
  const role = studentRoleName(student.id);
  if (previous) {
    // Revoked (or left pending): the old role_id's login identity stays disabled; a new role gets a new role_id.
    await admin.delete(`auth/${APPROLE_MOUNT}/role/${role}`);
    summary.requests += 1;
  }
  await admin.writeAppRole(
    role,
    {
      token_policies: [STUDENT_POLICY_NAME],
      token_ttl: STUDENT_TOKEN_TTL,
      token_max_ttl: STUDENT_TOKEN_MAX_TTL,
      secret_id_ttl: options.secretIdTtl,
      secret_id_num_uses: 0,
      bind_secret_id: true,
    },
    APPROLE_MOUNT,
  );
  const roleId = await admin.roleId(role, APPROLE_MOUNT);
  summary.requests += 2 + (await clearLeftovers(admin, role, previous, summary.cleaned));
  const wrap = await admin.newWrappedSecretId(role, options.wrapTtl, APPROLE_MOUNT);
  summary.requests += 1;

  const issuedAt = now();
  const expiresAt = new Date(Date.parse(wrap.creation_time) + wrap.ttl * 1000).toISOString();
  const file = join(options.outDir, `${student.id}.txt`);
  const record: StudentRecord = {
    id: student.id,
    name: student.name,
    email: student.email,
    status: 'pending',
    provisionedAt: previous?.provisionedAt ?? issuedAt,
    handoutIssuedAt: issuedAt,
    handoutExpiresAt: expiresAt,
    wrapAccessor: wrap.accessor,
    ...(wrap.wrapped_accessor ? { secretIdAccessor: wrap.wrapped_accessor } : {}),
  };
  let handoutWritten = false;
  try {
    // Pending first: a run that dies before the handout is confirmed leaves a record that says
    // which wrapping token and secret_id to clear, never a handout Vault knows nothing about.
    await writeStudentRecord(admin, record);
    const aside = await moveAside(file, issuedAt);
    if (aside) summary.movedAside.push(aside);
    // Written whole or not at all (temporary file, then rename): never an empty handout.
    await writeFileAtomic(
      file,
      renderHandout({
        studentId: student.id,
        name: student.name,
        address: options.address,
        roleId,
        wrappedSecretId: wrap.token,
        expiresAt,
      }),
      { mode: 0o600 },
    );
    handoutWritten = true;
    await writeStudentRecord(admin, { ...record, status: 'active' });
  } catch (error) {
    // Without a handout nobody will ever use this secret_id: do not leave it valid. Once the
    // handout exists it stays usable: the confirmation may have been written with its answer lost
    // (then the class is whole), and if it was not, the next run finds the record pending.
    if (!handoutWritten && wrap.wrapped_accessor)
      await admin.destroySecretIdByAccessor(role, wrap.wrapped_accessor, APPROLE_MOUNT).catch(() => undefined);
    throw error;
  }
  summary.requests += 2;
}

async function prepareOutDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const info = await stat(dir);
    if (!info.isDirectory()) throw new Error('not a folder');
  } catch (error) {
    throw new UserError(`cannot use ${dir} for the handouts: ${(error as Error).message}`);
  }
}

/** An earlier handout with the same name is kept (renamed), never overwritten. */
async function moveAside(file: string, stamp: string): Promise<string | undefined> {
  const aside = file.replace(/\.txt$/, `.replaced-${stamp.replace(/[:.]/g, '-')}.txt`);
  try {
    await rename(file, aside);
    return aside;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
