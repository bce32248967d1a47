import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { GradeOptions, GradeReport } from '../../src/grader/index.js';
import type { CheckResult } from '../../src/grader/report.js';
import { emptyProgress } from '../../src/course/progress.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyProgressEvent } from '../../src/course/progress-rules.js';
import { folderKind } from '../../src/course/work-folder.js';
import { watchFolder } from '../../src/util/watch-folder.js';
import { KEYS, plainText, renderApp, tick } from './harness.js';

afterEach(() => cleanup());

const open = { name: 'challenge', id: 'approle' } as const;

const login: CheckResult = {
  id: 'login',
  title: 'Logged in with AppRole',
  passed: true,
  detail: 'auth/approle/login succeeded at 12:00:01',
  hint: '',
};
const readFailed: CheckResult = {
  id: 'read:database/backend',
  title: 'Read secret/database/backend',
  passed: false,
  detail: 'no read of secret/data/database/backend was seen',
  hint: 'KV version 2 reads go to secret/data/database/backend',
};

/** A grade function that plays the grader's event contract step by step, released by the test. */
function scriptedGrade(checks: CheckResult[]) {
  const calls: GradeOptions[] = [];
  let release: () => void = () => undefined;
  const grade = async (options: GradeOptions): Promise<GradeReport> => {
    calls.push(options);
    options.onEvent?.({ type: 'status', message: 'provisioning a fresh Vault' });
    for (const check of checks) options.onEvent?.({ type: 'check-pending', id: check.id, title: check.title });
    options.onEvent?.({ type: 'program-output', stream: 'stdout', line: 'starting up' });
    await new Promise<void>((resolve) => (release = resolve));
    for (const check of checks) options.onEvent?.({ type: 'check-done', check });
    const report: GradeReport = {
      challenge: options.challengeId,
      passed: checks.every((check) => check.passed),
      vault: 'binary',
      durationMs: 1234,
      checks,
    };
    options.onEvent?.({ type: 'finished', report });
    return report;
  };
  return { grade, calls, release: () => release() };
}

/** Progress in which `init` created the approle work folder `dir`. */
function withWorkFolder(dir: string, language = 'python') {
  const progress = emptyProgress();
  applyProgressEvent(progress, { type: 'starter-created', challengeId: 'approle', dir, language });
  return progress;
}

