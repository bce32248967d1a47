import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ChallengeSummary, HandsOnStep, Hint, Language, Lesson, QuizQuestion } from './model.js';

/**
 * STAND-IN loaders, so the UI runs before the real ones land: they read only the fields the UI
 * needs and validate little; the real loaders (lessons helper: `loadLessons`, grader helper:
 * `loadChallengeSummaries`) own the schemas. At merge, `liveCourseLoaders` in loaders.ts points
 * at the real ones and this file is deleted.
 */
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export async function loadLessonsFrom(dir: string): Promise<Lesson[]> {
  const names = (await listDir(dir)).filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md');
  return Promise.all(
    names.map(async (name) => {
      const file = join(dir, name);
      const text = await readFile(file, 'utf8');
      const match = FRONT_MATTER.exec(text);
      const meta = (match ? parseYaml(match[1] ?? '') : {}) as Record<string, unknown>;
      return {
        id: String(meta.id ?? name.replace(/\.md$/, '')),
        title: String(meta.title ?? name),
        order: Number(meta.order ?? 0),
        minutes: Number(meta.minutes ?? 0),
        markdown: match ? text.slice(match[0].length) : text,
        quiz: (meta.quiz as QuizQuestion[] | undefined) ?? [],
        steps: (meta.steps as HandsOnStep[] | undefined) ?? [],
        file,
      } satisfies Lesson;
    }),
  );
}

export async function loadChallengesFrom(dir: string): Promise<ChallengeSummary[]> {
  const entries = await listDir(dir, true);
  const challenges: ChallengeSummary[] = [];
  for (const id of entries) {
    const challengeDir = join(dir, id);
    let meta: Record<string, unknown>;
    try {
      meta = (parseYaml(await readFile(join(challengeDir, 'challenge.yaml'), 'utf8')) ?? {}) as Record<string, unknown>;
    } catch {
      continue;
    }
    challenges.push({
      id: String(meta.id ?? id),
      title: String(meta.title ?? id),
      order: Number(meta.order ?? 0),
      summary: String(meta.summary ?? ''),
      dir: challengeDir,
      starters: byCourseOrder(await listDir(join(challengeDir, 'starter'), true)),
      solutions: byCourseOrder(await listDir(join(challengeDir, 'solutions'), true)),
      hints: (meta.hints as Hint[] | undefined) ?? [],
      setup: (meta.setup as HandsOnStep[] | undefined) ?? [],
    });
  }
  return challenges;
}

const LANGUAGES: readonly Language[] = ['python', 'node', 'go', 'shell'];

/** Languages in the order the real challenge loader gives them (python, node, go, shell). */
function byCourseOrder(names: string[]): Language[] {
  return LANGUAGES.filter((language) => names.includes(language));
}

async function listDir(dir: string, directoriesOnly = false): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => (directoriesOnly ? entry.isDirectory() : entry.isFile())).map((entry) => entry.name).sort();
  } catch {
    return [];
  }
}
