import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectClassReport } from '../../src/classroom/class-report.js';
import { joinClass } from '../../src/classroom/join.js';
import { parseHandout } from '../../src/classroom/handout.js';
import { readCredentialsFile, type ClassroomCredentials } from '../../src/classroom/credentials.js';
import { formatCsv, formatJson, formatTable } from '../../src/classroom/report-format.js';
import { APPROLE_MOUNT, INSTRUCTOR_POLICY_NAME } from '../../src/classroom/layout.js';
import { setupClass } from '../../src/classroom/setup.js';
import { formatHtml } from '../../src/classroom/report-html.js';
import { submitResult } from '../../src/classroom/submit.js';
import type { GradeReport } from '../../src/grader/report.js';
import { VaultAdmin, VaultApiError } from '../../src/vault/admin-client.js';
import type { RunningVault } from '../../src/vault/provider.js';
import { classroomProviders, cli, startClassVault, unavailable } from './helpers/class-vault.js';

const ROSTER = 'id,name,email\nada,Ada Lovelace,ada@example.org\nbob,Bob <b> Smith,\ncleo,Cleo,cleo@example.org\n';

function gradeReport(passed: boolean): GradeReport {
  return {
    challenge: 'approle',
    passed,
    vault: 'binary',
    durationMs: 1234,
    checks: [
      { id: 'login', title: 'Logged in with AppRole', passed: true, detail: 'login at 12:00', hint: '' },
      {
        id: 'read-password',
        title: 'Read the password',
        passed,
        detail: passed ? 'read it' : 'no read seen',
        hint: passed ? '' : 'read secret/data/database/backend',
      },
    ],
  };
}

async function expectStatus(promise: Promise<unknown>, status: number): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `expected Vault to answer ${status}`).toBeInstanceOf(VaultApiError);
  expect((error as VaultApiError).status).toBe(status);
}

