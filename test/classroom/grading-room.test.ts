import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readlink, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { classFolders, openGradingRoom, requireSandbox } from '../../src/classroom/grading-room.js';

const sandbox = vi.hoisted(() => ({ available: true }));
vi.mock('../../src/grader/program/sandbox.js', () => ({
  programSandbox: () => (sandbox.available ? { hidesEngineSockets: true, wrap: () => undefined } : undefined),
}));

/**
 * What `classroom grade-all` hides from each student's program and where it runs it: the class
 * folder (never one holding home or temp), the other students' private copies, and a refusal to
 * grade at all where no sandbox can hide them, unless the instructor says --unsandboxed.
 */
let work: string;
beforeAll(async () => {
  work = await realpath(await mkdtemp(join(tmpdir(), 'sw-grading-room-')));
  await mkdir(join(work, 'class', 'submissions', 'eve'), { recursive: true });
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe('the grading room', () => {
  it('refuses to grade without a sandbox that hides paths, unless --unsandboxed', () => {
    sandbox.available = false;
    try {
      expect(() => requireSandbox()).toThrow(/^this machine cannot sandbox students' programs .* pass --unsandboxed/);
      expect(() => requireSandbox(true)).not.toThrow();
    } finally {
      sandbox.available = true;
    }
    expect(() => requireSandbox()).not.toThrow();
  });

  it('hides the class folder, and the folder it runs in only when that is not home or temp, outermost only', async () => {
    const cwd = process.cwd();
    try {
      process.chdir(join(work, 'class', 'submissions'));
      expect(await classFolders(join(work, 'class', 'submissions'))).toEqual([join(work, 'class')]);
      process.chdir(tmpdir());
      expect(await classFolders(join(work, 'class', 'submissions'))).toEqual([join(work, 'class')]);
      process.chdir(work);
      expect(await classFolders(join(work, 'class', 'submissions'))).toEqual([work]);
    } finally {
      process.chdir(cwd);
    }
    await expect(classFolders(join(work))).rejects.toThrow(/holds your home or temp folder/);
  });

  it('copies a submission privately (links as they are, no FIFOs) and hides the other copies', async () => {
    const eve = join(work, 'class', 'submissions', 'eve');
    await writeFile(join(eve, 'app.sh'), 'echo eve');
    await symlink('../../root.json', join(eve, 'root-link'));
    execFileSync('mkfifo', [join(eve, 'pipe')]);
    const room = await openGradingRoom([join(work, 'class')], ['bob', 'eve'], { env: {} });
    try {
      const copy = await room.admit('eve', eve);
      expect((await readdir(copy)).sort()).toEqual(['app.sh', 'root-link']);
      expect(await readlink(join(copy, 'root-link'))).toBe('../../root.json');
      const hidden = room.hiddenFrom('eve');
      // Bob's copy and his build (a compiled Go program) both, never eve's own.
      expect(hidden.folders).toEqual([
        join(work, 'class'),
        join(copy, '..', 'bob'),
        join(copy, '..', '.builds', 'bob'),
      ]);
      expect(hidden.folders).not.toContain(copy);
      // The home (toolchains, the Vault binary) stays in sight, read-only.
      expect(hidden.readOnly).toEqual([await realpath(homedir())]);
      expect(room.buildParent('eve')).toBe(join(copy, '..', '.builds', 'eve'));
      expect((await stat(room.buildParent('bob'))).mode & 0o777).toBe(0o700);
    } finally {
      await room.close();
    }
  });
});
