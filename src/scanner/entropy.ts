/** Shannon entropy of a string in bits per character (0 for an empty string). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  const length = [...value].length;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

const HEX = /^[0-9a-fA-F]+$/;
const TOKEN_CHARS = /^[A-Za-z0-9+/=_\-.~]+$/;

export type RandomnessLevel = 'strict' | 'relaxed';

/**
 * Does a value look like random key material rather than a word, an identifier or a version?
 * `relaxed` is used when the key's name already says "secret"/"token" (12 characters or more);
 * `strict` for any key (20 or more).
 * Thresholds were tuned on the corpus (random values of 16–64 characters score 3.6–5.2 bits/char;
 * camelCase identifiers and sentences stay under 3.9, and need digits to pass anyway).
 */
export function looksRandom(value: string, level: RandomnessLevel): boolean {
  const minLength = level === 'strict' ? 20 : 12;
  if (value.length < minLength || !TOKEN_CHARS.test(value)) return false;
  // Without a secret-named key, only base64/base64url/hex shapes: dots mean versions, hosts, paths.
  if (level === 'strict' && !/^[A-Za-z0-9+/=_-]+$/.test(value)) return false;
  if (sequentialShare(value) > 0.3) return false; // an alphabet: 'ABCDEF…', '0123456789'
  const entropy = shannonEntropy(value);
  if (HEX.test(value)) {
    // Pure hex with a neutral key is almost always a digest, a commit or an id.
    if (level === 'strict') return false;
    return /[0-9]/.test(value) && /[a-fA-F]/.test(value) && entropy >= 3.0;
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(value)).length;
  // Words and identifiers have no digits; long random key material may happen to have none.
  const longMixedCase = level === 'relaxed' && value.length >= 20 && /[a-z]/.test(value) && /[A-Z]/.test(value);
  if (classes < 2 || (!/[0-9]/.test(value) && !longMixedCase)) return false;
  // Without a secret-named key, ids (ULIDs, base36 ids) are single-case: want all three classes.
  if (level === 'strict' && classes < 3) return false;
  // Under a secret's name, digits strewn among short letter runs (`ev1avuvxo6rnn2dlof3r…`) are
  // random base36, however pronounceable the letters between them; names have a digit or two, or
  // long words before them (`MyTestDatabaseSecret-a1b2c3`).
  const strewnDigits =
    level === 'relaxed' &&
    (value.match(/\d+/g)?.length ?? 0) >= 3 &&
    Math.max(...(value.match(/[A-Za-z]+/g) ?? ['']).map((run) => run.length)) <= 12;
  if (looksLikeWords(value, strewnDigits)) return false;
  // A name in camelCase (`ExclusiveStartShardId`); under a secret's name only without digits.
  if ((level === 'strict' || !/\d/.test(value)) && isCamelCaseName(value)) return false;
  // 12 to 15 characters under a secret's name: mixed case or strewn digits (`cachedvol112233` is a name).
  if (value.length < 16 && !strewnDigits && !(/[a-z]/.test(value) && /[A-Z]/.test(value))) return false;
  // A short value cannot reach the entropy of a long one (12 characters: at most log2(12) = 3.58).
  const shortValue = Math.log2(value.length) - 0.6;
  return entropy >= (level === 'strict' ? 3.9 : Math.min(3.5, shortValue));
}

/** Share of adjacent pairs that step by one code point (`ab`, `34`): ~2% in random text. */
function sequentialShare(value: string): number {
  let steps = 0;
  for (let i = 1; i < value.length; i++) if (value.charCodeAt(i) - value.charCodeAt(i - 1) === 1) steps++;
  return steps / Math.max(1, value.length - 1);
}

/**
 * A camelCase or PascalCase name made of word-length parts (`convertFunctionToEs6Class`): random
 * base62 of 20 characters or more has parts under two characters long on average.
 */
function isCamelCaseName(value: string): boolean {
  const parts = value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? [];
  return parts.join('') === value && parts.length >= 3 && value.length / parts.length >= 3.5;
}

/**
 * Identifiers, paths and slugs: built from words (`Size2DFor_DimensionPercentage`,
 * `owner/source-map-js`, `/var/folders/x/T`). Random key material has long segments between
 * separators and few dictionary-like runs.
 */
function looksLikeWords(value: string, randomRuns = false): boolean {
  const segments = value.split(/[/_\-.]/).filter(Boolean);
  // Short segments, mostly words (`owner/source-map-js`): a slug or a path, not `6p71dd66-3k6s-…`
  // or base64 that happens to hold slashes (`tuXfwDZ/zbu/3JRq…`).
  const alphabetic = segments.filter((s) => /^(?:[A-Z]?[a-z]+(?:[A-Z][a-z]+)*|[A-Z]+)$/.test(s)).length;
  if (segments.length >= 3 && value.length / segments.length < 8 && alphabetic >= segments.length * 0.6) return true;
  if (value.startsWith('/') && alphabetic >= 2 && alphabetic >= segments.length / 2) return true;
  if (randomRuns) return false;
  const tokens = value.split(/[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/);
  const wordy = tokens.filter(isWordLike).join('').length;
  return wordy > value.length * 0.6;
}

/**
 * A run of letters that reads like a word: `Profile`, `settings`. Random base64 has letter runs
 * too (`tqps`, `fjevr`), but without the vowels words have.
 */
function isWordLike(token: string): boolean {
  if (!/^[A-Z]?[a-z]{3,}$/.test(token)) return false;
  const vowels = token.replace(/[^aeiouyAEIOUY]/g, '').length / token.length;
  return vowels >= 0.25 && vowels <= 0.7 && !/[^aeiouyAEIOUY]{4}/.test(token);
}
