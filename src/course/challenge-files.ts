import { cp, readdir, readFile, stat } from 'node:fs/promises';
import { UserError } from '../util/errors.js';
import { join, relative } from 'node:path';
import type { ChallengeSummary, Language } from './model.js';

/** The task as the learner reads it: challenges/<id>/README.md. */
export async function readChallengeReadme(challenge: ChallengeSummary): Promise<string> {
  try {
    return await readFile(join(challenge.dir, 'README.md'), 'utf8');
  } catch {
    return `# ${challenge.title}\n\n${challenge.summary}`;
  }
}

export interface SourceFile {
  /** Relative to the solution folder. */
  path: string;
  content: string;
}

const SKIP = new Set(['node_modules', '.venv', '__pycache__', '.git', 'go.sum', 'package-lock.json']);

/** The reference solution's files, for the reveal (small text files only). */
export async function readSolution(challenge: ChallengeSummary, language: Language): Promise<SourceFile[]> {
  const root = join(challenge.dir, 'solutions', language);
  const files: SourceFile[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && (await stat(path)).size < 64 * 1024) files.push({ path: relative(root, path), content: await readFile(path, 'utf8') });
    }
  }
  await walk(root);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

export interface InitResult {
  dir: string;
  files: string[];
}

/**
 * STAND-IN for the grader helper's `init`: copy starter/<language>/ into `dir`, refusing to
 * overwrite anything. At merge, point `UiServices.initChallenge` at the real one.
 */
export async function copyStarter(challenge: ChallengeSummary, language: Language, dir: string): Promise<InitResult> {
  const source = join(challenge.dir, 'starter', language);
  const existing = await readdir(dir).catch(() => [] as string[]);
  if (existing.length > 0) throw new UserError(`${dir} already exists and is not empty; nothing was overwritten`);
  await cp(source, dir, { recursive: true, force: false, errorOnExist: true });
  const files: string[] = [];
  async function walk(current: string): Promise<void> {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.push(relative(dir, path));
    }
  }
  await walk(dir);
  return { dir, files: files.sort() };
}
