/**
 * False-positive control shared by every rule: placeholder values, references to variables, and
 * the comments that mark a line or a file as allowed.
 */

/** Marks one line as allowed. `pragma: allowlist secret` (detect-secrets) and `gitleaks:allow` too. */
export const ALLOW_LINE_MARKERS = ['secrets-workbook:allow', 'pragma: allowlist secret', 'gitleaks:allow'];
/** On a line of its own: the next line is allowed. */
export const ALLOW_NEXT_LINE_MARKER = 'secrets-workbook:allow-next-line';
/** Anywhere in the first 10 lines: the whole file is a test fixture with fake secrets. */
export const ALLOW_FILE_MARKER = 'secrets-workbook:allow-file';

export function isFileAllowed(text: string): boolean {
  const head = text.slice(0, 2000).split('\n', 10).join('\n');
  return head.includes(ALLOW_FILE_MARKER);
}

export function isLineAllowed(line: string, previousLine: string | undefined): boolean {
  if (previousLine?.includes(ALLOW_NEXT_LINE_MARKER)) return true;
  return ALLOW_LINE_MARKERS.some((marker) => line.includes(marker) && !line.includes(ALLOW_NEXT_LINE_MARKER));
}

/** Matched as written, UPPERCASE or Capitalized: case-insensitively they turn up in random values. */
const PLACEHOLDER_WORDS = [
  'example',
  'your',
  'changeme',
  'change_me',
  'change-me',
  'placeholder',
  'dummy',
  'fake',
  'sample',
  'redacted',
  'your_',
  'your-',
  'yourpassword',
  'yourtoken',
  'yoursecret',
  'replace',
  'insert',
  'todo',
  'fixme',
  'notreal',
  'not-a-real',
  'not_a_real',
  '_here',
  '-here',
];

function caseForms(word: string): string[] {
  return [word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1)];
}
const PLACEHOLDER_FORMS = PLACEHOLDER_WORDS.flatMap(caseForms);

const PLACEHOLDER_VALUES = new Set([
  '',
  'password',
  'passwd',
  'pass',
  'secret',
  'token',
  'test',
  'testing',
  'null',
  'nil',
  'none',
  'undefined',
  'true',
  'false',
  'required',
  'optional',
  'string',
  'str',
  'value',
  'empty',
  'default',
  'unset',
  'hidden',
  'masked',
]);

