import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinClass } from '../../src/classroom/join.js';
import { readCredentialsFile } from '../../src/classroom/credentials.js';
import { APPROLE_MOUNT, INSTRUCTOR_POLICY_NAME, instructorPolicy } from '../../src/classroom/layout.js';
import { provisionClass } from '../../src/classroom/provision.js';
import { revokeStudents } from '../../src/classroom/revoke.js';
import { setupClass } from '../../src/classroom/setup.js';
import type { Student } from '../../src/classroom/roster.js';
import { VaultAdmin, VaultApiError } from '../../src/vault/admin-client.js';
import type { RunningVault } from '../../src/vault/provider.js';
import { attackProviders } from './attacks/class-fixture.js';
import { startClassVault } from './helpers/class-vault.js';
import { startCountingProxy, type CountingProxy } from './helpers/counting-proxy.js';

/**
 * A change costs what changes, counted by a relay in front of the server (not by the tool).
 * Revoking one student: the same requests in a class of 4 and of 64 with hundreds of other
 * tokens, none lists tokens, each names only that student. A provision rerun that adds one
 * student reads no other student's record.
 */
const roster = (ids: string[]): Student[] => ids.map((id, index) => ({ id, name: id, email: '', line: index + 2 }));

for (const provider of await attackProviders()) {
  describe(`revoking one student costs what that student has (${provider})`, () => {
    let vault: RunningVault;
    let root: VaultAdmin;
    let proxy: CountingProxy;
    let token: string;
    let work: string;

    beforeAll(async () => {
      vault = await startClassVault(provider);
      root = new VaultAdmin(vault.address, vault.rootToken);
      await setupClass(root);
      token = (await root.write('auth/token/create', { policies: [INSTRUCTOR_POLICY_NAME], ttl: '1h' }))!.auth!
        .client_token;
      proxy = await startCountingProxy(vault.address);
      work = await mkdtemp(join(tmpdir(), 'classroom-revoke-cost-'));
    }, 60_000);
    afterAll(async () => {
      await proxy?.close();
      await vault?.stop();
    });

    async function provision(ids: string[]) {
      const instructor = new VaultAdmin(vault.address, token);
      const options = { outDir: join(work, 'handouts'), address: vault.address, wrapTtl: '1h', secretIdTtl: '0' };
      await provisionClass(instructor, { ...options, students: roster(ids), concurrency: 16 });
    }

    /** The student joins and logs in: a live token to be refused. */
    async function studentToken(id: string): Promise<VaultAdmin> {
      const file = join(work, `${id}.json`);
      await joinClass(join(work, 'handouts', `${id}.txt`), { credentialsFile: file });
      const saved = (await readCredentialsFile(file))!;
      const client = new VaultAdmin(vault.address);
      await client.appRoleLogin(saved.roleId, saved.secretId, APPROLE_MOUNT);
      return client;
    }

    async function revokeThroughProxy(id: string) {
      proxy.reset();
      const summary = await revokeStudents(new VaultAdmin(proxy.address, token), { studentId: id, concurrency: 8 });
      const requests = proxy.requests.map((request) =>
        `${request.method} ${request.path}`.replace(/entity\/id\/[0-9a-f-]{36}$/, 'entity/id/<entity>'),
      );
      return { summary, requests };
    }

    it('the same requests in a class of 4 as in a class of 64 with 300 other tokens', async () => {
      await provision(['a1', 'a2', 'a3', 'first']);
      const first = await studentToken('first');
      const neighbour = await studentToken('a1');
      const small = await revokeThroughProxy('first');
      await expect(first.lookupSelf()).rejects.toMatchObject({ status: 403 });
      expect((await neighbour.lookupSelf()).policies).toContain('classroom-student');

      await provision(['a1', 'a2', 'a3', 'first', ...Array.from({ length: 60 }, (_, index) => `b${index}`), 'second']);
      for (let index = 0; index < 300; index++) await root.write('auth/token/create', { policies: ['default'] });
      const second = await studentToken('second');
      const large = await revokeThroughProxy('second');
      await expect(second.lookupSelf()).rejects.toMatchObject({ status: 403 });

      expect(large.requests.map((line) => line.replaceAll('second', 'first'))).toEqual(small.requests);
      expect(small.requests.length).toBeLessThanOrEqual(16);
      for (const line of [...small.requests, ...large.requests]) {
        expect(line).not.toMatch(/auth\/token\/(accessors|lookup)/);
        const student = /(?:role|students)\/([a-z0-9_-]+)/.exec(line)?.[1];
        if (student) expect(['first', 'second']).toContain(student);
      }
      expect(small.summary).toMatchObject({ secretIds: 1, handouts: 0, identities: 1 });
    });

    it('an unused handout is revoked, and a student who never logged in has no identity to disable', async () => {
      await provision(['a1', 'a2', 'a3', 'first', 'unused']);
      const { summary } = await revokeThroughProxy('unused');
      expect(summary).toMatchObject({ secretIds: 1, handouts: 1, identities: 0 });
    });

    it('a provision rerun that adds one student reads no record; a changed name is read and updated', async () => {
      const everyone = ['a1', 'a2', 'a3', 'first', 'unused', ...Array.from({ length: 60 }, (_, index) => `b${index}`)];
      // Re-issues first, second and unused (revoked above), reading their records.
      await provision([...everyone, 'second']);
      const instructor = new VaultAdmin(proxy.address, token);
      const options = { outDir: join(work, 'handouts'), address: vault.address, wrapTtl: '1h', secretIdTtl: '0' };
      proxy.reset();
      const students = roster([...everyone, 'second', 'newcomer']);
      const rerun = await provisionClass(instructor, { ...options, students, concurrency: 16 });
      expect(rerun).toMatchObject({ added: ['newcomer'], reissued: [], updated: [] });
      expect(rerun.kept).toHaveLength(everyone.length + 1);
      expect(proxy.requests.filter((request) => request.path.startsWith('secret/data/classroom/students/'))).toEqual([
        { method: 'POST', path: 'secret/data/classroom/students/newcomer' },
      ]);
      expect(proxy.requests.length).toBeLessThanOrEqual(20);

      proxy.reset();
      const renamed = students.map((student) => (student.id === 'b7' ? { ...student, name: 'B. Seven' } : student));
      const again = await provisionClass(instructor, { ...options, students: renamed, concurrency: 16 });
      expect(again).toMatchObject({ added: [], reissued: [], updated: ['b7'] });
      expect(again.kept).toHaveLength(students.length);
      expect(
        proxy.requests.filter((request) => request.method === 'GET' && request.path.includes('/students/')),
      ).toEqual([{ method: 'GET', path: 'secret/data/classroom/students/b7' }]);
      expect((await root.kvGet('secret', 'classroom/students/b7'))?.data).toMatchObject({ name: 'B. Seven' });
    });

    it('a token of the earlier instructor policy is refused before anything changes', async () => {
      const older = instructorPolicy().replace(/path "identity\/[^]*?\n}\n/g, '');
      expect(older).not.toContain('identity/');
      await root.writePolicy('classroom-instructor-old', older);
      const oldToken = (await root.write('auth/token/create', { policies: ['classroom-instructor-old'] }))!.auth!
        .client_token;
      const before = await root.list(`auth/${APPROLE_MOUNT}/role/a2/secret-id`);
      const error = await revokeStudents(new VaultAdmin(vault.address, oldToken), {
        studentId: 'a2',
        concurrency: 4,
      }).catch((caught: unknown) => caught);
      expect(error).not.toBeInstanceOf(VaultApiError);
      expect((error as Error).message).toMatch(/may not look up students' login identities .* nothing was revoked/);
      expect(await root.list(`auth/${APPROLE_MOUNT}/role/a2/secret-id`)).toEqual(before);
    });
  });
}
