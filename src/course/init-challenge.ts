import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { loadChallenge } from './challenges.js';
import type { Language } from './model.js';
import { UserError } from '../util/errors.js';

/**
 * `init`: copy a challenge's starter for one language into a folder, with the task as
 * CHALLENGE.md. It refuses before writing anything when a file would be overwritten, and never
 * replaces a file that appears in the meantime (COPYFILE_EXCL).
 */
export interface InitResult {
  dir: string;
  files: string[];
}

/** Shipped as `gitignore`: npm leaves `.gitignore` files out of packages. */
const RENAMES: Record<string, string> = { gitignore: '.gitignore' };

export async function initChallenge(
  challengeId: string,
  language: Language,
  targetDir: string,
  options: { challengesRoot?: string } = {},
): Promise<InitResult> {
  const { summary } = await loadChallenge(challengeId, options.challengesRoot);
  if (!summary.starters.includes(language)) {
    throw new UserError(`${challengeId} has no ${language} starter (there are: ${summary.starters.join(', ')})`);
  }
  const source = join(summary.dir, 'starter', language);
  const dir = resolve(targetDir);
  const copies = (await listFiles(source)).map((file) => ({
    from: join(source, file),
    to: join(dir, renamed(file)),
    name: renamed(file),
  }));
  copies.push({ from: join(summary.dir, 'README.md'), to: join(dir, 'CHALLENGE.md'), name: 'CHALLENGE.md' });

  const existing = [];
  for (const copy of copies) if (await exists(copy.to)) existing.push(copy.name);
  if (existing.length > 0) {
    throw new UserError(
      `${dir} already has ${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ` and ${existing.length - 3} more` : ''}; nothing was copied (pick an empty folder)`,
    );
  }
  for (const copy of copies) {
    await mkdir(resolve(copy.to, '..'), { recursive: true });
    try {
      await copyFile(copy.from, copy.to, constants.COPYFILE_EXCL);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new UserError(`${copy.to} appeared while copying; it was left as it is`);
      throw error;
    }
  }
  return { dir, files: copies.map((copy) => copy.name).sort() };
}

function renamed(file: string): string {
  const parts = file.split('/');
  const last = parts.pop()!;
  return [...parts, RENAMES[last] ?? last].join('/');
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full, base)));
    else if (entry.isFile()) files.push(relative(base, full).split('\\').join('/'));
  }
  return files;
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
