/** Digits and symbols that stand for letters when a word is spelled in "leet" (`p455w0rd`, `53cr37`). */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
};

/** What such a value spells when it is a secret written by hand. */
// Longer words first: the word found at a place is the one whose spelling is checked.
const SECRET_WORD =
  /password|passwd|private|access|account|secret|token|admin|login|auth|cred|code|pass|priv|pwd|api|key/g;

/**
 * A word about secrets spelled with digits for letters (`p455w0rd`, `my_53cr37_c0d3`, `4p1-k3y`): a
 * password made by hand, however short or word-like. Not a version, a counter or a digest: every
 * digit must stand for a letter (no `2` or `6`, no run of four), two or more of them inside words
 * that have letters (`secret_10` is a name and a number), and the word about secrets must itself be
 * spelled with one (`tls13_key` is a version and a plain word).
 */
export function isLeetSpelled(value: string): boolean {
  if (value.length < 6 || value.length > 40 || !/^[A-Za-z0-9@$_.-]+$/.test(value)) return false;
  if (/[26]|\d{4}/.test(value)) return false;
  const standIns = (value.match(/[A-Za-z0-9@$]+/g) ?? [])
    .filter((word) => /[A-Za-z]/.test(word))
    .reduce((n, word) => n + [...word].filter((c) => c in LEET).length, 0);
  if (standIns < 2) return false;
  const lower = value.toLowerCase();
  const spelled = [...lower].map((c) => LEET[c] ?? c).join('');
  for (const m of spelled.matchAll(SECRET_WORD)) if (lower.slice(m.index, m.index + m[0].length) !== m[0]) return true;
  return false;
}
