import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProgress } from '../../src/course/progress-schema.js';
import { emptyProgress, ProgressStore, type Progress } from '../../src/course/progress.js';
import {
  applyProgressEvent,
  challengeStatus,
  courseCompletion,
  lessonStatus,
  nextItem,
  recordProgress,
  type LessonShape,
} from '../../src/course/progress-rules.js';
import type { GradeReport } from '../../src/grader/report.js';
import { fixtureCourse } from '../ui/harness.js';

const quizLesson: LessonShape = {
  id: 'approle-auth',
  quiz: [
    { id: 'q1', prompt: '?', choices: [{ text: 'a' }, { text: 'b' }], answer: 0, explanation: '' },
    { id: 'q2', prompt: '?', choices: [{ text: 'a' }, { text: 'b' }], answer: 1, explanation: '' },
  ],
  steps: [],
};
const readingOnly: LessonShape = { id: 'why', quiz: [], steps: [] };
const at = (day: number) => new Date(`2026-01-0${day}T00:00:00Z`);

function apply(progress: Progress, ...events: Parameters<typeof applyProgressEvent>[1][]): Progress {
  for (const event of events) applyProgressEvent(progress, event, at(1));
  return progress;
}

describe('progress rules', () => {
  it('new → in progress on the first thing done, for lessons and challenges alike', () => {
    const progress = emptyProgress();
    expect(lessonStatus(quizLesson, progress)).toBe('new');
    apply(progress, { type: 'lesson-opened', lesson: quizLesson });
    expect(lessonStatus(quizLesson, progress)).toBe('in-progress');
    expect(progress.lessons['approle-auth']).toMatchObject({ status: 'in-progress', updatedAt: at(1).toISOString() });
    for (const event of [
      { type: 'challenge-opened', challengeId: 'a' },
      { type: 'setup-step-done', challengeId: 'b', stepId: 's' },
      { type: 'hint-shown', challengeId: 'c', available: 3 },
      { type: 'solution-revealed', challengeId: 'd' },
      { type: 'starter-created', challengeId: 'e', dir: '/w/e', language: 'go' },
    ] as const) {
      apply(progress, event);
      expect(challengeStatus({ id: event.challengeId }, progress), event.type).toBe('in-progress');
    }
    expect(progress.challenges.e).toMatchObject({ workDir: '/w/e', language: 'go' });
  });

  it('a correct quiz answer stays correct; every try counts; all right is done', () => {
    const progress = emptyProgress();
    apply(
      progress,
      { type: 'quiz-answered', lesson: quizLesson, questionId: 'q1', outcome: 'wrong' },
      { type: 'quiz-answered', lesson: quizLesson, questionId: 'q1', outcome: 'revealed' },
    );
    // A revealed answer does not count as right: the question stays open.
    expect(progress.lessons['approle-auth']!.quiz.q1).toEqual({ correct: false, attempts: 2, revealed: 1 });
    apply(
      progress,
      { type: 'quiz-answered', lesson: quizLesson, questionId: 'q1', outcome: 'right' },
      { type: 'quiz-answered', lesson: quizLesson, questionId: 'q1', outcome: 'wrong' },
    );
    expect(progress.lessons['approle-auth']!.quiz.q1).toEqual({ correct: true, attempts: 4, revealed: 1 });
    expect(lessonStatus(quizLesson, progress)).toBe('in-progress');
    apply(progress, { type: 'quiz-answered', lesson: quizLesson, questionId: 'q2', outcome: 'right' });
    expect(lessonStatus(quizLesson, progress)).toBe('done');
    expect(progress.lessons['approle-auth']!.status).toBe('done');
  });

  it('a lesson with neither quiz nor steps is done once read to the end, and stays done', () => {
    const progress = emptyProgress();
    apply(progress, { type: 'lesson-opened', lesson: readingOnly });
    apply(progress, { type: 'lesson-read', lesson: readingOnly, position: 10, atEnd: false });
    expect(lessonStatus(readingOnly, progress)).toBe('in-progress');
    apply(progress, { type: 'lesson-read', lesson: readingOnly, position: 40, atEnd: true });
    expect(lessonStatus(readingOnly, progress)).toBe('done');
    apply(progress, { type: 'lesson-read', lesson: readingOnly, position: 0, atEnd: false });
    apply(progress, { type: 'lesson-opened', lesson: readingOnly });
    expect(lessonStatus(readingOnly, progress)).toBe('done');
    expect(progress.lessons.why!.position).toBe(0);
    // Reading a lesson that has a quiz to the end does not finish it.
    apply(progress, { type: 'lesson-read', lesson: quizLesson, position: 5, atEnd: true });
    expect(lessonStatus(quizLesson, progress)).toBe('new');
  });

  it('hints count up to the number there are; a reveal is recorded once, with its time', () => {
    const progress = emptyProgress();
    for (let i = 0; i < 5; i++) apply(progress, { type: 'hint-shown', challengeId: 'x', available: 3 });
    expect(progress.challenges.x!.hintsShown).toBe(3);
    applyProgressEvent(progress, { type: 'solution-revealed', challengeId: 'x' }, at(2));
    applyProgressEvent(progress, { type: 'solution-revealed', challengeId: 'x' }, at(3));
    expect(progress.challenges.x).toMatchObject({ solutionRevealed: true, solutionRevealedAt: at(2).toISOString() });
  });

  it('grades: attempts, failed check ids, done from the first pass on, the folder graded; nothing else', async () => {
    const home = await mkdtemp(join(tmpdir(), 'sw-progress-'));
    try {
      const store = new ProgressStore(join(home, 'progress.json'));
      const failing: GradeReport = {
        challenge: 'approle',
        passed: false,
        vault: 'binary',
        durationMs: 5,
        checks: [
          { id: 'login', title: 'Logs in', passed: true, detail: 'logged in at 10:00:00', hint: '' },
          { id: 'read-password', title: 'Reads', passed: false, detail: 'it asked for x', hint: 'A KV v1 path' },
        ],
      };
      const passing = { ...failing, passed: true, checks: failing.checks.map((check) => ({ ...check, passed: true })) };
      await recordProgress(store, { type: 'graded', outcome: failing, dir: '/work/approle' }, at(1));
      expect(challengeStatus({ id: 'approle' }, (await store.load()).progress)).toBe('in-progress');
      await recordProgress(store, { type: 'graded', outcome: passing }, at(2));
      await recordProgress(store, { type: 'graded', outcome: failing }, at(3));
      const entry = (await store.load()).progress.challenges.approle!;
      expect(entry).toMatchObject({
        status: 'done',
        attempts: 3,
        passedAt: at(2).toISOString(),
        lastGradedAt: at(3).toISOString(),
        lastFailedChecks: ['read-password'],
        workDir: '/work/approle',
      });
      const text = await readFile(store.file, 'utf8');
      expect(text).not.toContain('asked for');
      expect(text).not.toContain('KV v1');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('reset erases one item of one kind, or everything', () => {
    const progress = emptyProgress();
    apply(
      progress,
      { type: 'lesson-opened', lesson: quizLesson },
      { type: 'challenge-opened', challengeId: 'approle' },
      { type: 'challenge-opened', challengeId: 'rotation' },
      { type: 'reset', kind: 'challenge', id: 'approle' },
    );
    expect(Object.keys(progress.challenges)).toEqual(['rotation']);
    expect(Object.keys(progress.lessons)).toEqual(['approle-auth']);
    const seed = progress.seed;
    apply(progress, { type: 'reset-all' });
    // Everything is erased but the learner's quiz order.
    expect(progress).toEqual({ ...emptyProgress(), seed });
  });

  it('completion and "continue" follow the statuses, lessons first', async () => {
    const course = await fixtureCourse();
    const progress = emptyProgress();
    const [first, second] = course.lessons;
    expect(nextItem(course, progress)).toEqual({ kind: 'lesson', id: first!.id });
    for (const question of first!.quiz)
      apply(progress, { type: 'quiz-answered', lesson: first!, questionId: question.id, outcome: 'right' });
    expect(courseCompletion(course, progress)).toEqual({ done: 1, total: 4 });
    expect(nextItem(course, progress)).toEqual({ kind: 'lesson', id: second!.id });
  });
});

describe('renamed lessons', () => {
  it('progress recorded under the old ids (approle, rotation) carries over to the new ones', async () => {
    const home = await mkdtemp(join(tmpdir(), 'sw-progress-'));
    try {
      const file = join(home, 'progress.json');
      const before = {
        version: 1,
        lessons: {
          approle: {
            status: 'in-progress',
            quiz: { q1: { correct: true, attempts: 2 } },
            steps: { s1: true },
            position: 7,
          },
          rotation: { status: 'done', quiz: {}, steps: {}, position: 3 },
        },
        challenges: { approle: { status: 'done', attempts: 4, passedAt: '2026-01-01T00:00:00Z' } },
      };
      await writeFile(file, JSON.stringify(before));
      const { progress, notice } = await new ProgressStore(file).load();
      expect(notice).toBeUndefined();
      expect(Object.keys(progress.lessons).sort()).toEqual(['approle-auth', 'secret-rotation']);
      expect(progress.lessons['approle-auth']).toMatchObject({
        quiz: { q1: { correct: true, attempts: 2 } },
        position: 7,
      });
      expect(progress.lessons['secret-rotation']!.status).toBe('done');
      expect(progress.challenges.approle).toMatchObject({ status: 'done', attempts: 4 });
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('when both ids were recorded (an older version ran in between), every right answer, step and try is kept', () => {
    const text = JSON.stringify({
      version: 1,
      lessons: {
        'approle-auth': {
          status: 'in-progress',
          quiz: { q1: { correct: false, attempts: 1 }, q2: { correct: true, attempts: 1 } },
          steps: { s1: true },
          position: 2,
          updatedAt: '2026-01-02T00:00:00Z',
        },
        approle: {
          status: 'in-progress',
          quiz: { q1: { correct: true, attempts: 2 } },
          steps: { s2: true },
          position: 9,
          updatedAt: '2026-01-01T00:00:00Z',
        },
      },
    });
    const checked = checkProgress(text);
    if (!checked.ok) throw new Error(checked.why);
    expect(checked.progress.lessons.approle).toBeUndefined();
    expect(checked.progress.lessons['approle-auth']).toEqual({
      status: 'in-progress',
      quiz: { q1: { correct: true, attempts: 3 }, q2: { correct: true, attempts: 1 } },
      steps: { s1: true, s2: true },
      position: 2,
      updatedAt: '2026-01-02T00:00:00Z',
    });
  });
});
