import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { challengeSchema, type ChallengeDefinition } from './challenge-schema.js';
import { leakChallengeSchema } from './leak-challenge-schema.js';
import {
  isVaultAppChallenge,
  scannerChallengeSchema,
  type AnyChallengeDefinition,
} from './scanner-challenge-schema.js';
import { LANGUAGES, type ChallengeSummary, type Language } from './model.js';
import { UserError } from '../util/errors.js';
import { challengesDir as defaultChallengesDir } from '../util/package-info.js';

/**
 * Loads challenges/<id>/: challenge.yaml (validated), the README and which languages have a
 * starter and a solution. The summary is what lists and the UI need; the definition is what the
 * grader provisions from.
 */
export interface LoadedChallenge {
  summary: ChallengeSummary;
  /** A Vault challenge (`ChallengeDefinition`) or, with `kind: scanner` / `kind: leak`, a scanner or leak challenge. */
  definition: AnyChallengeDefinition;
  /** The task as the learner reads it (README.md), markdown. */
  readme: string;
}

export async function listChallengeIds(root = defaultChallengesDir): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return [];
  }
  const ids: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    if (await exists(join(root, entry.name, 'challenge.yaml'))) ids.push(entry.name);
  }
  return ids.sort();
}

export async function loadChallenge(id: string, root = defaultChallengesDir): Promise<LoadedChallenge> {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new UserError(`"${id}" is not a challenge name`);
  const dir = join(root, id);
  const file = join(dir, 'challenge.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    const known = await listChallengeIds(root);
    throw new UserError(`no challenge called "${id}"${known.length ? ` (there are: ${known.join(', ')})` : ''}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new UserError(`${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const kind = typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
  const schema = kind === 'scanner' ? scannerChallengeSchema : kind === 'leak' ? leakChallengeSchema : challengeSchema;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${file}: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`);
  }
  const definition = parsed.data;
  if (definition.id !== id) throw new UserError(`${file}: id "${definition.id}" does not match its folder "${id}"`);
  const readme = await readFile(join(dir, 'README.md'), 'utf8').catch(() => '');
  const summary: ChallengeSummary = {
    id,
    title: definition.title,
    order: definition.order,
    summary: definition.summary,
    dir,
    starters: await languagesIn(join(dir, 'starter')),
    solutions: await languagesIn(join(dir, 'solutions')),
    hints: definition.hints,
    setup: definition.setup,
  };
  return { summary, definition, readme };
}

/** Loads a challenge whose program is graded against a provisioned Vault (no `kind:`). */
export async function loadVaultChallenge(
  id: string,
  root = defaultChallengesDir,
): Promise<LoadedChallenge & { definition: ChallengeDefinition }> {
  const loaded = await loadChallenge(id, root);
  const { definition } = loaded;
  if (!isVaultAppChallenge(definition))
    throw new UserError(
      definition.kind === 'scanner'
        ? `${id} is a scanner challenge: it uses no Vault`
        : `${id} is a ${definition.kind} challenge: it provisions its own Vault and repository`,
    );
  return { ...loaded, definition };
}

/** Every challenge, in course order. */
export async function loadChallenges(root = defaultChallengesDir): Promise<LoadedChallenge[]> {
  const loaded = await Promise.all((await listChallengeIds(root)).map((id) => loadChallenge(id, root)));
  return loaded.sort((a, b) => a.summary.order - b.summary.order || a.summary.id.localeCompare(b.summary.id));
}

export async function loadChallengeSummaries(root = defaultChallengesDir): Promise<ChallengeSummary[]> {
  return (await loadChallenges(root)).map((challenge) => challenge.summary);
}

async function languagesIn(dir: string): Promise<Language[]> {
  const found: Language[] = [];
  for (const language of LANGUAGES) {
    if (await isDirectory(join(dir, language))) found.push(language);
  }
  return found;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}
