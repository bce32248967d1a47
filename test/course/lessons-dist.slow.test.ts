import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/package-info.js';

// `npm test` builds first; the installed package runs from dist/ and must find the shipped lessons/.
const built = join(packageRoot, 'dist', 'course', 'lessons.js');

describe.skipIf(!existsSync(built))('lessons from the built package', () => {
  it('loadLessons() in dist/ finds the shipped lessons folder, whatever the working folder', async () => {
    const script = `const { loadLessons } = await import(${JSON.stringify(pathToFileURL(built).href)});
const lessons = await loadLessons();
console.log(JSON.stringify(lessons.map((lesson) => [lesson.id, lesson.file])));`;
    const result = await execa('node', ['--input-type=module', '-e', script], { cwd: tmpdir(), reject: false });
    expect(result.exitCode, result.stderr).toBe(0);
    const lessons = JSON.parse(result.stdout) as Array<[string, string]>;
    expect(lessons.length).toBeGreaterThanOrEqual(9);
    for (const [, file] of lessons) expect(file.startsWith(join(packageRoot, 'lessons'))).toBe(true);
  });
});
