import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitResult } from '../../../src/classroom/submit.js';
import type { GradeReport } from '../../../src/grader/report.js';
import { cli } from '../helpers/class-vault.js';
import { attackProviders, startClass, type Class } from './class-fixture.js';

/**
 * A hostile student attacks the instructor through what they may write: their own results. Each
 * attack writes with the student's own token, straight to the KV API (not through submit), then
 * the instructor runs `classroom report` as they would.
 */
// OSC 0 window title, clear screen + home, a red banner, an OSC 52 clipboard write, a C1 CSI, a bidi override.
const ESCAPES =
  '\u001b]0;pwned\u0007\u001b[2J\u001b[H\u001b[41mYOUR VAULT IS COMPROMISED\u001b[0m\u001b]52;c;Y3VybCBldmlsfHNo\u0007\u009b31m\u202e';
const RAW_CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202e]/;

function forged(student: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    format: 1,
    student,
    challenge: 'approle',
    passed: false,
    attempts: 1,
    submittedAt: now,
    firstSubmittedAt: now,
    report: {
      challenge: 'approle',
      passed: false,
      vault: 'binary',
      durationMs: 1,
      checks: [{ id: 'login', title: 'Logged in', passed: false, detail: '', hint: '' }],
    },
    ...overrides,
  };
}

const report = (passed: boolean, checks: boolean[], challenge = 'approle'): GradeReport => ({
  challenge,
  passed,
  vault: 'binary',
  durationMs: 5,
  checks: checks.map((ok, index) => ({ id: `c${index}`, title: `check ${index}`, passed: ok, detail: '', hint: '' })),
});

for (const provider of await attackProviders()) {
  describe(`hostile student results (${provider})`, () => {
    let klass: Class;

    beforeAll(async () => {
      klass = await startClass(provider, ['mallory', 'eve', 'honest']);
      const mallory = await klass.login('mallory');
      await mallory.kvPut('secret', 'results/mallory/approle', forged('mallory', { submittedAt: ESCAPES }));
      const eve = await klass.login('eve');
      // A pass whose only check failed, and a pass dated next year.
      const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString();
      await eve.kvPut(
        'secret',
        'results/eve/approle',
        forged('eve', {
          passed: true,
          passedAt: new Date().toISOString(),
          report: { ...(forged('eve').report as object), passed: true },
        }),
      );
      await eve.kvPut(
        'secret',
        'results/eve/rotation',
        forged('eve', {
          challenge: 'rotation',
          passed: true,
          passedAt: nextYear,
          submittedAt: nextYear,
          report: { ...(forged('eve').report as object), challenge: 'rotation', passed: true, checks: [] },
        }),
      );
      await submitResult(report(true, [true, true]), klass.credentials.honest!);
    }, 120_000);
    afterAll(async () => klass?.stop());

    it('escape sequences in a result print as harmless text in the table, the csv and the json', async () => {
      for (const format of ['table', 'csv', 'json']) {
        const result = await cli(['classroom', 'report', '--format', format], klass.env, klass.work);
        expect(result.exitCode, result.stderr).toBe(0);
        expect(result.stdout).not.toMatch(RAW_CONTROL);
        expect(result.stderr).not.toMatch(RAW_CONTROL);
      }
      const table = await cli(['classroom', 'report'], klass.env, klass.work);
      // The sequence is still visible, as escapes: the instructor sees that someone tried.
      expect(table.stdout).toMatch(/^mallory .*inconsistent \(self-reported\)/m);
      const json = JSON.parse((await cli(['classroom', 'report', '--format', 'json'], klass.env, klass.work)).stdout);
      const cell = json.students.find((s: any) => s.id === 'mallory').results.approle;
      expect(cell).toMatchObject({ state: 'inconsistent', source: 'self-reported' });
      expect(cell.problems).toContain('submittedAt is not a time');
    });

    it('a forged pass (failing checks, or dated in the future) shows as inconsistent, never as passed', async () => {
      const json = JSON.parse((await cli(['classroom', 'report', '--format', 'json'], klass.env, klass.work)).stdout);
      const eve = json.students.find((s: any) => s.id === 'eve').results;
      expect(eve.approle.state).toBe('inconsistent');
      expect(eve.approle.problems).toContain('passed with failing or no checks');
      expect(eve.rotation.state).toBe('inconsistent');
      expect(eve.rotation.problems).toEqual(
        expect.arrayContaining(['submittedAt is in the future', 'passed with failing or no checks']),
      );
      const honest = json.students.find((s: any) => s.id === 'honest').results.approle;
      expect(honest).toMatchObject({ state: 'passed', source: 'self-reported', attempts: 1 });
      expect(json.totals.perChallenge.approle.passed).toBe(1);
    });

    it('submit refuses a report that contradicts its checks, and an unknown challenge', async () => {
      const file = join(klass.work, 'forged-report.json');
      await writeFile(file, JSON.stringify(report(true, [false])));
      const env = {
        SECRETS_WORKBOOK_CLASS_ADDR: klass.vault.address,
        SECRETS_WORKBOOK_CLASS_ROLE_ID: klass.credentials.eve!.roleId,
        SECRETS_WORKBOOK_CLASS_SECRET_ID: klass.credentials.eve!.secretId,
      };
      const forgedSubmit = await cli(['classroom', 'submit', file], env, klass.work);
      expect(forgedSubmit.exitCode).toBe(2);
      expect(forgedSubmit.stderr).toMatch(/^error: cannot submit: the report says passed but 1 of its 1 checks failed/);
      await writeFile(file, JSON.stringify(report(false, [false], 'no-such-challenge')));
      const unknown = await cli(['classroom', 'submit', file], env, klass.work);
      expect(unknown.exitCode).toBe(2);
      expect(unknown.stderr).toMatch(/this course has no challenge "no-such-challenge"/);
      expect(await klass.root.kvGet('secret', 'results/eve/no-such-challenge')).toBeUndefined();
    });

    it('report --challenges refuses an id the course does not have, before asking Vault', async () => {
      const result = await cli(['classroom', 'report', '--challenges', 'approle,aproles'], klass.env, klass.work);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^error: --challenges: this course has no challenge "aproles"/);
    });
  });
}
