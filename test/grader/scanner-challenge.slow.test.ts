import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChallenge } from '../../src/course/challenges.js';
import { gradeChallenge } from '../../src/grader/index.js';
import { HIDDEN_ECHO } from '../../src/grader/kinds/scanner-challenge/kind.js';
import type { GradeEvent, GradeReport } from '../../src/grader/report.js';
import { secretValues } from '../../src/scanner/corpus/index.js';
import { CLI, cliEnv, runCli } from '../helpers/cli.js';
import schema from '../schemas/grade-report.schema.json' with { type: 'json' };
import { programDir, failedIds as failed, check, hasGo } from './helpers.js';

/**
 * The scanner challenge (no Vault): every reference solution passes on a fresh corpus, every
 * starter fails `recall`, this project's own `scan` meets the same bar, and broken scanners fail
 * for the named reason. Each grade writes its own corpus, so these also sample the corpus.
 */
const { summary, definition } = await loadChallenge('scanner');
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function gradeScript(script: string, extra: Record<string, string> = {}, events?: GradeEvent[]) {
  const dir = await programDir({ 'main.sh': script, ...extra });
  made.push(dir);
  return gradeChallenge({ challengeId: 'scanner', dir, timeoutSeconds: 20, onEvent: (event) => events?.push(event) });
}

