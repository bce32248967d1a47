import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
