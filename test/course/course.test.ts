import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  challengeStatus,
  courseCompletion,
  findItem,
  lessonStatus,
  loadCourse,
  nextItem,
  touchLesson,
} from '../../src/course/course.js';
import { courseDirs } from '../../src/course/loaders.js';
import { emptyProgress } from '../../src/course/progress.js';
import type { Lesson } from '../../src/course/model.js';
import { FIXTURE_COURSE, fixtureCourse } from '../ui/harness.js';

describe('course', () => {
  it('loads lessons and challenges in course order through the given loaders', async () => {
    const lesson = (id: string, order: number): Lesson => ({
      id,
      title: id,
      order,
      minutes: 1,
      markdown: '',
      quiz: [],
      steps: [],
      file: '',
    });
    const course = await loadCourse({
      loadLessons: async () => [lesson('b', 2), lesson('a', 1), lesson('c', 2)],
      loadChallenges: async () => [],
    });
    expect(course.lessons.map((item) => item.id)).toEqual(['a', 'b', 'c']);
  });

  it('the loaders read front matter, quiz, steps, hints, starters and solutions', async () => {
    const course = await fixtureCourse();
    expect(course.lessons.map((item) => item.id)).toEqual(['why-secrets', 'approle', 'logs']);
    const approle = course.lessons[1]!;
    expect(approle.steps[0]?.check).toEqual({ type: 'auth-enabled', path: 'approle', method: 'approle' });
    expect(approle.quiz[0]?.answer).toBe(1);
    expect(approle.markdown.startsWith('# Authenticating')).toBe(true);
    const challenge = course.challenges[0]!;
    expect(challenge.starters).toEqual(['python', 'node']);
    expect(challenge.solutions).toEqual(['python']);
    expect(challenge.hints.map((hint) => hint.level)).toEqual(['nudge', 'concept', 'near-solution']);
    expect(challenge.dir).toBe(join(FIXTURE_COURSE, 'challenges', 'approle'));
  });

  it('SECRETS_WORKBOOK_COURSE_DIR points the loaders at another course folder', () => {
    expect(courseDirs({ SECRETS_WORKBOOK_COURSE_DIR: '/c' })).toEqual({
      lessons: '/c/lessons',
      challenges: '/c/challenges',
    });
    expect(courseDirs({}).lessons).toMatch(/lessons\/?$/);
  });

  it('statuses: new until opened, in progress, done when quiz right and steps ticked', async () => {
    const course = await fixtureCourse();
    const progress = emptyProgress();
    const approle = course.lessons[1]!;
    expect(lessonStatus(approle, progress)).toBe('new');
    touchLesson(progress, approle);
    expect(lessonStatus(approle, progress)).toBe('in-progress');
    progress.lessons.approle!.quiz['two-halves'] = { correct: true, attempts: 1 };
    expect(lessonStatus(approle, progress)).toBe('in-progress');
    progress.lessons.approle!.steps = { 'enable-approle': true, 'store-password': true };
    expect(lessonStatus(approle, progress)).toBe('done');
    expect(courseCompletion(course, progress)).toEqual({ done: 1, total: 4 });
    expect(nextItem(course, progress)).toEqual({ kind: 'lesson', id: 'why-secrets' });
    const challenge = course.challenges[0]!;
    expect(challengeStatus(challenge, progress)).toBe('new');
    progress.challenges.approle = {
      status: 'in-progress',
      attempts: 2,
      lastFailedChecks: [],
      hintsShown: 0,
      solutionRevealed: false,
      setup: {},
      passedAt: '2026-01-01T00:00:00Z',
    };
    expect(challengeStatus(challenge, progress)).toBe('done');
    expect(findItem(course, 'approle')?.kind).toBe('lesson');
    expect(findItem(course, 'nope')).toBeUndefined();
  });
});
