import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { challengesDir, lessonsDir, packageRoot } from '../util/package-info.js';
import type { Course, CourseLoaders } from './course.js';
import { readSnapshot } from './snapshot.js';
import type { ChallengeSummary, HandsOnStep, Hint, Language, Lesson, QuizQuestion } from './model.js';

/**
 * STAND-IN loaders, so the UI runs before the real ones land. At merge, replace the bodies of
 * `defaultCourseLoaders` with the real `loadLessons(dir)` (lessons helper) and challenge loader
 * (grader helper); nothing else in the UI changes. They read only the fields the UI needs and
 * validate little: the real loaders own the schemas.
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
  return root ? { lessons: join(root, 'lessons'), challenges: join(root, 'challenges') } : { lessons: lessonsDir, challenges: challengesDir };
}

export function liveCourseLoaders(dirs: CourseDirs = courseDirs()): CourseLoaders {
  return {
    loadLessons: () => loadLessonsFrom(dirs.lessons),
    loadChallenges: () => loadChallengesFrom(dirs.challenges),
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
  const fromSnapshot = () => (snapshot ??= shipped ? readSnapshot(join(packageRoot, 'dist', 'course.json'), dirs, packageRoot) : Promise.resolve(undefined));
  return {
    loadLessons: async () => (await fromSnapshot())?.lessons ?? live.loadLessons(),
    loadChallenges: async () => (await fromSnapshot())?.challenges ?? live.loadChallenges(),
  };
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export async function loadLessonsFrom(dir: string): Promise<Lesson[]> {
  const names = (await listDir(dir)).filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md');
  return Promise.all(
    names.map(async (name) => {
      const file = join(dir, name);
      const text = await readFile(file, 'utf8');
      const match = FRONT_MATTER.exec(text);
      const meta = (match ? parseYaml(match[1] ?? '') : {}) as Record<string, unknown>;
      return {
        id: String(meta.id ?? name.replace(/\.md$/, '')),
        title: String(meta.title ?? name),
        order: Number(meta.order ?? 0),
        minutes: Number(meta.minutes ?? 0),
        markdown: match ? text.slice(match[0].length) : text,
        quiz: (meta.quiz as QuizQuestion[] | undefined) ?? [],
        steps: (meta.steps as HandsOnStep[] | undefined) ?? [],
        file,
      } satisfies Lesson;
    }),
  );
}

export async function loadChallengesFrom(dir: string): Promise<ChallengeSummary[]> {
  const entries = await listDir(dir, true);
  const challenges: ChallengeSummary[] = [];
  for (const id of entries) {
    const challengeDir = join(dir, id);
    let meta: Record<string, unknown>;
    try {
      meta = (parseYaml(await readFile(join(challengeDir, 'challenge.yaml'), 'utf8')) ?? {}) as Record<string, unknown>;
    } catch {
      continue;
    }
    challenges.push({
      id: String(meta.id ?? id),
      title: String(meta.title ?? id),
      order: Number(meta.order ?? 0),
      summary: String(meta.summary ?? ''),
      dir: challengeDir,
      starters: byCourseOrder(await listDir(join(challengeDir, 'starter'), true)),
      solutions: byCourseOrder(await listDir(join(challengeDir, 'solutions'), true)),
      hints: (meta.hints as Hint[] | undefined) ?? [],
      setup: (meta.setup as HandsOnStep[] | undefined) ?? [],
    });
  }
  return challenges;
}

const LANGUAGES: readonly Language[] = ['python', 'node', 'go', 'shell'];

/** Languages in the order the real challenge loader gives them (python, node, go, shell). */
function byCourseOrder(names: string[]): Language[] {
  return LANGUAGES.filter((language) => names.includes(language));
}

async function listDir(dir: string, directoriesOnly = false): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => (directoriesOnly ? entry.isDirectory() : entry.isFile())).map((entry) => entry.name).sort();
  } catch {
    return [];
  }
}
