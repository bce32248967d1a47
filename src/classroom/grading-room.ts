import { cp, lstat, mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { programSandbox, type Hidden } from '../grader/program/sandbox.js';
import { UserError } from '../util/errors.js';
import { safeText } from '../util/terminal-text.js';

/**
 * Where `classroom grade-all` runs students' programs: each submission is copied into a private
 * folder of its own outside the class folder, and the sandbox hides from the program the class
 * folder (the submissions folder's parent, where the root token, the key shares and the handouts
 * live, and the folder grade-all runs in), every other student's copy, and the instructor's token
 * files (`~/.vault-token`, `VAULT_CONFIG_PATH`). The home folder itself stays in sight, read-only:
 * toolchains (pyenv, nvm, go) and the Vault binary the grader starts live there, and a program that
 * changed them would change the next student's grade. (Unless the temp folder is inside it: the
 * students' copies must stay writable.)
 *
 * Without a sandbox that can hide paths (not Linux, no namespaces) every submission could read and
 * change all of that: grade-all refuses unless the instructor says `--unsandboxed`.
 */
export interface GradingRoom {
  /** Copies the student's submission into their private folder; returns that folder. */
  admit(studentId: string, submission: string): Promise<string>;
  /** What the student's program must not see. */
  hiddenFrom(studentId: string): Hidden;
  /** Where the student's build (a compiled Go program) goes: hidden from the others like their copy. */
  buildParent(studentId: string): string;
  close(): Promise<void>;
}

/** A folder of the room beside the students' copies (a student id is never empty, so no copy is named this). */
const BUILDS = '.builds';

export const UNSANDBOXED_FLAG = '--unsandboxed';

/** Before anything else: refuses to grade where the sandbox cannot hide paths, unless told `--unsandboxed`. */
export function requireSandbox(unsandboxed = false): void {
  if (!programSandbox()?.hidesEngineSockets && !unsandboxed)
    throw new UserError(
      `this machine cannot sandbox students' programs (Linux mount namespaces are needed), so each could read the class folder (root token, key shares, handouts, other submissions): grade on Linux, or pass ${UNSANDBOXED_FLAG} to grade anyway`,
    );
}

export async function openGradingRoom(
  classFolders: readonly string[],
  students: readonly string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<GradingRoom> {
  const files = await instructorFiles(options.env ?? process.env);
  const temp = await realpath(tmpdir());
  const room = await mkdtemp(join(temp, 'sw-grade-all-'));
  const home = await realpath(homedir()).catch(() => homedir());
  const readOnly = home === dirname(home) || within(temp, home) ? [] : [home];
  // Every private folder exists before any program runs, so each can be hidden from the others.
  for (const id of students) {
    await mkdir(join(room, id), { mode: 0o700 });
    await mkdir(join(room, BUILDS, id), { recursive: true, mode: 0o700 });
  }
  return {
    async admit(studentId, submission) {
      const copy = join(room, studentId);
      await cp(submission, copy, { recursive: true, verbatimSymlinks: true, filter: plainEntry });
      return copy;
    },
    hiddenFrom: (studentId) => ({
      files,
      readOnly,
      folders: [
        ...classFolders,
        ...students.filter((id) => id !== studentId).flatMap((id) => [join(room, id), join(room, BUILDS, id)]),
      ],
    }),
    buildParent: (studentId) => join(room, BUILDS, studentId),
    close: () => rm(room, { recursive: true, force: true }),
  };
}

/** Files, folders and links only: a FIFO or a socket in a submission is left out of the copy. */
async function plainEntry(source: string): Promise<boolean> {
  const entry = await lstat(source);
  return entry.isFile() || entry.isDirectory() || entry.isSymbolicLink();
}

/**
 * The submissions folder's parent (the class folder) and the folder grade-all runs in, outermost
 * only. A folder that holds the home or the temp folder (toolchains, the private copies) cannot be
 * hidden: as the folder grade-all runs in it is left in sight, as the class folder it is refused.
 */
export async function classFolders(submissions: string): Promise<string[]> {
  const folder = await realpath(resolve(submissions));
  const classFolder = dirname(folder);
  const keep = [await realpath(homedir()).catch(() => homedir()), await realpath(tmpdir())];
  const holdsKept = (candidate: string) => keep.some((kept) => within(kept, candidate));
  if (holdsKept(classFolder))
    throw new UserError(
      `the submissions folder's parent ${safeText(classFolder)} holds your home or temp folder, which students' programs must see: put the submissions in a class folder of their own (e.g. ~/class/submissions)`,
    );
  const here = await realpath(process.cwd());
  const folders = [classFolder, ...(holdsKept(here) ? [] : [here])];
  // A folder inside another is covered with it (and could not be mounted on once its parent is covered).
  return folders.filter(
    (path, index) =>
      !folders.some((other, at) => at !== index && within(path, other) && (path !== other || at < index)),
  );
}

function within(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function instructorFiles(env: NodeJS.ProcessEnv): Promise<string[]> {
  const candidates = [join(homedir(), '.vault-token'), env.VAULT_CONFIG_PATH, env.BAO_CONFIG_PATH];
  const found: string[] = [];
  for (const path of candidates) {
    if (path && (await lstat(path).catch(() => undefined))?.isFile()) found.push(await realpath(path));
  }
  return [...new Set(found)];
}
