import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programEnvironment } from '../../src/grader/program/environment.js';
import { runProgram } from '../../src/grader/program/run-program.js';
import { programSandbox, type Hidden } from '../../src/grader/program/sandbox.js';

/**
 * The sandbox's hide list, in real namespaces: a folder it is told to hide shows empty and
 * read-only to the program, a file shows as /dev/null, and the program cannot undo either; the
 * same program without the list reads them (so the check can fail). This machine must have the
 * sandbox: a missing one fails here rather than skipping.
 */
let work: string;
let classFolder: string;
let token: string;
let program: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sw-sandbox-hidden-'));
  classFolder = join(work, 'class');
  await mkdir(join(classFolder, 'submissions', 'bob'), { recursive: true });
  await writeFile(join(classFolder, 'root.json'), '{"root_token":"s.hidden-root"}');
  await writeFile(join(classFolder, 'submissions', 'bob', 'app.sh'), 'echo bob');
  token = join(work, 'vault-token');
  await writeFile(token, 's.instructor-token');
  program = join(work, 'program');
  await mkdir(program);
});
afterAll(async () => rm(work, { recursive: true, force: true }));

async function attack(hidden?: Hidden): Promise<string> {
  const script = [
    `cat ${classFolder}/root.json; echo`,
    `cat ${token}; echo`,
    `ls -A ${classFolder}`,
    `echo pwned > ${classFolder}/submissions/bob/app.sh && echo wrote-bob`,
    `touch ${classFolder}/planted && echo planted`,
    `umount ${classFolder} 2>/dev/null && echo unmounted`,
  ].join('\n');
  let output = '';
  const running = runProgram({
    command: script,
    cwd: program,
    env: programEnvironment({}),
    timeoutMs: 10_000,
    sandbox: programSandbox(),
    hidden,
    // Only what it printed: the shell's own errors name the paths it tried.
    onOutput: (stream, chunk) => (output += stream === 'stdout' ? chunk : ''),
  });
  expect((await running.result).exitCode).not.toBe(96);
  return output;
}

describe('the sandbox hide list', () => {
  it('can hide paths on this machine', () => {
    expect(programSandbox()?.hidesEngineSockets).toBe(true);
  });

  it('hides a folder under an empty read-only tmpfs and a file under /dev/null, for good', async () => {
    const output = await attack({ files: [token], folders: [classFolder] });
    expect(output).not.toContain('s.hidden-root');
    expect(output).not.toContain('s.instructor-token');
    expect(output).not.toMatch(/root\.json|submissions/);
    expect(output).not.toMatch(/wrote-bob|planted|unmounted/);
    expect(await readFile(join(classFolder, 'submissions', 'bob', 'app.sh'), 'utf8')).toBe('echo bob');
    expect(await readdir(classFolder)).toEqual(['root.json', 'submissions']);
  });

  it('without the list the same program reaches them (the attack is real)', async () => {
    const output = await attack();
    expect(output).toContain('s.hidden-root');
    expect(output).toContain('s.instructor-token');
    expect(output).toContain('wrote-bob');
    expect(output).toMatch(/^root\.json$/m);
    await writeFile(join(classFolder, 'submissions', 'bob', 'app.sh'), 'echo bob');
    await rm(join(classFolder, 'planted'), { force: true });
  });
});

/**
 * A read-only folder (Go's module cache) and the folders above it, seen from inside: its files are
 * read-only by mode already, so the program, their owner, chmods them first; then it tries to
 * move a folder above it away (for an edited copy to take its place), to reach it by a relative
 * path from its own folder (one above it), and to unmount it from a user namespace of its own.
 */
async function changeModules(hidden?: Hidden): Promise<string> {
  const modules = join(work, 'store', 'pkg', 'mod');
  await mkdir(join(modules, 'lib'), { recursive: true });
  await writeFile(join(modules, 'lib', 'lib.go'), 'package lib\n');
  await execa('chmod', ['-R', 'a-w', modules]);
  const script = [
    `chmod u+w ${modules}/lib ${modules}/lib/lib.go 2>/dev/null && echo chmodded`,
    `echo changed >> ${modules}/lib/lib.go && echo wrote-file`,
    `touch ${modules}/lib/planted.go 2>/dev/null && echo planted`,
    `mv ${join(work, 'store', 'pkg')} ${join(work, 'store', 'moved')} 2>/dev/null && echo moved-parent`,
    `mv ${join(work, 'store')} ${join(work, 'moved')} 2>/dev/null && echo moved-grandparent`,
    `chmod u+w store/pkg/mod/lib/lib.go 2>/dev/null; echo changed >> store/pkg/mod/lib/lib.go 2>/dev/null && echo wrote-relative`,
    `unshare --user --map-root-user --mount sh -c 'umount ${modules} && echo changed >> ${modules}/lib/lib.go && echo unmounted' 2>/dev/null`,
    `cat ${modules}/lib/lib.go`,
  ].join('\n');
  let output = '';
  const running = runProgram({
    command: script,
    cwd: work,
    env: programEnvironment({}),
    timeoutMs: 10_000,
    sandbox: programSandbox(),
    hidden,
    onOutput: (stream, chunk) => (output += stream === 'stdout' ? chunk : ''),
  });
  expect((await running.result).exitCode).not.toBe(96);
  return output;
}

describe('the sandbox read-only list', () => {
  afterAll(async () => {
    for (const store of ['store', 'moved']) {
      await execa('chmod', ['-R', 'u+w', join(work, store)], { reject: false });
      await rm(join(work, store), { recursive: true, force: true });
    }
  });

  it('keeps a folder readable but unchangeable, and the folders above it in place', async () => {
    const modules = join(work, 'store', 'pkg', 'mod');
    const output = await changeModules({ readOnly: [modules] });
    expect(output).toContain('package lib');
    expect(output).not.toMatch(/chmodded|wrote-file|planted|moved-parent|moved-grandparent|wrote-relative|unmounted/);
    expect(await readFile(join(modules, 'lib', 'lib.go'), 'utf8')).toBe('package lib\n');
    expect(await readdir(work)).toContain('store');
  });

  it('without the list its owner changes it, read-only modes or not (the attack is real)', async () => {
    const output = await changeModules();
    expect(output).toMatch(/chmodded\nwrote-file\nplanted\nmoved-parent/);
  });
});