describe('challenge screen', () => {
  it('shows the task and the work folder, with the keys', async () => {
    const ui = await renderApp({ open });
    const text = plainText(ui.frame());
    expect(text).toContain('Challenge: Log in with AppRole and read the database password');
    expect(text).toContain('[Task]');
    expect(text).toContain('The task text.');
    expect(text).toMatch(/press i to create it from a\s+starter\s+\(python, node\)/);
    expect(text).toContain('g grade');
  });

  it('i creates a work folder from the chosen starter and records it', async () => {
    const init = vi.fn(async (_challenge: unknown, _language: string, dir: string) => ({ dir, files: ['app.py'] }));
    const ui = await renderApp({ open, services: { initChallenge: init } });
    await ui.press('i');
    expect(ui.frame()).toContain('from a starter in which language?');
    await ui.press(KEYS.down);
    await ui.press(KEYS.enter);
    await ui.waitFor((frame) => plainText(frame).includes('(node): app.py'));
    expect(init).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'approle' }),
      'node',
      expect.stringMatching(/approle$/),
    );
    await vi.waitFor(async () => {
      const entry = (await ui.store.load()).progress.challenges.approle;
      expect(entry?.language).toBe('node');
      expect(entry?.workDir).toMatch(/approle$/);
    });
  });

  it('g on a missing folder, then i: the "does not exist yet" line goes once the folder is created', async () => {
    let exists = false;
    const init = vi.fn(async (_challenge: unknown, _language: string, dir: string) => {
      exists = true;
      return { dir, files: ['app.py'] };
    });
    const folderKind = async () => (exists ? 'folder' : 'missing');
    const ui = await renderApp({ open, services: { initChallenge: init, folderKind } });
    await ui.press('g');
    await ui.waitFor((frame) => frame.includes('does not exist yet'));
    await ui.press('i');
    await ui.press('1');
    const text = plainText(await ui.waitFor((frame) => plainText(frame).includes('(python): app.py')));
    await vi.waitFor(() => expect(plainText(ui.frame())).not.toContain('does not exist yet'));
    expect(text).toContain('Edit it, then press g');
  });

  it('an init that fails says why in one line', async () => {
    const ui = await renderApp({
      open,
      services: {
        initChallenge: async () =>
          Promise.reject(new Error('/x/approle already exists and is not empty; nothing was overwritten')),
      },
    });
    await ui.press('i');
    await ui.press('1');
    await ui.waitFor((frame) => frame.includes('Could not create the starter: /x/approle already exists'));
  });

  it('g grades with a live checklist: spinner while pending, then ✓/✗ with detail and hint, recorded in progress', async () => {
    const scripted = scriptedGrade([login, readFailed]);
    const ui = await renderApp({ open, services: { grade: scripted.grade } });
    await ui.press('g');
    let text = plainText(await ui.waitFor((frame) => frame.includes('provisioning a fresh Vault')));
    expect(text).toContain('[Grade]');
    expect(text).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Logged in with AppRole/);
    expect(text).toContain('starting up');
    expect(scripted.calls[0]).toMatchObject({ challengeId: 'approle', vault: 'binary' });
    expect(scripted.calls[0]?.dir).toMatch(/approle$/);
    scripted.release();
    text = plainText(await ui.waitFor((frame) => frame.includes('checks failed')));
    expect(text).toContain('✓ Logged in with AppRole');
    expect(text).toContain('✗ Read secret/database/backend');
    expect(text).toContain('hint: KV version 2 reads go to secret/data/database/backend');
    expect(text).toContain('1 of 2 checks failed (1.2 s)');
    await vi.waitFor(async () => {
      const entry = (await ui.store.load()).progress.challenges.approle;
      expect(entry?.attempts).toBe(1);
      expect(entry?.lastFailedChecks).toEqual(['read:database/backend']);
      expect(entry?.status).toBe('in-progress');
    });
  });

  it('a passing grade marks the challenge done and unlocks the solution without asking', async () => {
    const scripted = scriptedGrade([login, { ...readFailed, passed: true, hint: '' }]);
    const ui = await renderApp({ open, services: { grade: scripted.grade } });
    await ui.press('g');
    await ui.waitFor((frame) => frame.includes('provisioning'));
    scripted.release();
    await ui.waitFor((frame) => plainText(frame).includes('Passed: all 2 checks'));
    await ui.waitFor((frame) => frame.includes(' done'));
    await ui.press('s');
    const text = plainText(await ui.waitFor((frame) => plainText(frame).includes('print("solution")')));
    expect(text).toContain('Reference solution in python');
    expect(text).not.toContain('Reveal the reference solution before');
    const entry = (await ui.store.load()).progress.challenges.approle;
    expect(entry?.passedAt).toBeTruthy();
    expect(entry?.solutionRevealed).toBe(false);
  });

  it('the result is recorded when the report arrives, even if the learner leaves before the grader has cleaned up', async () => {
    let finishCleanup: () => void = () => undefined;
    const grade = async (options: GradeOptions): Promise<GradeReport> => {
      const report: GradeReport = {
        challenge: options.challengeId,
        passed: true,
        vault: 'binary',
        durationMs: 10,
        checks: [login],
      };
      options.onEvent?.({ type: 'check-done', check: login });
      options.onEvent?.({ type: 'finished', report });
      // The grader stops its Vault after `finished`; the learner is already gone.
      await new Promise<void>((resolve) => (finishCleanup = resolve));
      return report;
    };
    const ui = await renderApp({ open, services: { grade } });
    await ui.press('g');
    await ui.waitFor((frame) => plainText(frame).includes('Passed: all 1 checks'));
    await ui.press('q');
    expect(ui.frame()).toContain('secrets-workbook · secrets management');
    finishCleanup();
    await vi.waitFor(async () => {
      const entry = (await ui.store.load()).progress.challenges.approle;
      expect(entry?.attempts).toBe(1);
      expect(entry?.status).toBe('done');
    });
  });

  it('a grader that cannot run shows the reason, not a crash', async () => {
    const ui = await renderApp({
      open,
      services: { grade: async () => Promise.reject(new Error('the embedded provider is not available yet')) },
    });
    await ui.press('g');
    await ui.waitFor((frame) => frame.includes('Could not grade: the embedded provider is not available yet'));
  });

  it('hints unlock one at a time, nudge → concept → near-solution, and the count is recorded', async () => {
    const ui = await renderApp({ open });
    await ui.press('h');
    let text = plainText(await ui.waitFor((frame) => frame.includes('Hints 1/3')));
    expect(text).toContain('Hint 1 · Nudge');
    expect(text).not.toContain('Hint 2');
    expect(text).toContain('hint 2 (Concept)');
    await ui.press('h');
    text = plainText(await ui.waitFor((frame) => frame.includes('Hints 2/3')));
    expect(text).toContain('Hint 2 · Concept');
    expect(text).toContain('secret/data/database/backend');
    await ui.press(KEYS.enter);
    text = plainText(await ui.waitFor((frame) => frame.includes('Hints 3/3')));
    expect(text).toContain('Hint 3 · Near-solution');
    await ui.press('G');
    expect(plainText(ui.frame())).toContain('That was the last hint.');
    await ui.press('h');
    await tick(50);
    expect((await ui.store.load()).progress.challenges.approle?.hintsShown).toBe(3);
  });

  it('the solution before a pass needs a confirmation; n cancels, y reveals and records it', async () => {
    const ui = await renderApp({ open });
    await ui.press('s');
    expect(plainText(ui.frame())).toContain('Reveal the reference solution before your program passes?');
    await ui.press('n');
    expect(plainText(ui.frame())).toContain('The reference solution unlocks when your program passes');
    expect(plainText(ui.frame())).not.toContain('print("solution")');
    await ui.press('s');
    await ui.press('y');
    await ui.waitFor((frame) => plainText(frame).includes('print("solution")'));
    await vi.waitFor(async () => {
      const entry = (await ui.store.load()).progress.challenges.approle;
      expect(entry?.solutionRevealed).toBe(true);
      expect(entry?.solutionRevealedAt).toBeTruthy();
    });
  });

  it('w watches the work folder and grades again on every change', async () => {
    let onChange: (path: string) => void = () => undefined;
    const closed = vi.fn(async () => undefined);
    const grade = vi.fn(async (options: GradeOptions): Promise<GradeReport> => ({
      challenge: options.challengeId,
      passed: false,
      vault: 'binary',
      durationMs: 5,
      checks: [readFailed],
    }));
    const ui = await renderApp({
      open,
      services: {
        grade,
        watchFolder: async (_dir, callback) => {
          onChange = callback;
          return { mode: 'polling', close: closed };
        },
      },
    });
    await ui.press('w');
    await ui.waitFor((frame) =>
      plainText(frame).replace(/\s+/g, ' ').includes('watch: on (polling: file events are not available here)'),
    );
    await vi.waitFor(() => expect(grade).toHaveBeenCalledTimes(1));
    onChange('app.py');
    await vi.waitFor(() => expect(grade).toHaveBeenCalledTimes(2));
    await ui.press('w');
    await vi.waitFor(() => expect(closed).toHaveBeenCalled());
    await ui.waitFor((frame) => plainText(frame).includes('watch: off'));
  });

  it('setup steps tick against the playground like lesson steps', async () => {
    const progress = emptyProgress();
    const ui = await renderApp({ open, progress });
    await ui.press(KEYS.right);
    expect(ui.frame()).toContain('[Setup 0/4]');
    expect(plainText(ui.frame())).toContain('Enable the AppRole auth method');
  });

  it('a grade that cannot start (no Vault) ends the checklist: no spinner left, pending checks marked not checked', async () => {
    const grade = async (options: GradeOptions): Promise<GradeReport> => {
      options.onEvent?.({ type: 'status', message: 'starting a fresh Vault (docker)' });
      options.onEvent?.({ type: 'check-pending', id: 'login', title: 'Logged in with AppRole' });
      await tick(20);
      throw new Error('docker provider unavailable: pull refused (use --vault binary or --vault embedded instead)');
    };
    const ui = await renderApp({ open, services: { grade } });
    await ui.press('g');
    const text = plainText(await ui.waitFor((frame) => frame.includes('Could not grade: docker provider unavailable')));
    expect(text).toContain('– Logged in with AppRole (not checked)');
    expect(text).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    expect(text).not.toContain('starting a fresh Vault');
  });

  it('grades the folder recorded in progress (init, or the last `grade`), and says which folder it is', async () => {
    const ui = await renderApp({ open, progress: withWorkFolder('/home/me/code/my-approle', 'go') });
    expect(plainText(ui.frame()).replace(/\s+/g, ' ')).toContain(
      'Work folder: /home/me/code/my-approle (go) — g grades it',
    );
    await ui.press('g');
    await vi.waitFor(() => expect(ui.gradeCalls[0]?.dir).toBe('/home/me/code/my-approle'));
    await vi.waitFor(async () =>
      expect((await ui.store.load()).progress.challenges.approle?.workDir).toBe('/home/me/code/my-approle'),
    );
  });

  it('a work folder that does not exist is one line naming it and the two ways on, and nothing is graded', async () => {
    const ui = await renderApp({ open, services: { folderKind: async () => 'missing' } });
    await ui.press('g');
    const text = plainText(await ui.waitFor((frame) => frame.includes('does not exist yet'))).replace(/\s+/g, ' ');
    expect(text).toMatch(/Could not grade: \/\S+\/approle does not exist yet: press i to create it from a starter/);
    expect(text).toContain('secrets-workbook grade approle <folder>');
    expect(ui.gradeCalls).toEqual([]);
  });

  it('w with the real folder watcher: a save grades again, once per burst', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sw-ui-watch-'));
    await writeFile(join(dir, 'app.py'), 'print(1)\n');
    const ui = await renderApp({ open, progress: withWorkFolder(dir), services: { watchFolder, folderKind } });
    try {
      await ui.press('w');
      await ui.waitFor((frame) => plainText(frame).replace(/\s+/g, ' ').includes('watch: on (file events)'), 10_000);
      await vi.waitFor(() => expect(ui.gradeCalls).toHaveLength(1));
      await writeFile(join(dir, 'app.py'), 'print(2)\n');
      await writeFile(join(dir, 'app.py'), 'print(3)\n');
      await vi.waitFor(() => expect(ui.gradeCalls).toHaveLength(2), { timeout: 10_000 });
      await tick(600);
      expect(ui.gradeCalls).toHaveLength(2);
      await ui.press('w');
      await ui.waitFor((frame) => plainText(frame).includes('watch: off'));
      await writeFile(join(dir, 'app.py'), 'print(4)\n');
      await tick(600);
      expect(ui.gradeCalls).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
