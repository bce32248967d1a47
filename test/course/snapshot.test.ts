import { cpSync, mkdtempSync, utimesSync, writeFileSync, appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/course.js';
import { liveCourseLoaders } from '../../src/course/loaders.js';
import { courseFingerprint, readSnapshot, snapshotText } from '../../src/course/snapshot.js';
import { FIXTURE_COURSE } from '../ui/harness.js';

async function packageWithSnapshot() {
  const root = mkdtempSync(join(tmpdir(), 'sw-snapshot-'));
  cpSync(FIXTURE_COURSE, root, { recursive: true });
  mkdirSync(join(root, 'dist'));
  const dirs = { lessons: join(root, 'lessons'), challenges: join(root, 'challenges') };
  const course = await loadCourse(liveCourseLoaders(dirs));
  const file = join(root, 'dist', 'course.json');
  writeFileSync(file, snapshotText(course, await courseFingerprint(dirs), root));
  return { root, dirs, course, file };
}

describe('course snapshot', () => {
  it('gives back the course as loaded live, with paths resolved where the package now is', async () => {
    const { root, dirs, course, file } = await packageWithSnapshot();
    const moved = mkdtempSync(join(tmpdir(), 'sw-snapshot-moved-'));
    cpSync(root, moved, { recursive: true, preserveTimestamps: true });
    const movedDirs = { lessons: join(moved, 'lessons'), challenges: join(moved, 'challenges') };
    expect(await readSnapshot(file, dirs, root)).toEqual(course);
    const fromMoved = await readSnapshot(join(moved, 'dist', 'course.json'), movedDirs, moved);
    expect(fromMoved?.lessons[0]?.file).toBe(join(moved, 'lessons', '01-why-secrets.md'));
    expect(fromMoved?.challenges[0]?.dir).toBe(join(moved, 'challenges', 'approle'));
  });

  it('is ignored as soon as a lesson or challenge file changes, or a language is added', async () => {
    const edits: Array<(root: string) => void> = [
      (root) => appendFileSync(join(root, 'lessons', '03-logs.md'), '\nOne more line.\n'),
      (root) => appendFileSync(join(root, 'challenges', 'approle', 'challenge.yaml'), '# edited\n'),
      (root) => mkdirSync(join(root, 'challenges', 'approle', 'starter', 'go')),
      (root) => writeFileSync(join(root, 'lessons', '04-new.md'), '---\nid: new\n---\n'),
    ];
    for (const edit of edits) {
      const { root, dirs, file } = await packageWithSnapshot();
      edit(root);
      expect(await readSnapshot(file, dirs, root)).toBeUndefined();
    }
  });

  it('survives npm resetting every file time on install', async () => {
    const { root, dirs, course, file } = await packageWithSnapshot();
    utimesSync(
      join(root, 'lessons', '01-why-secrets.md'),
      new Date('1985-10-26T08:15:00Z'),
      new Date('1985-10-26T08:15:00Z'),
    );
    expect(await readSnapshot(file, dirs, root)).toEqual(course);
  });

  it('a missing or unreadable snapshot means: load live', async () => {
    const { root, dirs, file } = await packageWithSnapshot();
    expect(await readSnapshot(join(root, 'dist', 'none.json'), dirs, root)).toBeUndefined();
    writeFileSync(file, '{');
    expect(await readSnapshot(file, dirs, root)).toBeUndefined();
  });
});
