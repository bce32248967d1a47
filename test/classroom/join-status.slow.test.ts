import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectClassReport, type ClassReport } from '../../src/classroom/class-report.js';
import { parseHandout } from '../../src/classroom/handout.js';
import { joinClass } from '../../src/classroom/join.js';
import { INSTRUCTOR_POLICY_NAME, instructorPolicy } from '../../src/classroom/layout.js';
import { provisionClass } from '../../src/classroom/provision.js';
import { revokeStudents } from '../../src/classroom/revoke.js';
import { setupClass } from '../../src/classroom/setup.js';
import { formatCsv, formatTable } from '../../src/classroom/report-format.js';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import type { RunningVault } from '../../src/vault/provider.js';
import { attackProviders } from './attacks/class-fixture.js';
import { startClassVault } from './helpers/class-vault.js';

/**
 * The report's joined column, from what the class Vault knows (never from anything a student
 * writes): ada joined, bob has not yet (his handout still works, and looking does not use it up),
 * cleo's handout expired unused, dave's was unwrapped by hand but never logged in with.
 */
for (const provider of await attackProviders()) {
  describe(`classroom report: joined / expired (${provider})`, () => {
    let vault: RunningVault;
    let instructor: VaultAdmin;
    let work: string;
    const student = (id: string) => ({ id, name: id.toUpperCase(), email: '', line: 2 });
    const handout = async (id: string) =>
      parseHandout(await readFile(join(work, 'handouts', `${id}.txt`), 'utf8'), `${id}.txt`);
    const joinedColumn = (report: ClassReport) =>
      Object.fromEntries(report.students.map((row) => [row.id, row.joined?.state]));

    beforeAll(async () => {
      vault = await startClassVault(provider);
      const root = new VaultAdmin(vault.address, vault.rootToken);
      await setupClass(root);
      const token = await root.write('auth/token/create', { policies: [INSTRUCTOR_POLICY_NAME], ttl: '1h' });
      instructor = new VaultAdmin(vault.address, token!.auth!.client_token);
      work = await mkdtemp(join(tmpdir(), 'classroom-joined-'));
      const common = { outDir: join(work, 'handouts'), address: vault.address, secretIdTtl: '0', concurrency: 4 };
      await provisionClass(instructor, { ...common, students: ['ada', 'bob', 'dave'].map(student), wrapTtl: '1h' });
      await provisionClass(instructor, { ...common, students: [student('cleo')], wrapTtl: '2s' });
      await joinClass(join(work, 'handouts', 'ada.txt'), { credentialsFile: join(work, 'ada.json') });
      await new VaultAdmin(vault.address).unwrapWith((await handout('dave')).wrappedSecretId);
      await sleep(3_000);
    }, 120_000);
    afterAll(async () => vault?.stop());

    it('tells joined, waiting, expired and unwrapped-but-never-logged-in apart, with the instructor token', async () => {
      const report = await collectClassReport(instructor, {
        concurrency: 4,
        challenges: ['approle'],
        joinStatus: true,
      });
      expect(joinedColumn(report)).toEqual({ ada: 'joined', bob: 'waiting', cleo: 'expired', dave: 'unwrapped' });
      const bob = report.students.find((row) => row.id === 'bob')!;
      expect(bob.joined?.handoutExpiresAt).toBe((await handout('bob')).expiresAt);
      const table = formatTable(report);
      expect(table).toMatch(/^student\s+name\s+joined\s+approle$/m);
      expect(table).toMatch(/^bob\s+BOB\s+not yet \(handout until \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\s+-$/m);
      expect(table).toMatch(/^cleo\s+CLEO\s+handout expired\s+-$/m);
      expect(table).toMatch(/^dave\s+DAVE\s+unwrapped, never logged in\s+-$/m);
      expect(formatCsv(report)).toMatch(/^ada,ADA,,active,joined,\d{4}-[^,]+,approle,not-submitted,/m);
      // Without the option, no extra requests and no column.
      const plain = await collectClassReport(instructor, { concurrency: 4, challenges: ['approle'] });
      expect(plain.students.every((row) => row.joined === undefined)).toBe(true);
      expect(formatTable(plain)).not.toContain('joined');
    });

    it('looking does not use the handout: bob joins afterwards and shows as joined', async () => {
      await joinClass(join(work, 'handouts', 'bob.txt'), { credentialsFile: join(work, 'bob.json') });
      const report = await collectClassReport(instructor, {
        concurrency: 4,
        challenges: ['approle'],
        joinStatus: true,
      });
      expect(joinedColumn(report)).toMatchObject({ ada: 'joined', bob: 'joined' });
    });

    it('an instructor policy from before the column: unknown for who has not joined, never a wrong answer', async () => {
      const root = new VaultAdmin(vault.address, vault.rootToken);
      const older = instructorPolicy().replace(/path "auth\/token\/lookup-accessor".*\n/, '');
      expect(older).not.toContain('lookup-accessor');
      await root.writePolicy('classroom-instructor-older', older);
      const token = await root.write('auth/token/create', { policies: ['classroom-instructor-older'], ttl: '10m' });
      const report = await collectClassReport(new VaultAdmin(vault.address, token!.auth!.client_token), {
        concurrency: 4,
        challenges: ['approle'],
        joinStatus: true,
      });
      expect(joinedColumn(report)).toEqual({ ada: 'joined', bob: 'joined', cleo: 'unknown', dave: 'unknown' });
    });

    it('a revoked student who joined stays joined; one who never did is not joined', async () => {
      await revokeStudents(instructor, { studentId: 'ada', concurrency: 2 });
      await revokeStudents(instructor, { studentId: 'cleo', concurrency: 2 });
      const report = await collectClassReport(instructor, {
        concurrency: 4,
        challenges: ['approle'],
        joinStatus: true,
      });
      expect(joinedColumn(report)).toMatchObject({ ada: 'joined', cleo: 'not-joined' });
    });
  });
}
