// The overlap check of the tuning-data builders: an example that shares a line, or a token of 16
// characters or more, with the held-out part of corpus.bin or with fresh.bin (compared here, unread),
// or whose whole text is an example of a stored corpus, is left out.
import { loadForeignCorpus, loadFreshCorpus, type ForeignExample } from '../../src/scanner/corpus/foreign.js';

export const TOKEN_SPLIT = /[\s'"`=:,;()<>[\]{}]+/;

export interface Earlier {
  lines: Set<string>;
  tokens: Set<string>;
  texts: Set<string>;
}

/** Lines and long tokens of every example never tuned on, and the whole texts of every stored example. */
export async function earlierText(root: string, tuning: readonly ForeignExample[]): Promise<Earlier> {
  const lines = new Set<string>();
  const tokens = new Set<string>();
  const main = await loadForeignCorpus(root);
  const fresh = await loadFreshCorpus(root);
  for (const example of [...main.filter((e) => e.split === 'held-out'), ...fresh])
    for (const line of example.text.split('\n')) {
      if (line.trim().length >= 8) lines.add(line.trim());
      for (const token of line.split(TOKEN_SPLIT)) if (token.length >= 16) tokens.add(token);
    }
  return { lines, tokens, texts: new Set([...main, ...fresh, ...tuning].map((e) => e.text.trim())) };
}

export const sharesText = (text: string, earlier: Earlier) =>
  earlier.texts.has(text.trim()) ||
  text
    .split('\n')
    .some(
      (line) =>
        earlier.lines.has(line.trim()) ||
        line.split(TOKEN_SPLIT).some((token) => token.length >= 16 && earlier.tokens.has(token)),
    );
