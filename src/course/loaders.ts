import { join } from 'node:path';
import { challengesDir, lessonsDir, packageRoot } from '../util/package-info.js';
import type { Course, CourseLoaders } from './course.js';
import { readSnapshot } from './snapshot.js';

/**
 * Where the course comes from. `liveCourseLoaders` is the one place the real loaders plug in;
 * they are imported lazily, so a start that can use the build's snapshot never loads the YAML
 * parser or the schemas.
 */
export interface CourseDirs {
  lessons: string;
  challenges: string;
}

/**
 * The shipped lessons/ and challenges/, or `$SECRETS_WORKBOOK_COURSE_DIR/{lessons,challenges}`
 * (course authors previewing a course; tests and benches use fixture courses this way).
 */
export function courseDirs(env: NodeJS.ProcessEnv = process.env): CourseDirs {
  const root = env.SECRETS_WORKBOOK_COURSE_DIR;
  return root
    ? { lessons: join(root, 'lessons'), challenges: join(root, 'challenges') }
    : { lessons: lessonsDir, challenges: challengesDir };
}

export function liveCourseLoaders(dirs: CourseDirs = courseDirs()): CourseLoaders {
  return {
    loadLessons: async () => (await import('./lessons.js')).loadLessons(dirs.lessons),
    loadChallenges: async () => (await import('./challenges.js')).loadChallengeSummaries(dirs.challenges),
  };
}

/**
 * The live loaders, behind the build's snapshot of the shipped course (snapshot.ts) when there
 * is one and it matches the files: a course folder given with SECRETS_WORKBOOK_COURSE_DIR, or
 * an edited lesson, is always read live.
 */
export function defaultCourseLoaders(dirs: CourseDirs = courseDirs()): CourseLoaders {
  const live = liveCourseLoaders(dirs);
  const shipped = dirs.lessons === lessonsDir && dirs.challenges === challengesDir;
  let snapshot: Promise<Course | undefined> | undefined;
  const fromSnapshot = () =>
    (snapshot ??= shipped
      ? readSnapshot(join(packageRoot, 'dist', 'course.json'), dirs, packageRoot)
      : Promise.resolve(undefined));
  return {
    loadLessons: async () => (await fromSnapshot())?.lessons ?? live.loadLessons(),
    loadChallenges: async () => (await fromSnapshot())?.challenges ?? live.loadChallenges(),
  };
}
