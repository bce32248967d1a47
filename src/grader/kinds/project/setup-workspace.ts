import { cp, lstat, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { registerCleanup } from '../../../util/cleanup.js';

/**
 * Where the setup script runs: a private copy of the learner's folder, removed with the grade.
 * The script sees its sibling files as it would at home (a policy file it applies, a helper it
 * imports), while whatever it writes — a key file, a rewritten policy file — lands in the copy:
 * the learner's folder is never changed by a grade (a watch mode does not re-grade itself in a
 * loop), and the grader can still see what the script left behind.
 *
 * Dependency folders are linked rather than copied (a setup.mjs importing node-vault, a virtual
 * environment); caches, build output and `.git` are left out; the copy is bounded in size.
 */
const LINKED = new Set(['node_modules', '.venv', 'venv']);
const LEFT_OUT = new Set([
  '.git',
  '.hg',
  '.svn',
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.tox',
  '.cache',
  '.next',
  '.idea',
  '.vscode',
  'dist',
  'build',
  'target',
]);
const MAX_COPIED_BYTES = 64 * 1024 * 1024;

export interface SetupWorkspace {
  dir: string;
  remove(): Promise<void>;
}

export async function copyForSetup(source: string): Promise<SetupWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), 'sw-setup-')); // mode 0700
  const unregister = registerCleanup(() => rm(dir, { recursive: true, force: true }));
  let removed: Promise<void> | undefined;
  const remove = () =>
    (removed ??= (async () => {
      unregister();
      await rm(dir, { recursive: true, force: true });
    })());
  try {
    const linked: string[] = [];
    let bytes = 0;
    await cp(source, dir, {
      recursive: true,
      verbatimSymlinks: true,
      filter: async (path) => {
        if (path === source) return true;
        const name = basename(path);
        if (LEFT_OUT.has(name)) return false;
        if (LINKED.has(name)) {
          linked.push(relative(source, path));
          return false;
        }
        bytes += (await lstat(path)).size;
        return bytes <= MAX_COPIED_BYTES;
      },
    });
    for (const path of linked) await symlink(join(source, path), join(dir, path), 'dir');
    return { dir, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
