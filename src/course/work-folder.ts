import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The folder the course grades for a challenge: the one recorded in progress (created by `init`
 * or `i`, or the last folder `grade` graded), else `<cwd>/<challenge id>`, where `i` creates it.
 * (`grade <challenge>` without a folder grades the current one, and records it: the course then
 * follows.)
 */
export interface WorkFolder {
  dir: string;
  /** True when it comes from progress (init or a grade), false for the `<cwd>/<id>` default. */
  recorded: boolean;
}

/** `recordedDir`: the challenge's `workDir` in progress. */
export function workFolderFor(challengeId: string, recordedDir: string | undefined, cwd: string): WorkFolder {
  return recordedDir ? { dir: recordedDir, recorded: true } : { dir: starterFolder(challengeId, cwd), recorded: false };
}

/** Where a new starter goes: `<cwd>/<challenge id>` (as `init` without a folder does). */
export function starterFolder(challengeId: string, cwd: string): string {
  return join(cwd, challengeId);
}

export type FolderKind = 'folder' | 'missing' | 'not-a-folder';

export async function folderKind(dir: string): Promise<FolderKind> {
  try {
    return (await stat(dir)).isDirectory() ? 'folder' : 'not-a-folder';
  } catch {
    return 'missing';
  }
}
