// What an added tuning source must not share with data never tuned on: the lines and long tokens of
// the held-out part of corpus.bin and of fresh.bin (compared here, unread), and the whole text of any
// stored example. Used by the builders of tuning data added after those were fixed.
import {
  loadCredSweeperCorpus,
  loadExtraCorpus,
  loadForeignCorpus,
  loadFreshCorpus,
  type ForeignExample,
} from '../../src/scanner/corpus/foreign.js';

export const TOKEN_SPLIT = /[\s'"`=:,;()<>[\]{}]+/;

export interface EarlierText {
  lines: Set<string>;
  tokens: Set<string>;
  texts: Set<string>;
  /** Whole texts that some stored example labels a secret: never kept as benign. */
  secretTexts: Set<string>;
}

/** `more`: further stored tuning examples whose whole texts count too. */
export async function earlierText(root: string, more: readonly ForeignExample[] = []): Promise<EarlierText> {
  const lines = new Set<string>();
  const tokens = new Set<string>();
  const main = await loadForeignCorpus(root);
  const fresh = await loadFreshCorpus(root);
  const tuning = [...(await loadExtraCorpus(root)), ...(await loadCredSweeperCorpus(root)), ...more];
  for (const example of [...main.filter((e) => e.split === 'held-out'), ...fresh])
    for (const line of example.text.split('\n')) {
      if (line.trim().length >= 8) lines.add(line.trim());
      for (const token of line.split(TOKEN_SPLIT)) if (token.length >= 16) tokens.add(token);
    }
  const all = [...main, ...fresh, ...tuning];
  return {
    lines,
    tokens,
    texts: new Set(all.map((e) => e.text.trim())),
    secretTexts: new Set(all.filter((e) => e.label === 'secret').map((e) => e.text.trim())),
  };
}

/** True when `text` is a stored example, or shares a line or a long token with data never tuned on. */
export const sharesText = (text: string, earlier: EarlierText): boolean =>
  earlier.texts.has(text.trim()) ||
  text
    .split('\n')
    .some(
      (line) =>
        earlier.lines.has(line.trim()) ||
        line.split(TOKEN_SPLIT).some((token) => token.length >= 16 && earlier.tokens.has(token)),
    );
