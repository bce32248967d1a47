import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pMap from 'p-map';
import { parseHandout } from '../src/classroom/handout.js';
import { APPROLE_MOUNT, INSTRUCTOR_POLICY_NAME, KV_MOUNT, resultPath } from '../src/classroom/layout.js';
import type { ProvisionSummary } from '../src/classroom/provision.js';
import { provisionClass } from '../src/classroom/provision.js';
import type { ResultDocument } from '../src/classroom/results.js';
import type { Student } from '../src/classroom/roster.js';
import { setupClass } from '../src/classroom/setup.js';
import { VaultAdmin } from '../src/vault/admin-client.js';

/** The class the benchmark measures: students, their handouts, one login each, one result each. */
export const students = (count: number, from = 0): Student[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `s${String(from + index + 1).padStart(5, '0')}`,
    name: `Student ${from + index + 1}`,
    email: `s${from + index + 1}@example.org`,
    line: index + 2,
  }));

export async function instructorToken(root: VaultAdmin): Promise<VaultAdmin> {
  await setupClass(root);
  const created = await root.write('auth/token/create', { policies: [INSTRUCTOR_POLICY_NAME], ttl: '4h' });
  return new VaultAdmin(root.endpoints.addresses, created!.auth!.client_token);
}

export async function provision(
  instructor: VaultAdmin,
  roster: Student[],
  outDir: string,
  concurrency = 32,
): Promise<ProvisionSummary> {
  return provisionClass(instructor, {
    students: roster,
    outDir,
    address: instructor.address,
    wrapTtl: '4h',
    secretIdTtl: '0',
    concurrency,
  });
}

/** Every student joins (unwraps the handout) and logs in once: a live token each, as in a class. */
export async function everyoneLogsIn(addresses: string[], roster: Student[], outDir: string): Promise<void> {
  await pMap(
    roster,
    async (student) => {
      const handout = parseHandout(await readFile(join(outDir, `${student.id}.txt`), 'utf8'));
      const client = new VaultAdmin(addresses);
      const unwrapped = await client.unwrapWith<{ secret_id: string }>(handout.wrappedSecretId);
      await client.appRoleLogin(handout.roleId, unwrapped.data.secret_id, APPROLE_MOUNT);
    },
    { concurrency: 32 },
  );
}

export async function everyoneSubmits(root: VaultAdmin, roster: Student[]): Promise<void> {
  const now = new Date().toISOString();
  await pMap(
    roster,
    (student, index) => {
      const passed = index % 3 !== 0;
      const document: ResultDocument = {
        format: 1,
        student: student.id,
        challenge: 'approle',
        passed,
        attempts: 1 + (index % 4),
        submittedAt: now,
        firstSubmittedAt: now,
        ...(passed ? { passedAt: now } : {}),
        report: {
          challenge: 'approle',
          passed,
          vault: 'binary',
          durationMs: 900,
          checks: [{ id: 'login', title: 'Logged in', passed, detail: '', hint: '' }],
        },
      };
      return root.kvPut(KV_MOUNT, resultPath(student.id, 'approle'), document);
    },
    { concurrency: 32 },
  );
}

export async function scratchFolder(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'bench-classroom-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
