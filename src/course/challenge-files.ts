import { readdir, readFile, stat } from 'node:fs/promises';
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
      else if (entry.isFile() && (await stat(path)).size < 64 * 1024)
        files.push({ path: relative(root, path), content: await readFile(path, 'utf8') });
    }
  }
  await walk(root);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
