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

/** The lines of 8 characters or more, and the tokens of 16 or more, of some examples. */
export function linesAndTokens(examples: readonly ForeignExample[]): Pick<Earlier, 'lines' | 'tokens'> {
  const lines = new Set<string>();
  const tokens = new Set<string>();
  for (const example of examples)
    for (const line of example.text.split('\n')) {
      if (line.trim().length >= 8) lines.add(line.trim());
      for (const token of line.split(TOKEN_SPLIT)) if (token.length >= 16) tokens.add(token);
    }
  return { lines, tokens };
}

/** Lines and long tokens of every example never tuned on, and the whole texts of every stored example. */
export async function earlierText(root: string, tuning: readonly ForeignExample[]): Promise<Earlier> {
  const main = await loadForeignCorpus(root);
  const fresh = await loadFreshCorpus(root);
  const { lines, tokens } = linesAndTokens([...main.filter((e) => e.split === 'held-out'), ...fresh]);
  return { lines, tokens, texts: new Set([...main, ...fresh, ...tuning].map((e) => e.text.trim())) };
}

/** A line of `text`, or a token of 16 characters or more in it, is among the never-tuned examples'. */
export const sharesLineOrToken = (text: string, earlier: Pick<Earlier, 'lines' | 'tokens'>) =>
  text
    .split('\n')
    .some(
      (line) =>
        earlier.lines.has(line.trim()) ||
        line.split(TOKEN_SPLIT).some((token) => token.length >= 16 && earlier.tokens.has(token)),
    );

export const sharesText = (text: string, earlier: Earlier) =>
  earlier.texts.has(text.trim()) || sharesLineOrToken(text, earlier);
