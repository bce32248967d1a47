import type { ChallengeSummary, Lesson } from './model.js';
import { UserError } from '../util/errors.js';

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
  // One id names one thing: `start <id>`, `reset <id>` and deep links look ids up across both kinds.
  const lessonIds = new Set(lessons.map((lesson) => lesson.id));
  const shared = challenges.find((challenge) => lessonIds.has(challenge.id));
  if (shared)
    throw new UserError(
      `the lesson and the challenge "${shared.id}" share an id: ids must be unique across the course`,
    );
  return {
    lessons: [...lessons].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)),
    challenges: [...challenges].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)),
  };
}

/** Find a lesson or challenge by id (for `start <id>`, `reset <id>`); ids are unique across both. */
export function findItem(
  course: Course,
  id: string,
): { kind: 'lesson'; item: Lesson } | { kind: 'challenge'; item: ChallengeSummary } | undefined {
  const lesson = course.lessons.find((item) => item.id === id);
  if (lesson) return { kind: 'lesson', item: lesson };
  const challenge = course.challenges.find((item) => item.id === id);
  return challenge ? { kind: 'challenge', item: challenge } : undefined;
}
