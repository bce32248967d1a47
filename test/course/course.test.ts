import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findItem, loadCourse } from '../../src/course/course.js';
import { courseDirs, defaultCourseLoaders } from '../../src/course/loaders.js';
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
    expect(course.lessons.map((item) => item.id)).toEqual(['why-secrets', 'approle-auth', 'logs']);
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

  it('one id names one thing: a lesson and a challenge may not share an id', async () => {
    const lesson = (id: string): Lesson => ({
      id,
      title: id,
      order: 1,
      minutes: 1,
      markdown: '',
      quiz: [],
      steps: [],
      file: '',
    });
    const course = await fixtureCourse();
    await expect(
      loadCourse({ loadLessons: async () => [lesson('approle')], loadChallenges: async () => course.challenges }),
    ).rejects.toThrow('the lesson and the challenge "approle" share an id: ids must be unique across the course');
    expect(findItem(course, 'approle')?.kind).toBe('challenge');
    expect(findItem(course, 'approle-auth')?.kind).toBe('lesson');
    expect(findItem(course, 'nope')).toBeUndefined();
  });

  it('the shipped course has no id used twice', async () => {
    const course = await loadCourse(defaultCourseLoaders());
    const ids = [...course.lessons, ...course.challenges].map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(findItem(course, 'approle')?.kind).toBe('challenge');
    expect(findItem(course, 'rotation')?.kind).toBe('challenge');
  });
});
