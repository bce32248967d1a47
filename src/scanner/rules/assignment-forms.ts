import type { RuleContext } from '../types.js';
import type { Assignment } from './assignment-parse.js';
import { classifyKey } from './key-names.js';

/**
 * Where a name and its value are written apart from the `key = value` shape: the name in one
 * attribute and the value in another or in the element (`<add key="SmtpPassword" value="…"/>`,
 * `<string name="api_key">…</string>`), a Kubernetes `env:` entry (`- name: DB_PASSWORD` then
 * `value: …`; a JSON object's `"name": …, "value": …`; a plist's `<key>…</key><string>…</string>`), a directive in a `.conf` file or `.netrc` (`requirepass …`), a Dockerfile `ENV NAME value`, a JVM `-Dname=value` and a user and password given
 * to an authentication call (`auth=("me", "…")`, `.login("me", "…")`, an LDAP `bind("cn=…", "…")`).
 */

const NAMED = String.raw`\b(?:name|key)[ \t]*=[ \t]*["'](?<key>[A-Za-z_][\w.:-]*)["']`;
// Not HTML form fields: `<input name="authenticity_token" value="…">` holds data a page sends. The
// attributes before the name and between name and value are bounded (1,000 characters): two unbounded
// lazy runs made a tag with many name attributes quadratic.
export const XML_NAMED_VALUE = new RegExp(
  String.raw`<(?!(?:input|option|button|param|select|textarea)\b)[A-Za-z][\w:.-]*[ \t][^<>\n]{0,1000}?${NAMED}[^<>\n]{0,1000}?\bvalue[ \t]*=[ \t]*(?<q>["'])(?<value>[^"'<>\n]*)\k<q>`,
  'gd',
);
export const XML_NAMED_TEXT = new RegExp(
  String.raw`<(?<tag>[A-Za-z][\w:.-]*)[ \t][^<>\n]{0,1000}?${NAMED}[^<>\n]*>(?<value>[^<\s]{4,200})</\k<tag>>`,
  'gd',
);
const KUBERNETES_ENV = new RegExp(
  String.raw`\bname:[ \t]*["']?(?<key>[A-Za-z_][\w.-]*)["']?[ \t]*\r?\n[ \t]*value:[ \t]*(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|(?<bare>[^\s#'"][^\s#]*))`,
  'gd',
);
const DOCKERFILE_ENV =
  /^[ \t]*(?:ENV|ARG)[ \t]+(?<key>[A-Za-z_]\w*)[ \t]+(?:"(?<dq>[^"\n]*)"|(?<bare>[^\s"=]\S*))[ \t]*$/dgm;
