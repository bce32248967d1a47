import { looksRandom, shannonEntropy } from '../entropy.js';
import { isPlaceholder } from '../placeholders.js';
import { isLeetSpelled } from './leet-spelling.js';
import type { Candidate, Rule, RuleContext } from '../types.js';
import { assignments, type Assignment } from './assignment-parse.js';
import { keyWords, type KeyKind } from './key-names.js';
import { IDENTIFIER_WORDS } from './not-secret-words.js';

/**
 * Secrets recognised by where they are written rather than by their shape: a value assigned to
 * a key in config or code (`password = "…"`, `DB_PASSWORD=…`, `"apiKey": "…"`, `token: …`).
 */

/** Words in a neutral name that say its value is encoded data: an image, a font, a histogram, an alphabet. */
const DATA_WORDS = new Set([
  'base64',
  'b64',
  'encoded',
  'blob',
  'image',
  'img',
  'icon',
  'font',
  'svg',
  'png',
  'gif',
  'jpeg',
  'jpg',
  'woff',
  'bytes',
  'histogram',
  'sample',
  'fixture',
  'expected',
  'alphabet',
  'charset',
]);
const BINARY_MAGIC = /^(?:iVBORw0KGgo|\/9j\/|R0lGOD|UklGR|PHN2Zy|AAAA|data:)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A reference to a value kept elsewhere, or a template: `${DB_PASSWORD}`, `{{ .Values.x }}`,
 * `#{x}`, `{password}`, `%(password)s`. Only well-formed ones: `p${e]x` is a value with a `$`.
 * One with a default (`${DB_PASSWORD:-…}`, Spring's `${db.password:…}`) is a reference too: the
 * default is judged on its own (reference-defaults.ts). So is the start of one that an unquoted read
 * cut at a quote or a blank (`${DB_PASSWORD:-'…'}` read as `${DB_PASSWORD:-`), perhaps escaped for a
 * later expansion (`\${…` in a script that writes a script, or in a template literal).
 */
export function isReference(value: string): boolean {
  if (
    /\$\{[A-Za-z_$][\w$.]*(?:\([^(){}]*\)|\[[^[\]{}]*\])?(?:[-:=?+][^{}]*)?\}|^\\?\$\{[A-Za-z_][\w.]*[-:=?+][^{}]*$|\{\{[^{}]*\}\}|#\{[^{}]+\}|%\([A-Za-z_]\w*\)[sd]/.test(
      value,
    )
  )
    return true;
  // `{password}` is a template's field; `password={<random>}` is ODBC's and SQL Server JDBC's quoting
  // of a value that may hold `;` or `}`: nobody names a field with random characters.
  const braced = /^\{([^{}]*)\}$/.exec(value)?.[1];
  if (
    braced !== undefined &&
    (isPlaceholder(braced) || (/^[A-Za-z_][\w.]*$/.test(braced) && !looksRandom(braced, 'relaxed')))
  )
    return true;
  return isPlaceholder(value);
}

/** Not an expression, a path, a URL or a file name. */
function isLiteralText(value: string, quoted: boolean): boolean {
  if (/\s/.test(value) || value.includes('://')) return false;
  if (/^(?:\.{0,2}|~)\//.test(value) || /\.(?:txt|pem|key|json|ya?ml|env|conf|cfg)$/i.test(value)) return false;
  if (!quoted && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(.*)?$/.test(value)) return false; // config.db.password
  // An expression, not a literal: `password = secret["data"]…`, `password = read_secret(…)` (code
  // in markdown or notebooks is not parsed as code, so this must hold outside code files too).
  if (!quoted && /^[A-Za-z_$][\w$.]*[[(]/.test(value)) return false;
  // Code quoted in prose or YAML (`token=wrapping_token).sys.unwrap()[`): calls, member access.
  // A call has its parenthesis closed: `nob(ody[finds>` is a password's symbols.
  if (!quoted && /\)\.|\(\)|\[["']|[A-Za-z_]\([^()]*\)/.test(value)) return false;
  return true;
}

/** A value that can only be a literal someone typed, not a name: a digit or a symbol beyond `-_./`. */
function typedLiteral(value: string): boolean {
  return /[A-Za-z0-9]/.test(value) && (/\d/.test(value) || /[^\w\-./]/.test(value));
}

/**
 * Regular-expression syntax (`[A-Za-z0-9]+`, `\d{4}`, `(?:`): a pattern about a secret, not one.
 * A range class is looked for between one `]` and the next (a regex trying `\[[^\]-]*-[^\]]*\]` from
 * every `[` of a long run without `]` was quadratic): one with a `-` after its first `[`.
 */
export function hasRegexSyntax(value: string): boolean {
  if (/\\[dwsDWS]|\(\?[:=!<]|\{\d+(?:,\d*)?\}/.test(value)) return true;
  const closed = value.split(']').slice(0, -1);
  return closed.some((part) => {
    const open = part.indexOf('[');
    return open !== -1 && part.indexOf('-', open) !== -1;
  });
}

/**
 * The value is the name itself, or its last words, written as an identifier: a constant naming its
 * own key (`PassStateExited = "PassStateExited"`, `CHALLENGE_PASSWORD: "challengePassword"`).
 */
function namesItsKey(key: string, value: string): boolean {
  if (!/^[A-Za-z_][\w.-]*$/.test(value)) return false;
  const name = keyWords(key).join(' ');
  const said = keyWords(value).join(' ');
  return said.length > 0 && (name === said || name.endsWith(` ${said}`));
}

/**
 * A letter beyond ASCII, written or as a numeric character reference (`Contraseña`, `L&#246;senord`,
 * `パスワード`): a word of a language, the label a translated page shows next to its password field.
 * Typed passwords keep to what every keyboard has. Only the value's first item counts.
 */
export function naturalLanguage(whole: string): boolean {
  // Up to a list's separator: `password:Prl2…,비번:Prl2…` is a password, then its label in another language.
  const value = whole.split(/[,;]/, 1)[0]!;
  if (/[^\x00-\x7f]/.test(value) && /(?![A-Za-z])\p{L}/u.test(value)) return true;
  for (const m of value.matchAll(/&#(?:x([0-9a-f]{2,6})|(\d{3,7}))(?![0-9a-f])/gi))
    if (/\p{L}/u.test(String.fromCodePoint(m[1] ? parseInt(m[1], 16) : Number(m[2])))) return true;
  return false;
}

function isPasswordValue(a: Assignment, context: RuleContext): boolean {
  if (context.code && !a.quoted && !a.inString()) return false;
  const value = a.value;
  if (value.length < 6 || value.length > 200 || isReference(value) || namesItsKey(a.key, value)) return false;
  // A password has letters or digits; `,.:-*?!` alone is decoration.
  if (!/[A-Za-z0-9]/.test(value) || !isLiteralText(value, a.quoted) || hasRegexSyntax(value)) return false;
  if (naturalLanguage(value)) return false;
  return !a.weak || typedLiteral(value);
}

/**
 * A password-like value under a secret-like name (`api_key: "m{h}o)p$e…"`): long, letters and
 * symbols a name or a format never has (`-_.:/+=,` are in names, lists, versions and digests), not a
 * regular expression.
 */
function passwordLike(value: string): boolean {
  return (
    value.length >= 8 &&
    // A name behind a sigil (`"?NonExpressionParenKeyword"`, `"#main-content"`, `"@scope/pkg"`) has its symbol in front only.
    !/^[?@#$%&*!:~^.]?[A-Za-z_][\w-]*$/.test(value) &&
    /[A-Za-z]/.test(value) &&
    /[!@#$%^&*(){}[\]<>?~|\\;'"¨¿¡]/.test(value) &&
    !hasRegexSyntax(value) &&
    !naturalLanguage(value) &&
    shannonEntropy(value) >= 3.2
  );
}

/**
 * A line that is nothing but `name: value` or `NAME=value` (perhaps after `export ` or a list's `- `),
 * in a file that is not code: a config line whatever the file is called (`.txt`, `.properties`, a
 * file without an extension, a block in a document).
 */
function configLine(a: Assignment, text: string, context: RuleContext): boolean {
  if (context.code || a.weak || a.quoted) return false;
  const lineStart = text.lastIndexOf('\n', a.valueStart - 1) + 1;
  const end = a.valueStart + a.value.length;
  const lineEnd = text.indexOf('\n', end);
  return (
    CONFIG_LINE_HEAD.test(text.slice(lineStart, a.valueStart)) &&
    text.slice(end, lineEnd === -1 ? undefined : lineEnd).trim() === ''
  );
}
const CONFIG_LINE_HEAD = /^[ \t]*(?:export[ \t]+|-[ \t]+)?["']?[A-Za-z_][\w.-]*["']?[ \t]*[:=][ \t]*$/;

function isSecretValue(a: Assignment, kind: KeyKind, context: RuleContext, text: string): boolean {
  const { value, quoted } = a;
  if (context.code && !quoted && !a.inString()) return false;
  // Refresh tokens and service-account blobs run to thousands of characters; other values do not.
  if (value.length > (kind === 'secret' ? 4096 : 256) || isReference(value) || BINARY_MAGIC.test(value)) return false;
  if (kind === 'secret') {
    if (UUID.test(value) || looksRandom(value, 'relaxed') || (isLiteralText(value, quoted) && isLeetSpelled(value)))
      return true;
    return (
      (quoted || context.configFile || configLine(a, text, context)) &&
      isLiteralText(value, quoted) &&
      passwordLike(value)
    );
  }
  // A neutral name with an unquoted value is a YAML/Flow identifier far more often than a key;
  // .env files are the exception (nothing is quoted there).
  // Attributes of HTML tags hold data (`<input name="authenticity_token" value="…">`, integrity, nonces).
  if (a.weak || UUID.test(value) || context.minified || (!quoted && !context.envFile && !a.inString()) || a.attribute())
    return false;
  // Encoded data under a name that says so (`base64String`, `encodedImage`, `iconData`).
  const words = keyWords(a.key);
  if (/base64|b64/i.test(a.key) || words.some((word) => DATA_WORDS.has(word))) return false;
  // Ids and names are random by design (`"VersionId": "tpf3zF08nBpl…"`) and say so; a neutral
  // name ending in "token" is a page cursor or a lock handle (classifyKey).
  const last = words[words.length - 1] ?? '';
  if (IDENTIFIER_WORDS.has(last) || /^tokens?$/.test(last)) return false;
  // Every character once (`urlAlphabet = "useandom-26T198340PX…"`): an alphabet, not a key; a
  // random value of 32 or more characters repeats one with near certainty.
  if (value.length >= 32 && new Set(value).size === value.length) return false;
  return looksRandom(value, 'strict');
}

/**
 * A YAML tag and what it tags (`password: !vault |`, `password: !secret wifi_password`,
 * `key: !Ref DbPassword`): the value is after the tag, if anywhere.
 */
function yamlTag(a: Assignment, text: string, context: RuleContext): boolean {
  if (a.quoted || context.envFile || !/^!!?[A-Za-z]{2,20}$/.test(a.value)) return false;
  const next = text[a.valueStart + a.value.length];
  return next === ' ' || next === '\t';
}

/** Members of a JSON Web Key that are public (the modulus and exponent, a curve point, a certificate). */
const JWK_PUBLIC_MEMBERS = new Set(['n', 'e', 'x', 'y', 'x5c', 'x5t', 'x5t#S256']);

/**
 * A public member of a JSON Web Key (`{"kty":"RSA","n":"…","e":"AQAB"}`): random by design and
 * published in every JWKS. Only the private members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`) are secret.
 */
function jwkPublicMember(a: Assignment, context: RuleContext): boolean {
  if (!JWK_PUBLIC_MEMBERS.has(a.key)) return false;
  const lower = context.lowerText();
  return lower.slice(Math.max(0, a.valueStart - 2000), a.valueStart + a.value.length + 2000).includes('kty');
}

/** A JavaScript template literal with an interpolation (`\`${part(a)}.${part(b)}\``): built by code, not typed. */
function templateExpression(a: Assignment, text: string): boolean {
  return a.quoted && text[a.valueStart - 1] === '`' && a.value.includes('${');
}

function assignmentRule(
  id: string,
  title: string,
  category: 'password' | 'high-entropy',
  priority: number,
  wanted: (kind: KeyKind) => boolean,
): Rule {
  return {
    id,
    title,
    category,
    priority,
    *find(text: string, context: RuleContext): Iterable<Candidate> {
      // Source maps repeat the sources (scanned on their own) as JSON-escaped strings.
      if (context.lockFile || context.file?.endsWith('.map')) return;
      for (const a of assignments(text, context)) {
        const kind = a.kind;
        if (!wanted(kind) || yamlTag(a, text, context) || templateExpression(a, text)) continue;
        // `auth_token: "Bearer …"`: the token is after the scheme.
        const scheme = kind === 'secret' ? /^(?:Bearer|Token|token|bearer)[ \t]+(?=\S{12,}$)/.exec(a.value) : null;
        const shown = scheme
          ? { ...a, value: a.value.slice(scheme[0].length), valueStart: a.valueStart + scheme[0].length }
          : a;
        const ok = kind === 'password' ? isPasswordValue(shown, context) : isSecretValue(shown, kind, context, text);
        // Asked last: `e`, `n` and `x` are names minified code uses everywhere.
        if (ok && !jwkPublicMember(a, context))
          yield { start: shown.valueStart, end: shown.valueStart + shown.value.length };
      }
    },
  };
}

export const assignmentRules: Rule[] = [
  assignmentRule(
    'password-assignment',
    'Password assigned in config or code',
    'password',
    60,
    (kind) => kind === 'password',
  ),
  assignmentRule(
    'secret-assignment',
    'Random-looking value assigned to a secret-named key',
    'high-entropy',
    50,
    (kind) => kind === 'secret',
  ),
  assignmentRule(
    'high-entropy-string',
    'High-entropy string assigned to a variable',
    'high-entropy',
    40,
    (kind) => kind === 'neutral',
  ),
];
