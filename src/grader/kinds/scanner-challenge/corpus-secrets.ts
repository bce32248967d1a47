import type { Corpus } from '../../../scanner/corpus/index.js';

/**
 * The secret material of a corpus, recovered from its labelled lines (the corpus records where
 * each secret is, not the value): the random-looking words of each labelled line and the body
 * lines of each private key. Used to notice a scanner that prints what it found, and to hide such
 * lines from the displayed output. Ordinary words (names, hosts, paths) are left out.
 */
const MIN_TOKEN = 12;
const PREFIX = 8;

export interface SecretToken {
  token: string;
  /** Index of the label (the secret) it belongs to; -1 for the fake values of marked decoys. */
  secret: number;
}

export function corpusSecretTokens(corpus: Corpus): SecretToken[] {
  const contents = new Map(corpus.files.map((file) => [file.path, file.content.split('\n')]));
  const tokens = new Map<string, number>();
  for (const [secret, label] of corpus.labels.entries()) {
    const lines = contents.get(label.file) ?? [];
    const text = [lines[label.line - 1] ?? ''];
    if (label.category === 'private-key') {
      for (let index = label.line; index < lines.length && !lines[index - 1]!.includes('-----END'); index++)
        text.push(lines[index]!);
    }
    // The whole labelled line too (what grep -n prints), unless it is a PEM armour line.
    const whole = text[0]!.trim();
    if (whole.length >= MIN_TOKEN && !whole.startsWith('-----')) tokens.set(whole, secret);
    for (const line of text) for (const token of tokensOf(line)) if (!tokens.has(token)) tokens.set(token, secret);
  }
  // Lines marked as allowed and test fixtures hold real-looking values too: never shown, never counted.
  for (const decoy of corpus.decoys) {
    if (decoy.kind !== 'allow-comment' && decoy.kind !== 'test-fixture') continue;
    for (const token of tokensOf(contents.get(decoy.file)?.[decoy.line - 1] ?? ''))
      if (!tokens.has(token)) tokens.set(token, -1);
  }
  return [...tokens].map(([token, secret]) => ({ token, secret }));
}

/** The secret-looking words of some other lines (the probe file with its one secret): hidden, not counted. */
export function extraSecretTokens(lines: readonly string[]): SecretToken[] {
  return lines.flatMap((line) => tokensOf(line)).map((token) => ({ token, secret: -1 }));
}

function tokensOf(line: string): string[] {
  const found: string[] = [];
  for (const word of line.split(/\\n|[\s"'`,;(){}<>[\]|]+/)) {
    for (const part of [word, ...word.split(/[:=@]+/), ...word.split(/[:=@/?&#]+/)]) {
      if (part.length >= MIN_TOKEN && looksRandom(part)) found.push(part);
    }
  }
  return found;
}

/** Names in code (CONSTANT_CASE, snake_case, camelCase, PascalCase) are not secrets. */
const IDENTIFIER = /^(?:[A-Z][A-Z0-9_]*|[a-z][a-z0-9_]*|[a-z]+(?:[A-Z][a-z0-9]+)+|(?:[A-Z][a-z0-9]+)+)$/;

/** No dots (host names, file names and dotted keys are not secrets), not a PEM armour line, not a name. */
function looksRandom(word: string): boolean {
  return (
    /[A-Za-z]/.test(word) &&
    !word.includes('.') &&
    !word.startsWith('-----') &&
    (/[0-9]/.test(word) || !IDENTIFIER.test(word))
  );
}

/** Finds any of many tokens in a line in one pass, by an index on each token's first characters. */
export class TokenFinder {
  readonly #byPrefix = new Map<string, SecretToken[]>();
  readonly #seen = new Set<number>();

  constructor(tokens: readonly SecretToken[]) {
    for (const token of tokens) {
      const prefix = token.token.slice(0, PREFIX);
      const list = this.#byPrefix.get(prefix);
      if (list) list.push(token);
      else this.#byPrefix.set(prefix, [token]);
    }
  }

  /** True when the line holds a token; the secret it belongs to is remembered for `count`. */
  check(line: string): boolean {
    let hit = false;
    for (let at = 0; at + MIN_TOKEN <= line.length; at++) {
      const candidates = this.#byPrefix.get(line.slice(at, at + PREFIX));
      if (!candidates) continue;
      for (const { token, secret } of candidates) {
        if (line.startsWith(token, at)) {
          if (secret >= 0) this.#seen.add(secret);
          hit = true;
        }
      }
    }
    return hit;
  }

  /** Distinct secrets seen so far. */
  get count(): number {
    return this.#seen.size;
  }
}
