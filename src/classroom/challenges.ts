import { readdir } from 'node:fs/promises';
import { UserError } from '../util/errors.js';
import { safeText } from '../util/terminal-text.js';
import { challengesDir } from '../util/package-info.js';
import { CHALLENGE_ID_PATTERN } from './results.js';

/** The challenges this package ships (empty in a bare checkout without them). */
export async function shippedChallenges(): Promise<string[]> {
  try {
    const entries = await readdir(challengesDir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && CHALLENGE_ID_PATTERN.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * `--challenges a,b`: each id must be one of the course's challenges, so a typo does not give the
 * report an empty column that looks like nobody submitted.
 */
export async function parseChallengeList(text: string): Promise<string[]> {
  const ids = text
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) throw new UserError('--challenges: name at least one challenge id');
  const known = await shippedChallenges();
  for (const id of ids) {
    if (!CHALLENGE_ID_PATTERN.test(id))
      throw new UserError(`--challenges: ${safeText(JSON.stringify(id))} is not a challenge id`);
    if (known.length > 0 && !known.includes(id))
      throw new UserError(`--challenges: this course has no challenge "${id}" (it has ${known.join(', ')})`);
  }
  return [...new Set(ids)];
}