const JVM_PROPERTY =
  /(?<=\s)-D(?<key>[A-Za-z_][\w.-]*)=(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|(?<bare>[^\s"'][^\s"';]*))/dg;
export const AUTH_CALL = new RegExp(
  String.raw`\b(?:auth|login|basic_?auth|BasicAuth|HTTPBasicAuth|HTTPDigestAuth|authenticate|set_?auth|set_?credentials|bind|simple_bind(?:_s)?|bind_s)[ \t]*(?:=[ \t]*)?\([ \t]*(?:\([ \t]*)?(?<uq>["'])(?<user>[^"'\n]{1,100})\k<uq>[ \t]*,[ \t]*(?<q>["'])(?<value>[^"'\n]{1,200})\k<q>`,
  'gdi',
);

// SQL that sets a password: `CREATE USER app IDENTIFIED BY '…'` (Oracle, MySQL), `ALTER ROLE app
// WITH LOGIN PASSWORD '…'` (PostgreSQL), `CREATE LOGIN app WITH PASSWORD = '…'` (SQL Server).
// MySQL names the plugin first (`IDENTIFIED WITH mysql_native_password BY '…'`); the password may
// be a bare word after BY, but not a keyword (MySQL's `BY PASSWORD` takes a hash).
const SQL_PASSWORD =
  /\b(?:IDENTIFIED[ \t]+(?:WITH[ \t]+['"]?\w+['"]?[ \t]+)?BY|PASSWORD(?:[ \t]*=)?)[ \t]+(?:(?<q>['"])(?!\*[0-9A-Fa-f]{40}['"])(?<value>[^'"\n]{1,200})\k<q>|(?!(?:PASSWORD|VALID|NULL)\b)(?<bare>[\w!@#%^&*+.~-]{6,100}(?!\w)))/dgi;
const SQL_STATEMENT = /\b(?:create|alter)[ \t]+(?:user|role|login)\b|\bidentified[ \t]+by\b|\bset[ \t]+password\b/;

// `requirepass s3cr3t` in redis.conf, `password s3cr3t` in .netrc: a directive without an operator,
// read only in files made of directives (a sentence in prose has the same shape).
// (The blanks around the `;` are one run or two, never split both ways: linear on a run of tabs.)
export const CONF_DIRECTIVE =
  /^[ \t]*(?<key>[A-Za-z_][\w.-]*)[ \t]+(?<bare>[^\s"'#;=:{}][^\s;{}]{5,})[ \t]*(?:;[ \t]*)?$/dgm;
const DIRECTIVE_FILE = /(?:\.(?:conf|cfg|cnf)|(?:^|[/\\])[._]?netrc)$/i;
// A line of PostgreSQL's password file: `host:port:database:user:password` (`*` for any).
// A field holds no line break of any kind: `^` also matches after `\r`, U+2028 and U+2029, and a field
// running past one made a long line quadratic.
const PGPASS_LINE =
  /^[^:\s#][^:\r\n\u2028\u2029]*:[^:\r\n\u2028\u2029]*:[^:\r\n\u2028\u2029]*:(?<user>[^:\r\n\u2028\u2029]*):(?<bare>[^\r\n\u2028\u2029]{4,200})$/dgm;
const PGPASS_FILE = /(?:^|[/\\])(?:\.pgpass|pgpass\.conf)$/i;
// A .netrc entry on one line, in any file: `machine api.example.com login me password s3cr3t`.
const NETRC_LINE = /\blogin[ \t]+[^\s'"]+[ \t]+(?<key>password|passwd)[ \t]+(?<bare>[^\s"'#;]{4,200})(?=[ \t]|$)/dgm;
// A C or RPM macro holding a string: `#define DB_PASSWORD "…"`, `%global token "…"`.
// A value compared with or copied into a named variable: `password.equals("…")`,
// `"…".equals(password)`, C's `strcpy(password, "…")`.
const EQUALS_CALL = /\b(?<key>[A-Za-z_][\w]*)\.equals(?:IgnoreCase)?\([ \t]*"(?<dq>[^"\n]{1,200})"[ \t]*\)/dg;
const EQUALS_REVERSED = /"(?<dq>[^"\n]{1,200})"\.equals(?:IgnoreCase)?\([ \t]*(?:\w+\.)?(?<key>[A-Za-z_]\w*)[ \t]*\)/dg;
const STRING_COPY =
  /\b(?:strn?cpy|strlcpy|strcpy_s|wcscpy|strn?cat)\([ \t]*(?:\w+(?:->|\.))?(?<key>[A-Za-z_]\w*)[ \t]*,(?:[ \t]*\w+[ \t]*,)?[ \t]*"(?<dq>[^"\n]{1,200})"/dg;
// A constant naming a password, then its value, as a call's last two arguments:
// `curl_easy_setopt(curl, CURLOPT_USERPWD, "me:…")`, `put(KEY_PASSWORD, "…")`.
const CONSTANT_ARGUMENT = /[(,][ \t]*(?<key>[A-Z][A-Z0-9_]{2,})[ \t]*,[ \t]*"(?<dq>[^"\n,]{1,200})"[ \t]*\)/dg;
// A key of two words at the start of a line in a document: `Secret Key: …`, `access token = …`.
const SPACED_KEY =
  /(?<![^\n])[ \t#*>-]*(?<key>(?:[A-Za-z]+[ \t])?(?:secret|access|api|auth|authentication|private|client)[ \t]+(?:key|token|secret))[ \t]*[:=][ \t]*(?<bare>[^\s'"]{8,200})[ \t]*\r?(?![^\n])/dgi;
// A value given as the fallback of an environment variable: `password = process.env.DB_PASSWORD ||
// "…"`, `PASSWORD = os.environ.get("PASSWORD") or "…"`, `ENV["DB_PASSWORD"] || "…"`. The match starts at
// the environment read and only then looks back (over the read again) for the name, so the engine
// skips from one read to the next; a name read to its end (`(?![\w$])`) is not given back a character at a
// time, each looking back over the whole name again (quadratic on `process.env.Aaaa…`).
const ENV_READ = String.raw`(?:process\.env(?:\.[A-Za-z_$][\w$]*(?![\w$])|\[["'][\w.-]{1,100}["']\])|(?:os\.environ\.get|os\.getenv|getenv|ENV\.fetch)\([ \t]*["'][\w.-]{1,100}["'][ \t]*\)|(?:os\.environ|ENV)\[["'][\w.-]{1,100}["']\])`;
const ENV_FALLBACK = new RegExp(
  String.raw`${ENV_READ}(?<=(?<![\w.$])(?<key>[A-Za-z_$][\w.$]*)[ \t]*=[ \t]*${ENV_READ})[ \t]*(?:\|\||\?\?|or\b)[ \t]*(?:"(?<dq>[^"\n]{1,200})"|'(?<sq>[^'\n]{1,200})')`,
  'dg',
);
// A C# property with an initial value: `public string Password { get; set; } = "…";`.
const PROPERTY_INITIALIZER =
  /\b(?<key>[A-Za-z_]\w*)[ \t]*\{[ \t]*get;[ \t]*(?:(?:private|protected|internal)[ \t]+)?(?:set|init);[ \t]*\}[ \t]*=[ \t]*"(?<dq>[^"\n]{1,200})"/dg;
// A name and a value as two fields of one object: Postman's `{"key": "password", "value": "…"}`, an
// ECS task definition's or an Azure app setting's `{"name": "DB_PASSWORD", "value": "…"}`, CloudFormation's
// `ParameterKey`/`ParameterValue`; on one line or the value on the next.
const PAIR_OBJECT =
  /(?<![\w-])["']?(?:key|name|parameter_?key|option_?name)["']?[ \t]*[:=][ \t]*(?<kq>["'])(?<key>[A-Za-z_][\w.:-]{0,100})\k<kq>[ \t]*,[ \t]*(?:\r?\n[ \t]*)?["']?(?:value|parameter_?value)["']?[ \t]*[:=][ \t]*(?:"(?<dq>[^"\n]{1,200})"|'(?<sq>[^'\n]{1,200})')/dgi;
// The same in XML: a plist's `<key>api_token</key><string>…</string>`, `<key>password</key><value>…</value>`.
const XML_KEY_SIBLING =
  /<key>(?<key>[A-Za-z_][\w.:-]{0,100})<\/key>[ \t]*(?:\r?\n[ \t]*)?<(?<tag>string|value)>(?<value>[^<\s]{4,200})<\/\k<tag>>/dg;
const MACRO = /^[ \t]*[#%][ \t]*(?:define|global)[ \t]+(?<key>[A-Za-z_]\w*)[ \t]+"(?<dq>[^"\n]{1,200})"/dgm;

const no = () => false;
const yes = () => true;

interface Form {
  pattern: RegExp;
  /** Only in these files (by path). */
  file?: RegExp;
  /** Cheap test on the lower-case text: skip the pattern when it cannot match. */
  present: (lower: string) => boolean;
  quotedValue: boolean;
  attribute: boolean;
  /** The name to classify: the one written, or what the call's second argument is. */
  key?: string;
  weak?: boolean;
  /** The lower-case line around a match must match this (the statement the form belongs to). */
  statement?: RegExp;
  /** An unquoted value needs this statement (ASN.1 writes `IDENTIFIED BY id-PBES2`). */
  bareStatement?: RegExp;
}

const FORMS: Form[] = [
  { pattern: CONF_DIRECTIVE, file: DIRECTIVE_FILE, present: () => true, quotedValue: false, attribute: false },
  {
    pattern: XML_NAMED_VALUE,
    present: (l) => l.includes('value=') || l.includes('value ='),
    quotedValue: true,
    attribute: true,
  },
  { pattern: XML_NAMED_TEXT, present: (l) => l.includes('</'), quotedValue: true, attribute: false },
  { pattern: PAIR_OBJECT, present: (l) => l.includes('value'), quotedValue: true, attribute: false },
  { pattern: XML_KEY_SIBLING, present: (l) => l.includes('<key>'), quotedValue: true, attribute: false },
  { pattern: KUBERNETES_ENV, present: (l) => l.includes('value:'), quotedValue: false, attribute: false },
  {
    pattern: DOCKERFILE_ENV,
    present: (l) => l.includes('env ') || l.includes('arg '),
    quotedValue: false,
    attribute: false,
  },
  { pattern: JVM_PROPERTY, present: (l) => l.includes(' -d'), quotedValue: false, attribute: false },
  { pattern: EQUALS_CALL, present: (l) => l.includes('.equals'), quotedValue: true, attribute: false },
  { pattern: EQUALS_REVERSED, present: (l) => l.includes('.equals'), quotedValue: true, attribute: false },
  { pattern: STRING_COPY, present: (l) => l.includes('str') || l.includes('wcs'), quotedValue: true, attribute: false },
  {
    pattern: CONSTANT_ARGUMENT,
    present: (l) => l.includes('pass') || l.includes('pwd') || l.includes('secret') || l.includes('token'),
    quotedValue: true,
    attribute: false,
  },
  { pattern: SPACED_KEY, present: (l) => / (?:key|token|secret)\b/.test(l), quotedValue: false, attribute: false },
  { pattern: NETRC_LINE, present: (l) => l.includes('login'), quotedValue: false, attribute: false },
  {
    pattern: PGPASS_LINE,
    file: PGPASS_FILE,
    present: () => true,
    quotedValue: false,
    attribute: false,
    key: 'password',
  },
  {
    pattern: MACRO,
    present: (l) => l.includes('define') || l.includes('%global'),
    quotedValue: true,
    attribute: false,
  },
  {
    pattern: ENV_FALLBACK,
    present: (l) =>
      (l.includes('process.env') ||
        l.includes('environ') ||
        l.includes('getenv') ||
        l.includes('env[') ||
        l.includes('env.fetch')) &&
      (l.includes('||') || l.includes('??') || l.includes(' or ')),
    quotedValue: true,
    attribute: false,
    weak: true,
  },
  {
    pattern: PROPERTY_INITIALIZER,
    present: (l) => l.includes('get;'),
    quotedValue: true,
    attribute: false,
  },
  {
    pattern: SQL_PASSWORD,
    present: (l) => l.includes('password') || l.includes('identified'),
    quotedValue: true,
    attribute: false,
    key: 'password',
    statement: SQL_STATEMENT,
    bareStatement: /\b(?:create|alter)[ \t]+(?:user|role|login)\b/,
  },
  {
    pattern: AUTH_CALL,
    present: (l) => l.includes('auth') || l.includes('login') || l.includes('credentials') || l.includes('bind'),
    quotedValue: true,
    attribute: false,
    key: 'password',
    weak: true,
  },
];

function lineAround(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  return text.slice(text.lastIndexOf('\n', offset) + 1, end === -1 ? undefined : end);
}

export function* separatedForms(text: string, context: RuleContext): Iterable<Assignment> {
  const lower = context.lowerText();
  for (const form of FORMS) {
    if (!form.present(lower) || (form.file && !form.file.test(context.file ?? ''))) continue;
    form.pattern.lastIndex = 0;
    for (let m = form.pattern.exec(text); m; m = form.pattern.exec(text)) {
      const groups = m.groups!;
      const name = ['value', 'dq', 'sq', 'bare'].find((g) => groups[g] !== undefined);
      if (!name) continue;
      // A user's name as its password (`postgres:postgres`): a development default.
      if (groups.user !== undefined && groups.user === groups[name]) continue;
      if (form.statement && !form.statement.test(lineAround(lower, m.index))) continue;
      if (form.bareStatement && name === 'bare' && !form.bareStatement.test(lineAround(lower, m.index))) continue;
      const key = form.key ?? groups.key!;
      const quoted = form.quotedValue || name !== 'bare';
      yield {
        key,
        kind: classifyKey(key),
        value: groups[name]!,
        valueStart: m.indices!.groups![name]![0],
        quoted,
        inString: no,
        attribute: form.attribute ? yes : no,
        ...(form.weak ? { weak: true } : {}),
      };
    }
  }
}
