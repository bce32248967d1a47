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

describe('go build environment', () => {
  it("replaces the user's Go settings that would reach the network, another toolchain, cgo or a shared cache", async () => {
    const { goBuildEnvironment, goCachesRoot } = await import('../../src/grader/program/go-toolchain.js');
    const user = {
      PATH: '/usr/bin',
      HOME: '/home/u',
      GOFLAGS: '-mod=mod',
      GOPROXY: 'https://proxy.golang.org',
      GOTOOLCHAIN: 'auto',
      GOCACHE: '/home/u/.cache/go-build',
      CGO_ENABLED: '1',
      GOWORK: '/class/go.work',
      VAULT_TOKEN: 'hvs.root',
    };
    const env = goBuildEnvironment({ moduleCache: '/home/u/go/pkg/mod' }, '/tmp/grade/go-cache', user);
    expect(env).toMatchObject({
      PATH: '/usr/bin',
      GOFLAGS: '-mod=readonly -buildvcs=false',
      GOPROXY: 'off',
      GOTOOLCHAIN: 'local',
      GOCACHE: '/tmp/grade/go-cache',
      GOMODCACHE: '/home/u/go/pkg/mod',
      CGO_ENABLED: '0',
      GOWORK: 'off',
      GOENV: 'off',
    });
    expect(env.VAULT_TOKEN).toBeUndefined();
    expect(goCachesRoot()).toMatch(/secrets-workbook[/\\]go-base$/);
  });
});
