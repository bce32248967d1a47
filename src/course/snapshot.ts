import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Course } from './course.js';

/**
 * A pre-parsed copy of the shipped course, written by `npm run build` (dist/course.json) after
 * the real loaders have validated every lesson and challenge. Parsing the lessons' YAML front
 * matter costs ~60–120 ms at every start; reading this JSON costs ~1 ms. It is used only when
 * its fingerprint (the course files' names and contents) still matches, so
 * an edited lesson is never shadowed by a stale snapshot.
 */
export const SNAPSHOT_VERSION = 2;

interface Snapshot {
  version: number;
  fingerprint: string;
  course: Course;
}

export interface SnapshotDirs {
  lessons: string;
  challenges: string;
}

export async function courseFingerprint(dirs: SnapshotDirs): Promise<string> {
  // Contents, not modification times: npm sets every file's time to a fixed date on install.
  // Every file is read at once (this runs while the UI's modules load); the parts are hashed in
  // a fixed order.
  const file = async (name: string, path: string) => {
    const content = await readFile(path).catch(() => undefined);
    return `${name}\0${content ? createHash('sha256').update(content).digest('hex') : 'missing'}\n`;
  };
  // Code-unit order, not localeCompare: the same in every locale, and the first localeCompare
  // call loads ICU's collation data (15–25 ms before the first frame).
  const list = async (dir: string) =>
    (await readdir(dir, { withFileTypes: true }).catch(() => [])).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  const listing = async (name: string, dir: string) =>
    `${name}:${(await list(dir)).map((item) => item.name).join(',')}\n`;
  const [lessons, challenges] = await Promise.all([list(dirs.lessons), list(dirs.challenges)]);
  const parts = await Promise.all([
    ...lessons
      .filter((entry) => entry.isFile())
      .map((entry) => file(`lessons/${entry.name}`, join(dirs.lessons, entry.name))),
    ...challenges
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        const dir = join(dirs.challenges, entry.name);
        return [
          file(`challenges/${entry.name}/challenge.yaml`, join(dir, 'challenge.yaml')),
          ...['starter', 'solutions'].map((kind) => listing(`challenges/${entry.name}/${kind}`, join(dir, kind))),
        ];
      }),
  ]);
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/** Paths relative to `root`, so the snapshot works wherever the package is installed. */
export function snapshotText(course: Course, fingerprint: string, root: string): string {
  const relativeCourse: Course = {
    lessons: course.lessons.map((lesson) => ({ ...lesson, file: relative(root, lesson.file) })),
    challenges: course.challenges.map((challenge) => ({ ...challenge, dir: relative(root, challenge.dir) })),
  };
  return JSON.stringify({ version: SNAPSHOT_VERSION, fingerprint, course: relativeCourse } satisfies Snapshot);
}

/** The snapshot's course when it matches the files on disk, else undefined (load them live). */
export async function readSnapshot(file: string, dirs: SnapshotDirs, root: string): Promise<Course | undefined> {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(await readFile(file, 'utf8')) as Snapshot;
  } catch {
    return undefined;
  }
  if (snapshot.version !== SNAPSHOT_VERSION || snapshot.fingerprint !== (await courseFingerprint(dirs)))
    return undefined;
  return {
    lessons: snapshot.course.lessons.map((lesson) => ({ ...lesson, file: resolve(root, lesson.file) })),
    challenges: snapshot.course.challenges.map((challenge) => ({ ...challenge, dir: resolve(root, challenge.dir) })),
  };
}
