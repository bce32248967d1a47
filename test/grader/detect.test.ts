import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { detectCommand } from '../../src/grader/program/detect.js';
import { programDir } from './helpers.js';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function detect(files: Record<string, string>, cmd?: string) {
  const dir = await programDir(files);
  temps.push(dir);
  return detectCommand(dir, { cmd, buildDir: '/tmp/build here' });
}

describe('command detection', () => {
  it('prefers --cmd, then a start script, app.py/main.py, main.go (built first), app.sh, main.js', async () => {
    expect(await detect({ 'app.py': '' }, 'ruby app.rb')).toEqual({
      command: 'ruby app.rb',
      description: '--cmd: ruby app.rb',
    });
    expect(await detect({ 'package.json': '{"scripts":{"start":"node server.js"}}', 'app.py': '' })).toMatchObject({
      command: 'node server.js',
      description: 'package.json start script: node server.js',
    });
    expect((await detect({ 'main.py': '' }))?.command).toMatch(/^python3? main\.py$/);
    expect(await detect({ 'main.go': '', 'go.mod': '' })).toEqual({
      command: "'/tmp/build here/program'",
      description: 'main.go: go build, then run the program',
      build: {
        command: "go build -o '/tmp/build here/program' .",
        description: 'go build .',
        output: '/tmp/build here/program',
        toolchain: 'go',
      },
    });
    expect((await detect({ 'app.sh': '' }))?.command).toBe('sh app.sh');
    expect((await detect({ 'main.js': '', 'package.json': '{"name":"x"}' }))?.command).toBe('node main.js');
    expect(await detect({ 'README.md': '' })).toBeUndefined();
  });
});

describe('build cache', () => {
  it('gives a Go program its own cached build folder, skipped when nothing changed', async () => {
    const { buildDirFor, sourceFingerprint } = await import('../../src/grader/program/build-cache.js');
    const { writeFile, utimes } = await import('node:fs/promises');
    const { join } = await import('node:path');
    expect(buildDirFor('/a', { SECRETS_WORKBOOK_HOME: '/h' })).toMatch(/^\/h\/cache\/builds\/[0-9a-f]{16}$/);
    expect(buildDirFor('/a', { SECRETS_WORKBOOK_HOME: '/h' })).not.toBe(
      buildDirFor('/b', { SECRETS_WORKBOOK_HOME: '/h' }),
    );
    const dir = await programDir({ 'main.go': 'package main\n', 'go.mod': 'module x\n', 'node_modules/x.js': '' });
    temps.push(dir);
    const first = await sourceFingerprint(dir, undefined, {});
    expect(await sourceFingerprint(dir, undefined, {})).toBe(first);
    expect(await sourceFingerprint(dir, undefined, { GOFLAGS: '-race' })).not.toBe(first);
    await writeFile(join(dir, 'node_modules', 'x.js'), 'changed');
    expect(await sourceFingerprint(dir, undefined, {})).toBe(first);
    await writeFile(join(dir, 'main.go'), 'package main\n');
    await utimes(join(dir, 'main.go'), new Date(), new Date(Date.now() + 5_000));
    expect(await sourceFingerprint(dir, undefined, {})).not.toBe(first);
  });
});
