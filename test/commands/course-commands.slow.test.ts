import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { FIXTURE_COURSE } from '../ui/harness.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

/** The built CLI, stdin not a terminal, a temporary progress folder and the fixture course. */
function run(args: string[], options: { home?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'sw-cli-'));
  return execa(process.execPath, [cli, ...args], {
    reject: false,
    input: options.input ?? '',
    env: { SECRETS_WORKBOOK_HOME: home, SECRETS_WORKBOOK_COURSE_DIR: FIXTURE_COURSE, ...options.env },
  });
}

function homeWith(progress: unknown): string {
  const home = mkdtempSync(join(tmpdir(), 'sw-cli-'));
  writeFileSync(join(home, 'progress.json'), JSON.stringify(progress));
  return home;
}

const someProgress = {
  version: 1,
  lessons: {
    logs: { status: 'done', quiz: { 'what-to-log': { correct: true, attempts: 1 } }, steps: {}, position: 3 },
  },
  challenges: {
    approle: {
      status: 'in-progress',
      attempts: 2,
      lastFailedChecks: ['login'],
      hintsShown: 1,
      solutionRevealed: false,
      setup: {},
    },
  },
};

describe.skipIf(!existsSync(cli))('course commands (built dist/cli.js)', () => {
  it('list --json prints exactly the documented shape', async () => {
    const result = await run(['list', '--json'], { home: homeWith(someProgress) });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      lessons: [
        { id: 'why-secrets', title: 'Why secrets management matters', status: 'new' },
        { id: 'approle-auth', title: 'Authenticating applications with AppRole', status: 'new' },
        { id: 'logs', title: 'Keeping secrets out of logs', status: 'done' },
      ],
      challenges: [
        { id: 'approle', title: 'Log in with AppRole and read the database password', status: 'in-progress' },
      ],
    });
  });

  it('list prints a plain table', async () => {
    const result = await run(['list'], { home: homeWith(someProgress) });
    expect(result.stdout).toMatch(/logs\s+done\s+Keeping secrets out of logs/);
    expect(result.stdout).toMatch(/approle\s+in progress\s+Log in with AppRole/);
  });

  it('without a terminal, the default command prints the outline and the commands (no raw-mode crash)', async () => {
    for (const args of [[], ['start']]) {
      const result = await run(args);
      expect(result.exitCode).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('The interactive course needs a terminal (standard input is not a terminal)');
      expect(result.stdout).toContain('1. Why secrets management matters [why-secrets] (new, 5 min)');
      expect(result.stdout).toContain('secrets-workbook grade <challenge>');
    }
  });

  it('usage errors are one line and exit 2', async () => {
    const unknown = await run(['frobnicate']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const badStart = await run(['start', 'no-such-lesson']);
    expect(badStart.exitCode).toBe(2);
    expect(badStart.stderr).toContain('no lesson or challenge called "no-such-lesson"');
    const badVault = await run(['start', '--vault', 'cloud']);
    expect(badVault.exitCode).toBe(2);
    expect(badVault.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reset refuses to erase without a terminal unless --yes, and erases only what it was asked', async () => {
    const home = homeWith(someProgress);
    const refused = await run(['reset', 'logs'], { home });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(
      'refusing to erase progress on logs without confirmation: run it in a terminal or pass --yes',
    );
    expect(JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8')).lessons.logs).toBeDefined();
    const done = await run(['reset', 'logs', '--yes'], { home });
    expect(done.exitCode).toBe(0);
    expect(done.stdout).toContain('Progress on logs erased.');
    const after = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
    expect(after.lessons.logs).toBeUndefined();
    expect(after.challenges.approle.attempts).toBe(2);
    const nothing = await run(['reset', 'logs', '--yes'], { home });
    expect(nothing.stdout).toContain('Nothing to reset');
    const unknown = await run(['reset', 'nope', '--yes'], { home });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('no lesson or challenge called "nope"');
    // A lesson once shared the challenge's id: `reset approle` now means the challenge alone, and the
    // lesson's progress, recorded under its old id, is kept under its new one.
    const shared = homeWith({
      ...someProgress,
      lessons: { approle: { status: 'in-progress', quiz: {}, steps: { 'enable-approle': true }, position: 4 } },
    });
    const challenge = await run(['reset', 'approle', '--yes'], { home: shared });
    expect(challenge.exitCode).toBe(0);
    const kept = JSON.parse(readFileSync(join(shared, 'progress.json'), 'utf8'));
    expect(kept.challenges.approle).toBeUndefined();
    expect(kept.lessons['approle-auth'].steps).toEqual({ 'enable-approle': true });
    const neither = await run(['reset'], { home });
    expect(neither.exitCode).toBe(2);
    expect(neither.stderr).toContain('say what to reset');
    const all = await run(['reset', '--all', '--yes'], { home });
    expect(all.stdout).toContain('All progress erased.');
    expect(JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'))).toEqual({
      version: 1,
      seed: expect.any(Number), // the learner's quiz order survives a reset
      lessons: {},
      challenges: {},
    });
  });

  it('progress export → import moves progress to another machine', async () => {
    const from = homeWith(someProgress);
    const file = join(mkdtempSync(join(tmpdir(), 'sw-export-')), 'progress-export.json');
    const exported = await run(['progress', 'export', file], { home: from });
    expect(exported.exitCode).toBe(0);
    expect(exported.stdout).toContain(`written to ${file}`);
    const again = await run(['progress', 'export', file], { home: from });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('refusing to overwrite');
    const stdout = await run(['progress', 'export', '-'], { home: from });
    expect(JSON.parse(stdout.stdout).challenges.approle.hintsShown).toBe(1);

    const to = mkdtempSync(join(tmpdir(), 'sw-cli-'));
    const imported = await run(['progress', 'import', file], { home: to });
    expect(imported.exitCode).toBe(0);
    expect(imported.stdout).toContain('Imported progress on 2 lessons and challenges.');
    const list = await run(['list', '--json'], { home: to });
    expect(JSON.parse(list.stdout).lessons[2].status).toBe('done');

    const replace = await run(['progress', 'import', file], { home: to });
    expect(replace.exitCode).toBe(2);
    expect(replace.stderr).toContain('refusing to replace your progress without confirmation');
    const replaced = await run(['progress', 'import', file, '--yes'], { home: to });
    expect(replaced.exitCode).toBe(0);
    expect(replaced.stdout).toMatch(/The previous progress was kept as .*\.bak\./);
    expect(readdirSync(to).filter((name) => name.endsWith('.bak'))).toHaveLength(1);
  });

  it('progress import validates: not JSON, wrong shape, newer format, missing file — one line, exit 2, nothing changed', async () => {
    const home = homeWith(someProgress);
    const dir = mkdtempSync(join(tmpdir(), 'sw-import-'));
    const cases: Array<[string, string, RegExp]> = [
      ['garbage.json', 'not json', /is not a secrets-workbook progress export: it is not valid JSON/],
      [
        'shape.json',
        JSON.stringify({ version: 1, lessons: { a: { status: 'finished' } } }),
        /it has an unexpected shape/,
      ],
      [
        'newer.json',
        JSON.stringify({ version: 99, lessons: {} }),
        /was written by a newer secrets-workbook \(format 99\): update secrets-workbook to import it/,
      ],
    ];
    for (const [name, text, message] of cases) {
      writeFileSync(join(dir, name), text);
      const result = await run(['progress', 'import', join(dir, name), '--yes'], { home });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    const missing = await run(['progress', 'import', join(dir, 'missing.json')], { home });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('could not read');
    expect(JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'))).toEqual(someProgress);
  });

  it('an import never carries a secret in: unknown fields are dropped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-import-'));
    writeFileSync(
      join(dir, 'p.json'),
      JSON.stringify({
        ...someProgress,
        token: 'hvs.SMUGGLED',
        challenges: { approle: { ...someProgress.challenges.approle, secret_id: 'SMUGGLED' } },
      }),
    );
    const home = mkdtempSync(join(tmpdir(), 'sw-cli-'));
    expect((await run(['progress', 'import', join(dir, 'p.json')], { home })).exitCode).toBe(0);
    expect(readFileSync(join(home, 'progress.json'), 'utf8')).not.toContain('SMUGGLED');
  });

  it('a corrupt progress file is kept aside with a one-line notice, and list still works', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sw-cli-'));
    writeFileSync(join(home, 'progress.json'), '{oops');
    const result = await run(['list', '--json'], { home });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(
      /^Your progress file is not valid JSON; it was kept as .*\.bak and a fresh one was started\.$/,
    );
    expect(JSON.parse(result.stdout).lessons[0].status).toBe('new');
  });
});
