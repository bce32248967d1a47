import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/course/lessons.js';
import { packageRoot } from '../../src/util/package-info.js';

// `npm test` builds first; the bundle in dist/ must find the shipped lessons/ and challenges/
// relative to itself, whatever folder it is started from.
describe('the course from the built bundle', () => {
  it('lists every shipped lesson and challenge when started from another folder', async () => {
    const home = await mkdtemp(join(tmpdir(), 'sw-dist-'));
    try {
      const result = await execa(process.execPath, [join(packageRoot, 'dist', 'cli.js'), 'list', '--json'], {
        cwd: home,
        env: { SECRETS_WORKBOOK_HOME: home },
        reject: false,
        stdin: 'ignore',
      });
      expect(result.exitCode, result.stderr).toBe(0);
      const listed = JSON.parse(result.stdout) as { lessons: Array<{ id: string }>; challenges: Array<{ id: string }> };
      expect(listed.lessons.map((lesson) => lesson.id)).toEqual((await loadLessons()).map((lesson) => lesson.id));
      expect(listed.challenges.length).toBeGreaterThanOrEqual(6);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