describe('scanner challenge', () => {
  for (const language of summary.solutions) {
    (language === 'go' && !hasGo ? it.skip : it.concurrent)(
      `the ${language} reference scanner passes (recall and precision on a fresh corpus)`,
      async () => {
        const report = await gradeChallenge({
          challengeId: 'scanner',
          dir: join(summary.dir, 'solutions', language),
          timeoutSeconds: 120,
        });
        const failures = report.checks.filter((c) => !c.passed);
        expect(failures, JSON.stringify(failures, null, 2)).toEqual([]);
        expect(report.vault).toBe('none');
        expect(report.checks.map((c) => c.id)).toEqual(['exit-code', 'arguments', 'recall', 'precision', 'no-echo']);
        console.log(`scanner ${language}: ${check(report, 'recall').detail}`);
        console.log(`scanner ${language}: ${check(report, 'precision').detail.split(';')[0]}`);
      },
    );
  }

  for (const language of summary.starters) {
    (language === 'go' && !hasGo ? it.skip : it.concurrent)(
      `the ${language} starter fails exactly ${definition.starter.failing.join(', ')}`,
      async () => {
        const report = await gradeChallenge({
          challengeId: 'scanner',
          dir: join(summary.dir, 'starter', language),
          timeoutSeconds: 120,
        });
        expect(failed(report)).toEqual([...definition.starter.failing].sort());
        expect(check(report, 'recall').hint).toMatch(/Missed most in/);
      },
    );
  }

  it.concurrent("this project's own `secrets-workbook scan` meets the same bar", async () => {
    const dir = await programDir({ 'README.md': 'grading secrets-workbook scan as a learner program\n' });
    made.push(dir);
    const report = await gradeChallenge({
      challengeId: 'scanner',
      dir,
      cmd: `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} scan`,
      timeoutSeconds: 60,
    });
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    console.log(`secrets-workbook scan: ${check(report, 'recall').detail}`);
    console.log(`secrets-workbook scan: ${check(report, 'precision').detail.split(';')[0]}`);
  });

  it.concurrent('a scanner that flags every line fails precision, naming the decoys it flagged', async () => {
    const report = await gradeScript(`awk '{ print FILENAME ":" FNR ":high-entropy" }' "$@"\nexit 1\n`);
    expect(check(report, 'recall').passed).toBe(true);
    expect(check(report, 'precision').passed).toBe(false);
    expect(check(report, 'precision').detail).toMatch(
      /^precision 0\.\d\d \(\d+ of \d+ findings are secrets; at least 0.8 needed\); false positives: .*lock-hash \d+/,
    );
    expect(check(report, 'precision').hint).toMatch(/lock files/);
    expect(failed(report)).toEqual(['exit-code', 'precision']); // and it exits 1 on a clean file
    expect(check(report, 'exit-code').detail).toMatch(/exit status 1 on a clean file, where it reported 7 findings/);
    expect(check(report, 'exit-code').hint).toMatch(/too loose/);
  });

  it.concurrent('a scanner that flags nothing fails recall, per category', async () => {
    const report = await gradeScript('exit 0\n');
    expect(check(report, 'recall').passed).toBe(false);
    expect(check(report, 'recall').detail).toMatch(
      /^recall 0\.00 \(0 of 240 secrets; at least 0.9 needed\): aws 0\/30, github 0\/30, .*url-credentials 0\/30$/,
    );
    expect(check(report, 'exit-code').detail).toMatch(/exit status 0 on the corpus/);
    expect(check(report, 'arguments').detail).toMatch(/no finding in any of the \d+ files it was given/);
  });

  it.concurrent('a scanner that ignores its arguments and scans its own folder fails `arguments`', async () => {
    // A sample the learner keeps next to the scanner, made at run time: nothing secret is committed.
    const sample = `AWS_ACCESS_KEY_ID=${secretValues.awsAccessKeyId()}\n`;
    const report = await gradeScript(
      `grep -rnE '(AKIA|ASIA)[A-Z0-9]{16}' . | cut -d: -f1,2 | sed 's|^[.]/||'\nexit 1\n`,
      { 'samples/leak.env': sample },
    );
    expect(check(report, 'arguments').passed).toBe(false);
    expect(check(report, 'arguments').detail).toMatch(/in files it was not given \(samples\/leak\.env\)/);
    expect(check(report, 'arguments').hint).toMatch(/sys\.argv\[1:\]/);
  });

  it.concurrent('a scanner that prints the lines it found fails `no-echo`, and those lines are hidden', async () => {
    const events: GradeEvent[] = [];
    const report = await gradeScript(`grep -nHE 'gh[pousr]_[A-Za-z0-9]{36}' "$@" && exit 1\nexit 0\n`, {}, events);
    expect(failed(report)).toEqual(expect.arrayContaining(['no-echo', 'recall']));
    expect(check(report, 'no-echo').detail).toMatch(/it printed \d+ of the secrets it was scanning/);
    const shown = events.flatMap((event) => (event.type === 'program-output' ? [event.line] : []));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((line) => line === HIDDEN_ECHO)).toBe(true);
    expect(JSON.stringify(report)).not.toMatch(/gh[pousr]_[A-Za-z0-9]{36}/);
  });

  it.concurrent(
    'a scanner that prints what it found on stderr and exits 0: the line quoted in the report is hidden',
    async () => {
      const report = await gradeScript(`grep -hE 'gh[pousr]_[A-Za-z0-9]{36}' "$@" >&2\nexit 0\n`);
      expect(check(report, 'exit-code').passed).toBe(false);
      expect(check(report, 'exit-code').detail).toContain(`its last output line: "${HIDDEN_ECHO}"`);
      expect(JSON.stringify(report)).not.toMatch(/gh[pousr]_[A-Za-z0-9]{36}/);
    },
  );

  it.concurrent('a scanner that always exits 0 fails `exit-code`', async () => {
    const script = await import('node:fs/promises').then((fs) =>
      fs.readFile(join(summary.dir, 'solutions', 'shell', 'main.sh'), 'utf8'),
    );
    const report = await gradeScript(script.replace(/exit 1\n/g, 'exit 0\n'));
    expect(failed(report)).toEqual(['exit-code']);
    expect(check(report, 'exit-code').detail).toBe(
      'exit status 0 on the corpus, exit status 0 on a file with a GitHub token',
    );
    expect(check(report, 'exit-code').hint).toMatch(/exit with a non-zero status/);
  });

  it.concurrent('a scanner that hangs is stopped at the timeout', async () => {
    const dir = await programDir({ 'main.sh': 'sleep 300\n' });
    made.push(dir);
    const report = await gradeChallenge({ challengeId: 'scanner', dir, timeoutSeconds: 1 });
    expect(check(report, 'exit-code').detail).toMatch(/was still running on the corpus after 1 s/);
    expect(check(report, 'exit-code').hint).toMatch(/never finished/);
  });

  it.concurrent('starts no Vault: --vault is ignored, and said so once', async () => {
    const statuses: string[] = [];
    const report = await gradeChallenge({
      challengeId: 'scanner',
      dir: join(summary.dir, 'solutions', 'shell'),
      vault: 'binary',
      vaultBinary: '/nonexistent/bao',
      onEvent: (event) => event.type === 'status' && statuses.push(event.message),
    });
    expect(report.passed).toBe(true);
    expect(report.vault).toBe('none');
    expect(statuses.filter((status) => status.includes('--vault'))).toEqual([
      '--vault binary is ignored: this challenge needs no Vault',
    ]);
  });

  it.concurrent('init scanner: the starter and the task, and no install step (it has no dependencies)', async () => {
    const dir = await programDir({});
    made.push(dir);
    const result = await runCli(
      ['init', 'scanner', join(dir, 'scanner'), '--lang', 'python', '--no-progress'],
      cliEnv({ SECRETS_WORKBOOK_HOME: join(dir, 'home') }),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('CHALLENGE.md');
    expect(result.stdout).toMatch(/next: cd .*scanner, read CHALLENGE\.md, then: secrets-workbook grade scanner/);
    expect(result.stdout).not.toMatch(/pip install|npm install|go mod/);
  });

  it.concurrent('grade scanner --json: the report contract, exit 0, the note on stderr', async () => {
    const result = await runCli(
      ['grade', 'scanner', join(summary.dir, 'solutions', 'shell'), '--json', '--vault', 'binary', '--no-progress'],
      cliEnv(),
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as GradeReport;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report).toMatchObject({ challenge: 'scanner', passed: true, vault: 'none' });
    expect(result.stderr.match(/--vault binary is ignored/g)).toHaveLength(1);
  });
});
