import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectClassReport } from '../../../src/classroom/class-report.js';
import { packageRoot } from '../../../src/util/package-info.js';
import { VaultAdmin } from '../../../src/vault/admin-client.js';
import { cli } from '../helpers/class-vault.js';
import { attackProviders, gradeAll, startClass, type Class } from './class-fixture.js';

/**
 * `classroom grade-all <folder> --challenge approle --vault <provider>`: every student's folder
 * graded by the real grader on the instructor's machine (a fresh Vault of the chosen provider per
 * grade: bao on the binary class, the embedded server on the embedded one), results recorded as verified with
 * the instructor's token where students cannot write. Hostile submissions: a folder named with
 * escape sequences, one that is not a student id, a link out of the folder, a student who is not
 * in the class, and a program that never ends (stopped by the timeout, graded failing).
 */
for (const provider of await attackProviders()) {
  describe(`classroom grade-all (${provider} class Vault)`, () => {
    let klass: Class;
    // bob's program writes what it saw here, outside the class folder it cannot see.
    let drop: string;
    // The instructor's home is not the class folder (grade-all refuses one that holds it).
    let env: Record<string, string>;
    beforeAll(async () => {
      klass = await startClass(provider, ['ada', 'bob', 'cleo', 'dave', 'erin']);
      drop = await mkdtemp(join(tmpdir(), 'sw-bob-drop-'));
      env = { ...klass.env, HOME: await mkdtemp(join(tmpdir(), 'sw-instructor-home-')) };
      const folder = join(klass.work, 'submissions');
      const program = async (id: string, text: string) => {
        await mkdir(join(folder, id), { recursive: true });
        await writeFile(join(folder, id, 'app.sh'), text, { mode: 0o755 });
      };
      await mkdir(join(folder, 'ada'), { recursive: true });
      await copyFile(join(packageRoot, 'challenges/approle/solutions/shell/app.sh'), join(folder, 'ada', 'app.sh'));
      // bob's program looks for the instructor's token in its environment.
      await program('bob', `#!/bin/sh\nenv > ${drop}/seen-env.txt\necho "I did not read anything"\n`);
      await program('cleo', '#!/bin/sh\nwhile :; do sleep 1; done\n');
      await program('\u001b]0;pwned\u0007ada', '#!/bin/sh\nexit 0\n');
      await program('Zed..', '#!/bin/sh\nexit 0\n');
      await program('zed', '#!/bin/sh\nexit 0\n');
      await mkdir(join(klass.work, 'outside'));
      await symlink(join(klass.work, 'outside'), join(folder, 'dave'));
      // bob forges a pass: a hand-written report whose every check passed, sent with his own
      // credentials through classroom submit (consistent, so submit accepts it); ada reports her real pass.
      // erin forges one too, and submits an empty folder: once that stopped grade-all for everyone.
      await mkdir(join(folder, 'erin'));
      for (const id of ['bob', 'ada', 'erin']) {
        const submitted = await studentSubmits(id, forgedPass());
        if (submitted.exitCode !== 0) throw new Error(`${id} could not submit: ${submitted.stderr}`);
      }
    }, 120_000);

    const forgedPass = () => ({
      challenge: 'approle',
      passed: true,
      vault: 'binary',
      durationMs: 900,
      checks: ['login', 'read-password', 'no-leak'].map((id) => ({
        id,
        title: id,
        passed: true,
        detail: '',
        hint: '',
      })),
    });
    const studentSubmits = async (id: string, report: object) => {
      const file = join(klass.work, `${id}-report.json`);
      await writeFile(file, JSON.stringify(report));
      const { address, roleId, secretId } = klass.credentials[id]!;
      return cli(
        ['classroom', 'submit', file],
        {
          SECRETS_WORKBOOK_CLASS_ADDR: address,
          SECRETS_WORKBOOK_CLASS_ROLE_ID: roleId,
          SECRETS_WORKBOOK_CLASS_SECRET_ID: secretId,
        },
        klass.work,
      );
    };
    afterAll(async () => {
      await klass?.stop();
      await rm(drop, { recursive: true, force: true });
      await rm(env.HOME!, { recursive: true, force: true });
    });

    it('grades each submission, skips hostile folders in one harmless line each, stops a hanging one', async () => {
      const result = await gradeAll(klass, env, ['--timeout', '5', '--vault', provider]);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^grading on ${provider}: .*\\(--vault ${provider}\\)$`));
      expect(lines).toContain('ada: passed');
      expect(lines.find((line) => line.startsWith('bob: '))).toMatch(/^bob: failing \(.*read-password/);
      expect(lines.find((line) => line.startsWith('cleo: '))).toMatch(/^cleo: failing \(.*exit/);
      expect(lines).toContain('erin: failing (submission)');
      expect(lines).toContain('skipped "\\u001b]0;pwned\\u0007ada": not a student id');
      expect(lines).toContain('skipped "Zed..": not a student id');
      expect(lines).toContain('skipped "dave": not a folder (links are not followed)');
      expect(lines).toContain('skipped "zed": no such student in this class');
      expect(lines.at(-1)).toBe(
        'Graded 4 submissions of approle: 1 passed, 3 failing, 4 skipped; recorded as verified (classroom report shows them).',
      );
      const seen = await readFile(join(drop, 'seen-env.txt'), 'utf8');
      expect(seen).toMatch(/VAULT_ADDR=/);
      expect(seen).not.toContain(klass.env.VAULT_TOKEN);
      expect(seen).not.toContain(klass.vault.address);
      expect(result.stdout).not.toContain('\u001b');
      expect(result.stdout).not.toContain('\u0007');
    }, 180_000);

    it('the report shows them as verified, distinct from self-reported; students cannot write verified results', async () => {
      const instructor = new VaultAdmin(klass.vault.address, klass.env.VAULT_TOKEN);
      const report = await collectClassReport(instructor, { concurrency: 4, challenges: ['approle'] });
      const cell = (id: string) => report.students.find((row) => row.id === id)!.results.approle!;
      expect(cell('ada')).toMatchObject({ state: 'passed', source: 'verified' });
      expect(cell('bob')).toMatchObject({ state: 'failing', source: 'verified' });
      expect(cell('cleo')).toMatchObject({ state: 'failing', source: 'verified' });
      expect(cell('dave')).toMatchObject({ state: 'not-submitted' });
      // Graded on the provider asked for, not on a default.
      const recorded = await instructor.kvGet('secret', 'classroom/verified/ada/approle');
      expect(recorded?.data).toMatchObject({ passed: true, report: { vault: provider } });
      const bob = await klass.login('bob');
      await expect(
        bob.kvPut('secret', 'classroom/verified/bob/approle', { passed: true, gradedAt: new Date().toISOString() }),
      ).rejects.toMatchObject({ status: 403 });
      const table = await cli(['classroom', 'report', '--challenges', 'approle'], klass.env, klass.work);
      expect(table.stdout).toMatch(/^ada\s+ada\s+joined\s+passed \d{4}-\d\d-\d\d \d\d:\d\d UTC \(verified\)$/m);
    });

    it('a forged self-reported pass that grade-all finds failing is flagged as a conflict in table, csv and json', async () => {
      const report = async (format: string) =>
        (await cli(['classroom', 'report', '--challenges', 'approle', '--format', format], klass.env, klass.work))
          .stdout;
      const table = await report('table');
      expect(table).toMatch(
        /^bob\s+bob\s+joined\s+failing \(verified \d{4}-\d\d-\d\d \d\d:\d\d UTC\) CONFLICT: self-reported passed$/m,
      );
      expect(table).toMatch(/^ada\s+ada\s+joined\s+passed .*\(verified\)$/m);
      expect(table).toMatch(
        /^erin\s+erin\s+joined\s+failing \(verified \d{4}-\d\d-\d\d \d\d:\d\d UTC\) CONFLICT: self-reported passed$/m,
      );
      expect(table).toContain('approle: 1/5 passed, 3 failing, 1 not submitted, 2 in conflict');
      expect(table).toMatch(
        /^CONFLICT: 2 self-reported results that grade-all found failing .*: bob \(approle\), erin \(approle\)\. See --format json for each\.$/m,
      );
      const csv = (await report('csv')).split('\r\n');
      expect(csv[0]).toMatch(/,source,self_reported_status,conflict$/);
      expect(csv.find((line) => line.startsWith('bob,'))).toMatch(
        /,approle,failing,1,,[^,]+,[^,]+,verified,passed,"?self-reported passed, verified failing"?$/,
      );
      expect(csv.find((line) => line.startsWith('ada,'))).toMatch(/,approle,passed,.*,verified,passed,$/);
      const json = JSON.parse(await report('json'));
      const bob = json.students.find((row: { id: string }) => row.id === 'bob').results.approle;
      expect(bob).toMatchObject({
        state: 'failing',
        source: 'verified',
        selfReported: 'passed',
        conflict: 'self-reported passed, verified failing',
      });
      expect(json.students.find((row: { id: string }) => row.id === 'ada').results.approle.conflict).toBeUndefined();
      expect(json.totals.perChallenge.approle).toMatchObject({ passed: 1, failing: 3, conflicts: 2 });
      const erin = json.students.find((row: { id: string }) => row.id === 'erin').results.approle;
      expect(erin).toMatchObject({ state: 'failing', source: 'verified', failedChecks: ['submission'] });

      // A pass reported after the grade may be a real fix: still flagged, with what to do.
      const later = await studentSubmits('cleo', forgedPass());
      expect(later.exitCode).toBe(0);
      const cleo = JSON.parse(await report('json')).students.find((row: { id: string }) => row.id === 'cleo');
      expect(cleo.results.approle).toMatchObject({
        state: 'failing',
        selfReported: 'passed',
        conflict: 'self-reported passed after the verified grade found it failing: grade again',
      });
    });

    it('never grades against the class Vault: external is refused, auto ignores VAULT_ADDR', async () => {
      const external = await gradeAll(klass, env, ['--vault', 'external']);
      expect(external.exitCode).toBe(2);
      expect(external.stdout).toBe('');
      expect(external.stderr.trim()).toMatch(/^error: --vault external cannot be used by grade-all: [^\n]+$/);
      const typo = await gradeAll(klass, env, ['--vault', 'embeded']);
      expect(typo.exitCode).toBe(2);
      expect(typo.stderr).toContain("unknown --vault value 'embeded'");
      const auto = await gradeAll(klass, env, ['--timeout', '5']);
      expect(auto.exitCode).toBe(0);
      expect(auto.stdout.split('\n')[0]).toMatch(/^grading on (docker|binary|embedded): /);
      expect(auto.stdout).toContain('ada: passed');
    }, 180_000);
  });
}
