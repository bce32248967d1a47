import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectClassReport } from '../../../src/classroom/class-report.js';
import { joinClass } from '../../../src/classroom/join.js';
import { APPROLE_MOUNT } from '../../../src/classroom/layout.js';
import { VaultAdmin } from '../../../src/vault/admin-client.js';
import { cli } from '../helpers/class-vault.js';
import { attackProviders, startClass, type Class } from './class-fixture.js';

/**
 * `classroom remove <student>`: a typo'd id used to stay forever. Now the student's access is
 * revoked and their role, record and handouts are gone; running it again changes nothing. An id
 * that is a path (`../..`) or carries escape sequences is refused in one harmless line.
 */
for (const provider of await attackProviders()) {
  describe(`classroom remove (${provider})`, () => {
    let klass: Class;
    let instructor: VaultAdmin;

    beforeAll(async () => {
      klass = await startClass(provider, ['ada', 'bob']);
      instructor = new VaultAdmin(klass.vault.address, klass.env.VAULT_TOKEN);
    }, 120_000);
    afterAll(async () => klass?.stop());

    it('refuses an id that is a path or holds escape sequences, in one line, removing nothing', async () => {
      await writeFile(join(klass.work, 'keep.txt'), 'not a handout');
      for (const hostile of ['../keep', '../../etc/passwd', 'ada/../bob', '\u001b]0;pwned\u0007ada', 'ada\u001b[2J']) {
        const result = await cli(['classroom', 'remove', hostile], klass.env, klass.work);
        expect(result.exitCode).toBe(2);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(/is not a student id/);
        expect(result.stderr).not.toContain('\u001b');
        expect(result.stderr).not.toContain('\u0007');
      }
      expect((await readdir(klass.work)).includes('keep.txt')).toBe(true);
      expect((await readdir(join(klass.work, 'handouts'))).sort()).toEqual(['ada.txt', 'bob.txt']);
      expect(await klass.root.list(`auth/${APPROLE_MOUNT}/role`)).toEqual(['ada', 'bob']);
    });

    it('revokes the student and deletes their role, record and handouts; the neighbour is untouched', async () => {
      const ada = await klass.login('ada');
      const bob = await klass.login('bob');
      const result = await cli(['classroom', 'remove', 'Ada'], klass.env, klass.work);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Removed ada: access revoked, role and record deleted, 1 handout file deleted\./);
      await expect(ada.lookupSelf()).rejects.toMatchObject({ status: 403 });
      expect((await bob.lookupSelf()).policies).toContain('classroom-student');
      expect(await klass.root.list(`auth/${APPROLE_MOUNT}/role`)).toEqual(['bob']);
      expect(await klass.root.kvGet('secret', 'classroom/students/ada')).toBeUndefined();
      expect(await klass.root.list('secret/metadata/classroom/students/')).toEqual(['bob']);
      expect(await readdir(join(klass.work, 'handouts'))).toEqual(['bob.txt']);
      const report = await collectClassReport(instructor, { concurrency: 4, challenges: ['approle'] });
      expect(report.students.map((student) => student.id)).toEqual(['bob']);
    });

    it('is idempotent: removing again, or a student who never was, changes nothing and says so', async () => {
      for (const id of ['ada', 'nobody']) {
        const result = await cli(['classroom', 'remove', id], klass.env, klass.work);
        expect(result.exitCode, result.stderr).toBe(0);
        expect(result.stdout).toBe(`No student "${id}" in this class; nothing to remove.`);
      }
      expect(await klass.root.list(`auth/${APPROLE_MOUNT}/role`)).toEqual(['bob']);
    });

    it('a removed student provisioned again is a new student, with a handout that joins', async () => {
      const result = await cli(['classroom', 'provision', '--roster', 'roster.csv'], klass.env, klass.work);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toMatch(
        /2 students in the roster: 1 added, 0 re-issued after a revoke, 1 already provisioned/,
      );
      const joined = await joinClass(join(klass.work, 'handouts', 'ada.txt'), {
        credentialsFile: join(klass.work, 'ada-again.json'),
      });
      expect(joined.studentId).toBe('ada');
    });
  });
}
