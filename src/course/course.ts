import type { ChallengeSummary, ItemStatus, Lesson } from './model.js';
import { challengeEntry, lessonEntry, type Progress } from './progress.js';

/** The whole course as the UI and `list` see it: lessons and challenges, each in course order. */
export interface Course {
  lessons: Lesson[];
  challenges: ChallengeSummary[];
}

/**
 * Where lessons and challenges come from. The UI and the commands depend only on this, so the
 * real loaders (lessons helper: `loadLessons`, grader helper: the challenge loader) plug in
 * without changes here; see `defaultCourseLoaders` in loaders.ts.
 */
export interface CourseLoaders {
  loadLessons: () => Promise<Lesson[]>;
  loadChallenges: () => Promise<ChallengeSummary[]>;
}

export async function loadCourse(loaders: CourseLoaders): Promise<Course> {
  const [lessons, challenges] = await Promise.all([loaders.loadLessons(), loaders.loadChallenges()]);
  return {
    lessons: [...lessons].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)),
    challenges: [...challenges].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)),
  };
}

/** Done when every quiz question was answered right and every hands-on step ticked. */
export function lessonStatus(lesson: Lesson, progress: Progress): ItemStatus {
  const entry = progress.lessons[lesson.id];
  if (!entry) return 'new';
  const quizDone = lesson.quiz.every((question) => entry.quiz[question.id]?.correct === true);
  const stepsDone = lesson.steps.every((step) => entry.steps[step.id] === true);
  if (quizDone && stepsDone && (lesson.quiz.length > 0 || lesson.steps.length > 0 || entry.status === 'done'))
    return 'done';
  return entry.status === 'new' && Object.keys(entry.quiz).length === 0 && Object.keys(entry.steps).length === 0
    ? 'new'
    : 'in-progress';
}

/** Done once a grade passed (a later failing grade does not take that away). */
export function challengeStatus(challenge: ChallengeSummary, progress: Progress): ItemStatus {
  const entry = progress.challenges[challenge.id];
  if (!entry) return 'new';
  if (entry.passedAt || entry.status === 'done') return 'done';
  return entry.status;
}

export interface Completion {
  done: number;
  total: number;
}

export function courseCompletion(course: Course, progress: Progress): Completion {
  const statuses = [
    ...course.lessons.map((lesson) => lessonStatus(lesson, progress)),
    ...course.challenges.map((challenge) => challengeStatus(challenge, progress)),
  ];
  return { done: statuses.filter((status) => status === 'done').length, total: statuses.length };
}

/** The first lesson or challenge that is not done: what "continue" opens. */
export function nextItem(course: Course, progress: Progress): { kind: 'lesson' | 'challenge'; id: string } | undefined {
  const lesson = course.lessons.find((item) => lessonStatus(item, progress) !== 'done');
  if (lesson) return { kind: 'lesson', id: lesson.id };
  const challenge = course.challenges.find((item) => challengeStatus(item, progress) !== 'done');
  return challenge ? { kind: 'challenge', id: challenge.id } : undefined;
}

/** Mark a lesson opened; keeps the stored status in step with `lessonStatus`. */
export function touchLesson(progress: Progress, lesson: Lesson): void {
  const entry = lessonEntry(progress, lesson.id);
  entry.updatedAt = new Date().toISOString();
  if (entry.status === 'new') entry.status = 'in-progress';
  syncLessonStatus(progress, lesson);
}

export function syncLessonStatus(progress: Progress, lesson: Lesson): void {
  const entry = lessonEntry(progress, lesson.id);
  const status = lessonStatus(lesson, progress);
  entry.status = status === 'new' ? 'in-progress' : status;
}

export function touchChallenge(progress: Progress, challenge: ChallengeSummary): void {
  const entry = challengeEntry(progress, challenge.id);
  if (entry.status === 'new') entry.status = 'in-progress';
}

/** Find a lesson or challenge by id (for `reset <id>`, deep links). */
export function findItem(
  course: Course,
  id: string,
): { kind: 'lesson'; item: Lesson } | { kind: 'challenge'; item: ChallengeSummary } | undefined {
  const lesson = course.lessons.find((item) => item.id === id);
  if (lesson) return { kind: 'lesson', item: lesson };
  const challenge = course.challenges.find((item) => item.id === id);
  return challenge ? { kind: 'challenge', item: challenge } : undefined;
}
