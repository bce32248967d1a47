import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initChallenge } from '../../src/course/init-challenge.js';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sw-init-'));
  temps.push(dir);
  return dir;
}

describe('init', () => {
  it('copies the starter with the task as CHALLENGE.md and a .gitignore that covers .env', async () => {
    const target = join(await temp(), 'work');
    const result = await initChallenge('approle', 'go', target);
    expect(result.files).toEqual(['.gitignore', 'CHALLENGE.md', 'go.mod', 'go.sum', 'main.go']);
    expect((await readdir(target)).sort()).toEqual(result.files);
    expect(await readFile(join(target, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
    expect(await readFile(join(target, 'CHALLENGE.md'), 'utf8')).toMatch(/^# Challenge: log in with AppRole/);
  });

  it('refuses before writing anything when one file would be overwritten', async () => {
    const target = await temp();
    await writeFile(join(target, 'main.js'), '// mine\n');
    await expect(initChallenge('mini-project', 'node', target)).rejects.toThrow(
      /already has main\.js; nothing was copied/,
    );
    expect(await readdir(target)).toEqual(['main.js']);
    expect(await readFile(join(target, 'main.js'), 'utf8')).toBe('// mine\n');
  });

  it('works in a folder that has other files, and refuses a language without a starter', async () => {
    const target = await temp();
    await mkdir(join(target, 'notes'));
    await writeFile(join(target, 'notes', 'todo.txt'), 'x');
    await initChallenge('approle', 'python', target);
    expect((await readdir(target)).sort()).toEqual([
      '.gitignore',
      'CHALLENGE.md',
      'app.py',
      'notes',
      'requirements.txt',
    ]);
    await expect(initChallenge('approle', 'shell', await temp())).rejects.toThrow(
      /has no shell starter \(there are: python, node, go\)/,
    );
  });
});
