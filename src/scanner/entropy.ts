import { hasAlphabetRun, isPlaceholder } from './placeholders.js';

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
  if (encodesPublicText(value) || (level === 'strict' && isPathToId(value))) return false;
  // `"Int64Map: "+mapStringForInt64Map+"`: the name of a variable between two concatenations.
  if (/^\+[A-Za-z_]\w*\+$/.test(value)) return false;
  // Without a secret-named key, only base64/base64url/hex shapes: dots mean versions, hosts, paths.
  if (level === 'strict' && !/^[A-Za-z0-9+/=_-]+$/.test(value)) return false;
  // An alphabet (`ABCDEF…`, `0123456789`): steps by one, and a run of them; random hex has a few steps.
  if (sequentialShare(value) > 0.3 && hasAlphabetRun(value, 5)) return false;
  const entropy = shannonEntropy(value);
  if (HEX.test(value)) {
    // Pure hex with a neutral key is almost always a digest, a commit or an id.
    if (level === 'strict') return false;
    return /[0-9]/.test(value) && /[a-fA-F]/.test(value) && entropy >= relaxedEntropyFloor(value.length, 16);
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
  return entropy >= (level === 'strict' ? 3.9 : relaxedEntropyFloor(value.length, 36));
}

/**
 * The least entropy a value drawn at random from an alphabet of `alphabet` characters (16: hex, 36
 * or more: base36, base62) has, bar about one draw in 10^5: measured over 10^5 draws of each length,
 * the floor sits at the lowest seen. A short value cannot reach the entropy of a long one
 * (16 characters: at most 4 bits), and chance repeats a few characters in some draws; what stays
 * below it is a pattern (`aaaa1111bbbb2222`, `abab…`).
 */
function relaxedEntropyFloor(length: number, alphabet: 16 | 36): number {
  if (length < 16) return Math.log2(length) - 0.6; // 12 to 15 characters under a secret's name // 12 to 15 characters under a secret's name
  return alphabet === 16 ? Math.min(2.6, Math.log2(length) - 2.0) : Math.min(3.0, Math.log2(length) - 1.4);
}

/** A URL path of words ending in a UUID (`/v2/foo/blobs/uploads/<uuid>`): a resource, not a key. */
function isPathToId(value: string): boolean {
  const steps = value.split('/');
  return (
    value.startsWith('/') &&
    steps.length >= 4 &&
    /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(steps.at(-1)!) &&
    steps.slice(1, -1).every((step) => /^[a-z]+\d*$/i.test(step))
  );
}

/**
 * Base64 of something that is not key material: a sentence (`THIS IS NOT A REAL CERTIFICATE`), a
 * `user:password` pair whose password is a placeholder (`username:password`, the docker `auth` of
 * a test), or DER holding an X.509 name (a certificate's subject: public). Random key material
 * decodes to bytes that are none of these; `user:<real password>` stays a secret.
 */
function encodesPublicText(value: string): boolean {
  if (value.length < 16 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const bytes = Buffer.from(value, 'base64');
  if (bytes[0] === 0x30 && bytes.includes(Buffer.from([0x06, 0x03, 0x55, 0x04]))) return true;
  const text = bytes.toString('latin1');
  if (!/^[\x20-\x7e\t\r\n]+$/.test(text)) return false;
  const pair = /^([^:\s]+):(.*)$/s.exec(text.trimEnd());
  if (pair?.[2]) return isPlaceholder(pair[2]) || pair[1] === pair[2];
  return /^[A-Za-z]+(?:[ ,'-]+[A-Za-z]+){2,}[.!?]?\s*$/.test(text);
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
  // Four words or more with ids between them (`Infra-ECS-Cluster-…-d6bb6d5b-EC2CapacityProvider-3fIpdkLywwFt`):
  // a generated resource name, however long its random suffix.
  // Words that read as words: keyboard runs (`qwer_asdf-ghjk`) are how random-looking test keys are typed.
  if (alphabetic >= segments.length * 0.6 && segments.filter(isWordLike).length >= 4) return true;
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
  if (vowels < 0.25 || vowels > 0.7 || /[^aeiouyAEIOUY]{4}/.test(token)) return false;
  // Vowels alone let through one random run of letters in a few hundred (`ctorkvodzeojkz…`); the
  // letter pairs of words are few and common (`in`, `er`, `re`), those of random letters are not.
  if (token.length < 4) return true;
  const wanted = token.length < 6 ? 0.3 : token.length < 12 ? 0.5 : 0.6;
  return commonPairShare(token.toLowerCase()) >= wanted;
}

/**
 * The 100 most common letter pairs in the words of identifiers (25,000 distinct words of 4 letters
 * or more, camelCase split, from the sources in a node_modules tree): 62% of the pairs in those
 * words, 15% of the pairs in random letters. Of words of 6 letters or more, about 1 in 10 has
 * fewer than 40% of its pairs here; of random runs that pass the vowel check, 1 in 5 at 6
 * letters, 1 in 1,000 at 20.
 */
const COMMON_PAIRS = new Set(
  (
    'in er re te on es ti en at st ar le ed an nt or ng ra al de co se ri li ro ma tr me ta is et it nd ec ne un ve ' +
    'lo ac la el io ns di ca si ch pe to as pr ll ic ge ce ea ss pa ct mp il rs ha na ad mi nc ol he ab im om mo ts am ' +
    'rt po rr bl no ex fi su ig em sc ni ou th sh ot os ur pl ap ly ck ut sp us'
  ).split(' '),
);

function commonPairShare(word: string): number {
  let common = 0;
  for (let i = 1; i < word.length; i++) if (COMMON_PAIRS.has(word.slice(i - 1, i + 1))) common++;
  return common / (word.length - 1);
}
