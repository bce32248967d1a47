import { mkdtempSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { challengeProgress, checkProgress, lessonProgress } from '../../src/course/progress-schema.js';
import {
  defaultProgressFile,
  challengeEntry,
  emptyProgress,
  freshChallengeProgress,
  freshLessonProgress,
  lessonEntry,
  PROGRESS_VERSION,
  ProgressStore,
} from '../../src/course/progress.js';

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'sw-progress-'));
  return { dir, store: new ProgressStore(join(dir, 'progress.json')) };
}

describe('progress store', () => {
  it('starts empty when there is no file, and lives in SECRETS_WORKBOOK_HOME when set', async () => {
    const { store: s } = store();
    // A fresh progress carries a new learner's quiz seed.
    expect(await s.load()).toEqual({ progress: { ...emptyProgress(), seed: expect.any(Number) } });
    expect(defaultProgressFile({ SECRETS_WORKBOOK_HOME: '/h' })).toBe('/h/progress.json');
    expect(defaultProgressFile({})).toMatch(/secrets-workbook[/\\]progress\.json$/);
  });

  it("a new entry is the schema's defaults, without loading the schema (the first frame does not)", () => {
    expect(freshLessonProgress()).toEqual(lessonProgress.parse({}));
    expect(freshChallengeProgress()).toEqual(challengeProgress.parse({}));
    const progress = emptyProgress();
    lessonEntry(progress, 'a').position = 3;
    challengeEntry(progress, 'b').attempts = 2;
    // Each entry is its own object: changing one leaves the next fresh one untouched.
    expect(lessonEntry(progress, 'c')).toEqual(lessonProgress.parse({}));
    expect(challengeEntry(progress, 'd')).toEqual(challengeProgress.parse({}));
  });

  it("keeps the learner's quiz seed: a file without one gets one on its next save, then keeps it", async () => {
    const { store: s } = store();
    writeFileSync(s.file, JSON.stringify({ version: 1, lessons: {}, challenges: {} }));
    expect((await s.load()).progress.seed).toBeUndefined();
    const saved = await s.update(() => undefined);
    expect(saved.seed).toEqual(expect.any(Number));
    await s.update(() => undefined);
    expect((await s.load()).progress.seed).toBe(saved.seed);
  });

  it('writes atomically (no partial file, no temp files left, readable by the owner only)', async () => {
    const { dir, store: s } = store();
    const writes = Array.from({ length: 20 }, (_, index) => {
      const progress = emptyProgress();
      lessonEntry(progress, `lesson-${index}`).position = index;
      return s.save(progress);
    });
    await Promise.all(writes);
    const text = readFileSync(s.file, 'utf8');
    expect(checkProgress(text).ok).toBe(true);
    expect(readdirSync(dir)).toEqual(['progress.json']);
    expect(statSync(s.file).mode & 0o777).toBe(0o600);
  });

  it('keeps a corrupt file aside as a backup, says so in one line, and starts fresh', async () => {
    const { dir, store: s } = store();
    writeFileSync(s.file, '{"version": 1, "lessons": {', 'utf8');
    const { progress, notice } = await s.load();
    expect(progress).toEqual({ ...emptyProgress(), seed: expect.any(Number) });
    expect(notice).toMatch(
      /^Your progress file is not valid JSON; it was kept as .*progress\.json\..*\.bak and a fresh one was started\.$/,
    );
    const backups = readdirSync(dir).filter((name) => name.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe('{"version": 1, "lessons": {');
  });

  it('keeps a file from a newer version aside, never dropping it', async () => {
    const { dir, store: s } = store();
    const future = JSON.stringify({ version: PROGRESS_VERSION + 1, lessons: { a: { fancy: true } } });
    writeFileSync(s.file, future);
    const { notice } = await s.load();
    expect(notice).toContain(`was written by a newer secrets-workbook (format ${PROGRESS_VERSION + 1})`);
    const backup = readdirSync(dir).find((name) => name.endsWith('.bak'))!;
    expect(readFileSync(join(dir, backup), 'utf8')).toBe(future);
  });

  it('a file of the wrong shape is kept aside too', async () => {
    const { store: s } = store();
    writeFileSync(s.file, JSON.stringify({ version: 1, lessons: { a: { status: 'finished' } } }));
    expect((await s.load()).notice).toContain('has an unexpected shape');
  });

  it('concurrent updates all land (queued load → change → save)', async () => {
    const { store: s } = store();
    await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        s.update((progress) => {
          lessonEntry(progress, 'a').quiz[`q${index}`] = { correct: true, attempts: 1 };
        }),
      ),
    );
    expect(Object.keys((await s.load()).progress.lessons.a!.quiz)).toHaveLength(25);
  });

  it('settled() waits for every queued update, including ones queued while waiting', async () => {
    const { store: s } = store();
    let written = 0;
    void s.update(() => void written++);
    void s.update(() => {
      written++;
      void s.update(() => void written++);
    });
    await s.settled();
    expect(written).toBe(3);
    expect(Object.keys((await s.load()).progress.lessons)).toEqual([]);
  });

  it('a corrupt file met inside an update is reported through takeNotices', async () => {
    const { store: s } = store();
    writeFileSync(s.file, 'not json');
    await s.update((progress) => void lessonEntry(progress, 'a'));
    expect(s.takeNotices()).toEqual([expect.stringContaining('is not valid JSON')]);
    expect(s.takeNotices()).toEqual([]);
    expect((await s.load()).progress.lessons.a).toBeDefined();
  });

  it('holds no secret: unknown fields (a token smuggled in) are dropped on load and save', async () => {
    const { store: s } = store();
    const progress = emptyProgress() as unknown as Record<string, unknown>;
    (progress as { lessons: Record<string, unknown> }).lessons.a = { status: 'done', token: 'hvs.SECRET' };
    progress.rootToken = 'hvs.SECRET';
    writeFileSync(s.file, JSON.stringify(progress));
    const loaded = await s.load();
    await s.save(loaded.progress);
    expect(readFileSync(s.file, 'utf8')).not.toContain('SECRET');
  });

  it('an unreadable file is a one-line error, not a crash', async () => {
    const { store: s } = store();
    const folder = new ProgressStore(join(s.file, '..'));
    await expect(folder.load()).rejects.toThrow(/could not read your progress file .* \(EISDIR\)/);
  });

  it('replace swaps the whole progress (import, reset --all)', async () => {
    const { store: s } = store();
    await s.update((progress) => void lessonEntry(progress, 'old'));
    const incoming = emptyProgress();
    lessonEntry(incoming, 'new').status = 'done';
    await s.replace(incoming);
    const { progress } = await s.load();
    expect(Object.keys(progress.lessons)).toEqual(['new']);
  });
});
