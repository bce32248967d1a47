// Run by scripts/build.mjs (bundled to a temporary file): validate the shipped course with the
// real loaders and write dist/course.json (see src/course/snapshot.ts).
// Usage: node <bundle> <package root>
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCourse } from '../src/course/course.js';
import { liveCourseLoaders } from '../src/course/loaders.js';
import { courseFingerprint, snapshotText } from '../src/course/snapshot.js';

const root = process.argv[2];
if (!root) throw new Error('usage: write-course-snapshot <package root>');
const dirs = { lessons: join(root, 'lessons'), challenges: join(root, 'challenges') };
const course = await loadCourse(liveCourseLoaders(dirs));
await writeFile(join(root, 'dist', 'course.json'), snapshotText(course, await courseFingerprint(dirs), root));
console.log(`dist/course.json: ${course.lessons.length} lessons, ${course.challenges.length} challenges`);