/** Expressions that read a secret from elsewhere: exactly what we want people to write. */
const REFERENCE_PATTERNS = [
  /^\$\$?\{[^}]*\}$/, // ${VAR}, ${VAR:-default}, $${VAR} (a `$` escaped for Compose or Make)
  /^\$\$?[A-Za-z_][A-Za-z0-9_]*$/, // $VAR, $$VAR
  /^\$\([A-Za-z_][A-Za-z0-9_.]*\)$/, // $(VAR): Make, Xcode build settings, Azure Pipelines macros
  // {NPM_TOKEN}, {db.password}, {apiKey}: a name in braces, made of words (random text has digits)
  /^\{\s*(?:[A-Z]+(?:_[A-Z]+)*|[a-z]+(?:[._][a-z]+)*|[a-z]+(?:[A-Z][a-z]+)+)\s*\}$/,
  /^[\w .:/-]*\{\d?\}[\w .:/-]*$/, // prefix_{}: a format string, filled in by .format() or printf
  // obj.loadPassword(arg), loadPassword(): a call, written in quotes
  /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+\([\w$.,\s]*\)$|^[A-Za-z_$][\w$]*\(\)$/,
  /^\{\{.*\}\}$/, // {{ .Values.password }}, {{ secret }}
  /^\{\.[\w.[\]-]*\}$/, // {.credential.token_expiry}: a JSONPath (kubectl, kubeconfig)
  /^<[^<>]*>$/, // <your-token>
  /^\[[^[\]]*\]$/, // [TOKEN_HERE]
  /^%\([A-Za-z_]+\)s$/, // %(password)s
  /^#\{.*\}$/, // #{password}
  /^[A-Z][A-Z0-9]*(?:_[A-Z][A-Z0-9]*)+$/, // DB_PASSWORD: the name of a variable, not its value
  /(?:process\.env|os\.environ|os\.getenv|getenv\(|System\.getenv|ENV\[|env\(|Environment\.GetEnvironmentVariable|secrets\.|vault:|ref\+|arn:aws:secretsmanager)/,
  /^arn:aws[\w-]*:/, // an AWS resource name (`arn:aws:iam::aws:policy/IAMUserChangePassword`)
  /^ENC\([A-Za-z0-9+/=_-]*\)$/, // ENC(…): encrypted by Jasypt, decrypted by the application with a key kept elsewhere
  /\w\(\$[A-Za-z_]\w*/, // `".md5($password,true)."`: code that calls with a variable, quoted inside other code
];

/**
 * `%DB_PASSWORD%` (a Windows or batch variable) or `@db.password@` (Maven filtering): a reference
 * when what is between the marks reads as a name, its parts (split at `_` or `.`) each in one case
 * or in camel case. A random password can start and end with `%` too (`%kMncKA1OF6Jy_7%`, about 1 in
 * 50,000 random passwords of the generated corpus): its middle mixes cases at random.
 */
function isDelimitedName(value: string): boolean {
  const mark = value[0];
  if ((mark !== '%' && mark !== '@') || value.length < 3 || !value.endsWith(mark)) return false;
  const name = value.slice(1, -1);
  const shape = mark === '%' ? /^[A-Za-z_][A-Za-z0-9_]*$/ : /^[A-Za-z_.]+$/;
  return shape.test(name) && name.split(/[_.]/).every((part) => WORD_PART.test(part));
}
/** `DB`, `password`, `V2`, `dbPassword`, `ProgramFiles2`, or nothing (`__x`): digits only at the end of camel case. */
const WORD_PART = /^(?:[A-Z0-9]*|[a-z0-9]*|[A-Z]?[a-z]+(?:[A-Z][a-z]+)*[0-9]*)$/;

/**
 * True for values that are obviously not real secrets: placeholders (`changeme`, `<your-token>`,
 * `xxxx`, `***`, anything containing "example"), references (`${VAR}`, `process.env.X`,
 * `os.environ[...]`) and values made of one repeated character.
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  const lower = trimmed.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower)) return true;
  if (REFERENCE_PATTERNS.some((pattern) => pattern.test(trimmed)) || isDelimitedName(trimmed)) return true;
  if (PLACEHOLDER_FORMS.some((form) => trimmed.includes(form))) return true;
  if (/^(?:your|change|replace|insert|enter)[A-Z_-]/.test(trimmed)) return true; // yourToken, changeMe
  if (/^(?:Your|YOUR|Change|CHANGE|Replace|REPLACE|Insert|INSERT|Enter|ENTER)[A-Z_-]/.test(trimmed)) return true; // YourTokenHere
  // Four x's stand for a value only as a whole word (`xxxx-xxxx`, `pass_XXXX`): inside random
  // base64 they turn up once in some 10^5 values, and a real secret must not pass for a placeholder.
  if (/(?:^|[^A-Za-z0-9])(?:x{4,}|X{4,})(?![A-Za-z0-9])|x{6,}|X{6,}|\*{3,}|\.{3}|…|0{8,}|#{4,}/.test(trimmed))
    return true;
  if (/^(.)\1*$/.test(trimmed)) return true;
  // A keyboard or counting sequence, perhaps with a character or two after it (`12345678`,
  // `abcdef`, `qwerty1`) — not `1234` followed by a random tail.
  if (/^(?:12345?6?7?8?9?0?|abcdef?g?h?|qwerty(?:uiop)?|asdfgh?)[\W_]?.{0,2}$/i.test(trimmed)) return true;
  return false;
}

const TOKEN_PLACEHOLDER_FORMS = ['example', 'dummy', 'sample', 'placeholder', 'redacted'].flatMap(caseForms);

/**
 * True when the random part of a vendor token is a placeholder (all x, `…EXAMPLE`, `…0000`).
 * Words count only written in one case (`EXAMPLE`, `example`, `Example`): case-insensitively,
 * "fake" turns up inside random base64 far too often.
 */
export function isPlaceholderToken(randomPart: string): boolean {
  if (/x{6,}|X{6,}|0{8,}|\*{3,}|\.{3}|…|#{3,}/.test(randomPart)) return true;
  if (TOKEN_PLACEHOLDER_FORMS.some((form) => randomPart.includes(form))) return true;
  return isRepetitive(randomPart) || hasAlphabetRun(randomPart) || hasTypedTail(randomPart) || hasTypedHead(randomPart);
}

/**
 * Starts, after the vendor's prefix if any (`rubygems_`, `sk-`, `lin_api_`), with six characters in
 * alphabet order, either way (`sk-1234567c7Q…`, `lin_api_abcdefgi…`): a placeholder typed over a
 * real token's head. In random hex about 1 in 10^6 each way, in base62 far rarer.
 */
function hasTypedHead(value: string): boolean {
  const body = value.replace(/^(?:[A-Za-z]{2,9}[_-]){1,2}/, '');
  if (body.length < 16) return false;
  return inOrderEitherWay(body.slice(0, 6));
}

/**
 * Ends in six characters in alphabet order, either way (`…7babcdef`, `…Gi012345`, `…Hg76543210`): a
 * real token's head with a typed tail, as documentation shortens one. In random hex about 1 in 10^6
 * each way, in base62 far rarer.
 */
function hasTypedTail(value: string): boolean {
  if (value.length < 16) return false;
  return inOrderEitherWay(value.slice(-6));
}

/** Six characters in alphabet order, up (`abcdef`, `123456`) or down (`654321`). */
function inOrderEitherWay(six: string): boolean {
  return hasAlphabetRun(six, 6) || hasAlphabetRun([...six].reverse().join(''), 6);
}

/**
 * Eight or more characters in alphabet order (`abcdefgh`, `ABCDEFGHIJ`, `12345678`): someone
 * typed the alphabet into a placeholder. In random text such a run has odds of about 1 in 10^13.
 */
export function hasAlphabetRun(value: string, length = 8): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const alnum = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    run = alnum && code - value.charCodeAt(i - 1) === 1 ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}

/** Few distinct characters for its length (`abababab…`, `12341234…`). */
export function isRepetitive(value: string): boolean {
  const head = value.slice(0, 256);
  return new Set(head).size < Math.min(8, head.length / 2);
}