for (const provider of classroomProviders()) {
  const reason = await unavailable(provider);
  describe.skipIf(reason !== undefined)(
    `classroom against the ${provider} provider${reason ? ` (skipped: ${reason})` : ''}`,
    () => {
      let vault: RunningVault;
      let root: VaultAdmin;
      let teacher: VaultAdmin;
      let work: string;
      let env: Record<string, string>;
      const secrets: string[] = [];
      const credentials: Record<string, ClassroomCredentials> = {};

      beforeAll(async () => {
        vault = await startClassVault(provider);
        root = new VaultAdmin(vault.address, vault.rootToken);
        work = await mkdtemp(join(tmpdir(), 'classroom-'));
        // The instructor works with a token of the instructor policy, not the root token.
        await setupClass(root);
        const instructor = await root.write('auth/token/create', { policies: [INSTRUCTOR_POLICY_NAME], ttl: '1h' });
        env = { VAULT_ADDR: vault.address, VAULT_TOKEN: instructor!.auth!.client_token };
        teacher = new VaultAdmin(vault.address, env.VAULT_TOKEN);
        await writeFile(join(work, 'roster.csv'), ROSTER);
      });
      afterAll(async () => {
        await vault?.stop();
      });

      async function login(id: string): Promise<VaultAdmin> {
        const client = new VaultAdmin(vault.address);
        await client.appRoleLogin(credentials[id]!.roleId, credentials[id]!.secretId, APPROLE_MOUNT);
        return client;
      }

      it('rejects a bad roster with exit 2 and one line, before touching Vault', async () => {
        const before = await root.list('sys/policies/acl');
        const cases: [string, RegExp][] = [
          ['id,name\nada,Ada\n', /missing column "email"/],
          ['id,name,email\nada,Ada,\nzed,Zed,\nAda,Ada again,\n', /line 4: duplicate id "ada" \(already on line 2\)/],
          ['id,name,email\nzed,Zed,\n"ze/d",Zed,\n', /line 3: the id "ze\/d" has characters/],
          ['', /is empty/],
        ];
        for (const [text, message] of cases) {
          await writeFile(join(work, 'bad.csv'), text);
          const result = await cli(
            ['classroom', 'provision', '--roster', 'bad.csv', '--out', 'bad-handouts'],
            env,
            work,
          );
          expect(result.exitCode).toBe(2);
          expect(result.stderr.trim().split('\n')).toHaveLength(1);
          expect(result.stderr).toMatch(message);
          expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
        }
        expect(await root.list('sys/policies/acl')).toEqual(before);
        await expect(stat(join(work, 'bad-handouts'))).rejects.toThrow(/ENOENT/);
      });

      it('provisions a roster: one 0600 handout per student, no secret on the terminal', async () => {
        const result = await cli(
          ['classroom', 'provision', '--roster', 'roster.csv', '--address', vault.address],
          env,
          work,
        );
        expect(result.stderr).toBe('');
        expect(result.exitCode).toBe(0);
        expect(result.stdout).toMatch(
          /3 students in the roster: 3 added, 0 re-issued after a revoke, 0 already provisioned/,
        );
        expect((await stat(join(work, 'handouts'))).mode & 0o777).toBe(0o700);
        expect((await readdir(join(work, 'handouts'))).sort()).toEqual(['ada.txt', 'bob.txt', 'cleo.txt']);
        for (const id of ['ada', 'bob', 'cleo']) {
          const file = join(work, 'handouts', `${id}.txt`);
          expect((await stat(file)).mode & 0o777).toBe(0o600);
          const handout = parseHandout(await readFile(file, 'utf8'));
          expect(handout).toMatchObject({ studentId: id, address: vault.address });
          secrets.push(handout.wrappedSecretId, handout.roleId);
          expect(result.stdout).not.toContain(handout.wrappedSecretId);
          expect(result.stdout).not.toContain(handout.roleId);
        }
        // One templated policy for every student; the instructor wrote no policy.
        const policies = await root.list('sys/policies/acl');
        expect(policies).toContain('classroom-student');
        expect(policies.filter((name) => name.startsWith('student'))).toEqual([]);
        expect((await root.read<any>('auth/classroom/role/ada')).data.token_policies).toEqual(['classroom-student']);
        // The instructor's records hold no secret: not the wrapping tokens, not the role_ids.
        for (const id of ['ada', 'bob', 'cleo']) {
          const record = JSON.stringify((await root.kvGet('secret', `classroom/students/${id}`))?.data);
          expect(record).toContain(`"status":"active"`);
          for (const secret of secrets) expect(record).not.toContain(secret);
        }
      });

      it('join unwraps the secret_id once: the handout works the first time and fails the second', async () => {
        for (const id of ['ada', 'bob']) {
          const file = join(work, `${id}-credentials.json`);
          const joined = await joinClass(join(work, 'handouts', `${id}.txt`), { credentialsFile: file });
          expect(joined.studentId).toBe(id);
          expect((await stat(file)).mode & 0o777).toBe(0o600);
          const saved = (await readCredentialsFile(file))!;
          credentials[id] = { address: saved.address, roleId: saved.roleId, secretId: saved.secretId, source: file };
          secrets.push(saved.secretId);
        }
        await expect(
          joinClass(join(work, 'handouts', 'ada.txt'), { credentialsFile: join(work, 'again.json') }),
        ).rejects.toThrow(/already used or has expired/);
        await expect(stat(join(work, 'again.json'))).rejects.toThrow(/ENOENT/);
        // The same through the raw API: a second unwrap of the same wrapping token is refused.
        const cleo = parseHandout(await readFile(join(work, 'handouts', 'cleo.txt'), 'utf8'));
        const first = await root.unwrapWith<{ secret_id: string }>(cleo.wrappedSecretId);
        expect(first.data.secret_id).toMatch(/\S{16,}/);
        await expectStatus(root.unwrapWith(cleo.wrappedSecretId), 400);
      });

      it("keeps each student to their own paths (403 on another student's, on listings, on policies)", async () => {
        const ada = await login('ada');
        const bob = await login('bob');
        await ada.kvPut('secret', 'students/ada/app', { greeting: 'hello' });
        expect((await ada.kvGet('secret', 'students/ada/app'))?.data).toEqual({ greeting: 'hello' });
        expect(await ada.list('secret/metadata/students/ada/')).toEqual(['app']);
        await bob.kvPut('secret', 'students/bob/app', { greeting: 'bob' });
        await submitResult(gradeReport(false), credentials.bob!);

        await expectStatus(ada.read('secret/data/students/bob/app'), 403);
        await expectStatus(ada.kvPut('secret', 'students/bob/app', { greeting: 'overwritten' }), 403);
        await expectStatus(ada.kvPut('secret', 'students/bob/new', { x: '1' }), 403);
        await expectStatus(ada.read('secret/data/results/bob/approle'), 403);
        await expectStatus(ada.kvPut('secret', 'results/bob/approle', { passed: true }), 403);
        await expectStatus(ada.delete('secret/metadata/results/bob/approle'), 403);
        await expectStatus(ada.read('secret/metadata/students/'), 403);
        await expectStatus(ada.read('secret/metadata/results/'), 403);
        await expectStatus(ada.read('secret/metadata/students/bob/'), 403);
        await expectStatus(ada.read('secret/data/classroom/students/ada'), 403);
        await expectStatus(ada.read('sys/policies/acl/classroom-student'), 403);
        await expectStatus(ada.read('sys/policies/acl/classroom-instructor'), 403);
        await expectStatus(ada.read('sys/policy'), 403);
        await expectStatus(ada.read('auth/classroom/role/bob/role-id'), 403);
        // A LIST is a different operation from a read: check the listings with the real verb.
        for (const folder of [
          'secret/metadata/students/',
          'secret/metadata/results/',
          'secret/metadata/classroom/students/',
          'sys/policies/acl',
          'auth/classroom/role',
        ]) {
          await expect(ada.list(folder)).rejects.toMatchObject({ status: 403 });
        }
        expect((await root.kvGet('secret', 'students/bob/app'))?.data).toEqual({ greeting: 'bob' });
      });

      it('the bao CLI, as a student, sees the same boundaries', async () => {
        const ada = await login('ada');
        const run = (args: string[]) =>
          execa('bao', args, {
            env: {
              PATH: process.env.PATH!,
              HOME: work,
              BAO_ADDR: vault.address,
              BAO_TOKEN: ada.token!,
              VAULT_ADDR: vault.address,
              VAULT_TOKEN: ada.token!,
            },
            extendEnv: false,
            reject: false,
            stdin: 'ignore',
          });
        const own = await run(['kv', 'put', '-mount=secret', 'students/ada/cli', 'colour=blue']);
        expect(own.exitCode, own.stderr).toBe(0);
        const other = await run(['kv', 'get', '-mount=secret', 'students/bob/app']);
        expect(other.exitCode).not.toBe(0);
        expect(other.stderr).toMatch(/permission denied|403/i);
        const policies = await run(['policy', 'list']);
        expect(policies.exitCode).not.toBe(0);
      });

      it('hvac, as a student, gets Forbidden outside its own paths', async () => {
        const ada = await login('ada');
        const script = [
          'import hvac, sys',
          'client = hvac.Client(url=sys.argv[1], token=sys.argv[2])',
          'own = client.secrets.kv.v2.read_secret_version(path="students/ada/app", mount_point="secret", raise_on_deleted_version=True)',
          'print("own", own["data"]["data"]["greeting"])',
          'for path in ("students/bob/app", "results/bob/approle", "classroom/students/ada"):',
          '    try:',
          '        client.secrets.kv.v2.read_secret_version(path=path, mount_point="secret", raise_on_deleted_version=True)',
          '        print("read", path)',
          '    except hvac.exceptions.Forbidden:',
          '        print("forbidden", path)',
        ].join('\n');
        const result = await execa('python3', ['-c', script, vault.address, ada.token!], {
          reject: false,
          stdin: 'ignore',
        });
        expect(result.stderr).not.toMatch(/Traceback/);
        expect(result.stdout.trim().split('\n')).toEqual([
          'own hello',
          'forbidden students/bob/app',
          'forbidden results/bob/approle',
          'forbidden classroom/students/ada',
        ]);
      });

      it('a submitted result appears in the report, with attempts and time, and no secret anywhere', async () => {
        const first = await submitResult(gradeReport(false), credentials.ada!, {
          now: () => new Date('2026-11-28T09:00:00Z'),
        });
        expect(first).toMatchObject({ studentId: 'ada', attempts: 1, passed: false, version: 1 });
        const second = await submitResult(gradeReport(true), credentials.ada!, {
          now: () => new Date('2026-11-28T09:05:00Z'),
        });
        expect(second).toMatchObject({ attempts: 2, passed: true, version: 2 });
        // Students may not delete or rewrite their submitted history.
        const ada = await login('ada');
        await expectStatus(ada.delete('secret/data/results/ada/approle'), 403);
        await expectStatus(ada.delete('secret/metadata/results/ada/approle'), 403);
        await expectStatus(ada.write('secret/destroy/results/ada/approle', { versions: [1] }), 403);

        const stored = JSON.stringify(await root.read('secret/data/results/ada/approle'));
        expect(stored).toContain('"attempts":2');
        for (const secret of [...secrets, vault.rootToken]) expect(stored).not.toContain(secret);

        const report = await collectClassReport(teacher, { concurrency: 4, challenges: ['approle', 'mini-project'] });
        const row = (id: string) => report.students.find((student) => student.id === id)!;
        expect(report.students.map((student) => student.id)).toEqual(['ada', 'bob', 'cleo']);
        expect(row('ada').results.approle).toMatchObject({
          state: 'passed',
          attempts: 2,
          passedAt: '2026-11-28T09:05:00.000Z',
        });
        expect(row('bob').results.approle).toMatchObject({
          state: 'failing',
          attempts: 1,
          failedChecks: ['read-password'],
        });
        expect(row('cleo').results.approle).toMatchObject({ state: 'not-submitted', attempts: 0 });
        expect(row('ada').results['mini-project']?.state).toBe('not-submitted');
        // A result under a name that is not a challenge adds no column.
        await (await login('ada')).kvPut('secret', 'results/ada/look-at-me', { hello: 'projector' });
        const columns = await collectClassReport(teacher, { concurrency: 4, challenges: ['approle', 'mini-project'] });
        expect(columns.challenges).toEqual(['approle', 'mini-project']);
        expect(Object.keys(columns.students[0]!.results).sort()).toEqual(['approle', 'mini-project']);

        const table = await cli(['classroom', 'report', '--challenges', 'approle,mini-project'], env, work);
        expect(table.exitCode).toBe(0);
        expect(table.stdout).toMatch(/ada\s+Ada Lovelace\s+joined\s+passed 2026-11-28 09:05 UTC \(2 attempts\)/);
        expect(table.stdout).toMatch(/approle: 1\/3 passed, 1 failing, 1 not submitted/);
        const outputs = [table.stdout, formatTable(report), formatCsv(report), formatJson(report), formatHtml(report)];
        for (const format of ['csv', 'json', 'html']) {
          const written = await cli(
            [
              'classroom',
              'report',
              '--challenges',
              'approle,mini-project',
              '--format',
              format,
              '--out',
              `report.${format}`,
            ],
            env,
            work,
          );
          expect(written.exitCode, written.stderr).toBe(0);
          outputs.push(await readFile(join(work, `report.${format}`), 'utf8'));
        }
        expect(JSON.parse(outputs.at(-2)!).totals.perChallenge.approle).toEqual({
          passed: 1,
          failing: 1,
          notSubmitted: 1,
          conflicts: 0,
        });
        expect(outputs.at(-3)).toMatch(
          /^student_id,name,email,access,joined,handout_expires_at,challenge,status,attempts,passed_at,last_submitted_at,failed_checks,source,self_reported_status,conflict\r\n/,
        );
        expect(outputs.at(-1)).toContain('Bob &#60;b&#62; Smith');
        expect(secrets.length).toBeGreaterThanOrEqual(8);
        for (const output of outputs)
          for (const secret of [...secrets, vault.rootToken, env.VAULT_TOKEN!]) expect(output).not.toContain(secret);
      });

      it('classroom submit sends a saved grade --json report, with credentials from the environment', async () => {
        const file = join(work, 'mini.json');
        await writeFile(file, JSON.stringify({ ...gradeReport(true), challenge: 'mini-project' }));
        const classEnv = {
          SECRETS_WORKBOOK_HOME: join(work, 'bob-home'),
          SECRETS_WORKBOOK_CLASS_ADDR: vault.address,
          SECRETS_WORKBOOK_CLASS_ROLE_ID: credentials.bob!.roleId,
          SECRETS_WORKBOOK_CLASS_SECRET_ID: credentials.bob!.secretId,
        };
        const result = await cli(['classroom', 'submit', 'mini.json'], classEnv, work);
        expect(result.stderr).toBe('');
        expect(result.stdout.trim()).toBe(
          `submitted mini-project (passed, attempt 1) to the class Vault at ${vault.address} as bob`,
        );
        const report = await collectClassReport(teacher, { concurrency: 4 });
        expect(report.students.find((student) => student.id === 'bob')!.results['mini-project']).toMatchObject({
          state: 'passed',
          attempts: 1,
        });
      });

      it('re-provisioning adds new students and loses nothing', async () => {
        const adaHandout = await readFile(join(work, 'handouts', 'ada.txt'), 'utf8');
        await writeFile(join(work, 'roster.csv'), `${ROSTER}dave,Dave,dave@example.org\n`);
        const result = await cli(['classroom', 'provision', '--roster', 'roster.csv'], env, work);
        expect(result.exitCode, result.stderr).toBe(0);
        expect(result.stdout).toMatch(
          /4 students in the roster: 1 added, 0 re-issued after a revoke, 3 already provisioned/,
        );
        expect(await readFile(join(work, 'handouts', 'ada.txt'), 'utf8')).toBe(adaHandout);
        expect((await readdir(join(work, 'handouts'))).sort()).toEqual(['ada.txt', 'bob.txt', 'cleo.txt', 'dave.txt']);
        await login('ada');
        const report = await collectClassReport(teacher, { concurrency: 4 });
        expect(report.students.find((student) => student.id === 'ada')!.results.approle).toMatchObject({
          state: 'passed',
          attempts: 2,
        });
        expect(report.students).toHaveLength(4);

        // The new student joins and submits through the commands, with the join file only.
        const home = { SECRETS_WORKBOOK_HOME: join(work, 'dave-home') };
        const joined = await cli(['classroom', 'join', join('handouts', 'dave.txt')], home, work);
        expect(joined.stderr).toBe('');
        expect(joined.stdout).toMatch(/^Joined the class as dave /);
        expect((await stat(join(work, 'dave-home', 'classroom.json'))).mode & 0o777).toBe(0o600);
        await writeFile(join(work, 'dave.json'), JSON.stringify(gradeReport(false)));
        const submitted = await cli(['classroom', 'submit', 'dave.json'], home, work);
        expect(submitted.stdout).toMatch(/submitted approle \(not passed yet, attempt 1\) .* as dave/);
        const rejoin = await cli(['classroom', 'join', join('handouts', 'dave.txt')], home, work);
        expect(rejoin.exitCode).toBe(2);
        expect(rejoin.stderr).toMatch(/already used or has expired .* tell your instructor now/);
      });

      it("revoke --student removes one student's access, tokens included, and keeps their results", async () => {
        const adaToken = await login('ada');
        const bobToken = await login('bob');
        const result = await cli(['classroom', 'revoke', '--student', 'ada'], env, work);
        expect(result.exitCode, result.stderr).toBe(0);
        expect(result.stdout).toMatch(
          /Revoked ada: 1 secret ID destroyed, 0 unused handouts revoked, the tokens of 1 login identity refused/,
        );
        await expectStatus(adaToken.lookupSelf(), 403);
        await expect(login('ada')).rejects.toThrow(/invalid role or secret ID/);
        await expect(submitResult(gradeReport(true), credentials.ada!)).rejects.toThrow(/refused your credentials/);
        expect((await bobToken.lookupSelf()).policies).toContain('classroom-student');
        const report = await collectClassReport(teacher, { concurrency: 4 });
        const ada = report.students.find((student) => student.id === 'ada')!;
        expect(ada.access).toBe('revoked');
        expect(ada.results.approle).toMatchObject({ state: 'passed', attempts: 2 });

        // Provisioning again issues ada a new handout (the old one kept aside) with a new role_id.
        const again = await cli(['classroom', 'provision', '--roster', 'roster.csv'], env, work);
        expect(again.stdout).toMatch(/0 added, 1 re-issued after a revoke, 3 already provisioned/);
        expect((await readdir(join(work, 'handouts'))).filter((name) => name.startsWith('ada.replaced-'))).toHaveLength(
          1,
        );
        const file = join(work, 'ada-again.json');
        await joinClass(join(work, 'handouts', 'ada.txt'), { credentialsFile: file });
        const saved = (await readCredentialsFile(file))!;
        expect(saved.roleId).not.toBe(credentials.ada!.roleId);
        const third = await submitResult(gradeReport(true), { ...saved, source: file });
        expect(third.attempts).toBe(3);
        // The tokens from before the revoke stay dead after the new handout.
        await expectStatus(adaToken.lookupSelf(), 403);
        credentials.ada = { ...saved, source: file };
      });

      it('revoke without --student revokes everyone and keeps every result', async () => {
        const bobToken = await login('bob');
        const result = await cli(['classroom', 'revoke'], env, work);
        expect(result.exitCode, result.stderr).toBe(0);
        expect(result.stdout).toMatch(/Revoked 4 students/);
        await expectStatus(bobToken.lookupSelf(), 403);
        await expect(login('bob')).rejects.toThrow(/invalid role or secret ID/);
        const report = await collectClassReport(teacher, { concurrency: 4 });
        expect(report.students.every((student) => student.access === 'revoked')).toBe(true);
        expect(report.students.find((student) => student.id === 'bob')!.results.approle?.state).toBe('failing');
      });
    },
  );
}
