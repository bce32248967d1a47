import type { RuleContext } from '../types.js';
import type { Assignment } from './assignment-parse.js';
import { classifyKey, type KeyKind } from './key-names.js';

/**
 * The default written inside a reference to a setting: what runs when nobody sets it, so a real
 * value committed there is as exposed as one assigned outright. The reference names the setting,
 * and that name says what the default is:
 * - shell, Docker Compose and .env interpolation: `${DB_PASSWORD:-…}`, `${DB_PASSWORD:=…}`,
 *   `${DB_PASSWORD-…}` (`${X:?…}` and `${X:+…}` hold a message and an alternative, not a default);
 * - Spring, Quarkus and Micronaut placeholders `${db.password:…}`, Logback's `${db.password:-…}`,
 *   Log4j's lookups `${env:DB_PASSWORD:-…}`;
 * - Helm and Go templates `{{ .Values.password | default "…" }}`, `{{ default "…" .Values.password }}`,
 *   Jinja and Ansible `{{ api_key | default('…') }}`;
 * - GitHub Actions expressions `${{ secrets.TOKEN || '…' }}`;
 * - code's fallback for an unset environment variable: `process.env.API_KEY || '…'`, `?? '…'`,
 *   PHP's `getenv('API_KEY') ?: '…'`, Python's `os.getenv('API_KEY') or '…'`.
 * CloudFormation parameters' defaults are in cloudformation-defaults.ts.
 * Every default is a literal by its syntax, and marked weak: a password must have a digit or a symbol
 * (`postgres`, `localhost` are the defaults of a development setup), the other checks are the
 * assignment rules' own. A default that is itself a reference (`${A:-${B}}`, `$B`) is not matched.
 */

// Log4j's lookups name where the setting is read from before its name (`${sys:…}`, `${env:…}`).
const LOOKUP = '(?:sys|env|ctx|main|spring|docker|k8s|jndi|bundle|web|map|sd|java|lower|upper):';
// A name as Spring or Logback writes it (dots and dashes), then `:` and perhaps a shell operator.
// The value stops at a brace, a `$` (a nested reference), a blank or a quote; it may be quoted whole.
const COLON_DEFAULT = new RegExp(
  String.raw`\$\{(?:${LOOKUP})?(?<key>[A-Za-z_][\w.-]{0,100}):(?<op>[-=?+]?)(?<q>["']?)(?<value>[^{}$\s"']{1,200})\k<q>\}`,
  'dg',
);
// The shell's operators without the colon: a variable's name has no dot or dash here, and the value
// no `:` (`${my-app.password:…}` is a Spring name, read above).
const SHELL_DEFAULT = /\$\{(?<key>[A-Za-z_]\w{0,100})(?<op>[-=])(?<q>["']?)(?<value>[^{}$\s"':]{1,200})\k<q>\}/dg;
// `{{ .Values.db.password | default "…" }}`, `{{ api_key | default('…') }}` (Jinja's `d` is the same filter).
const PIPE_DEFAULT =
  /\{\{-?[ \t]*(?<key>\$?\.?[A-Za-z_][\w.]{0,100})[ \t]*\|[ \t]*(?:default|d)(?:[ \t]*\([ \t]*|[ \t]+)(?<q>["'`])(?<value>[^"'`\n]{1,200})\k<q>/dg;
// Sprig's function form, the default first: `{{ default "…" .Values.password }}`, `(default "…" .Values.x)`.
const CALL_DEFAULT =
  /(?:\{\{-?|\()[ \t]*default[ \t]+(?<q>["'`])(?<value>[^"'`\n]{1,200})\k<q>[ \t]+(?<key>\$?\.[A-Za-z_][\w.]{0,100})/dg;
// An Actions expression's fallback: `${{ secrets.API_TOKEN || '…' }}`, `${{ inputs.password || '…' }}`.
const ACTIONS_FALLBACK =
  /\$\{\{[ \t]*(?<key>[A-Za-z_][\w.-]{0,100})[ \t]*\|\|[ \t]*'(?<value>[^'\n]{1,200})'[ \t]*\}\}/dg;

// Code's fallback for an unset environment variable: JavaScript's `process.env.API_KEY || "…"` (also
// `??`, `process.env["API_KEY"]`, Vite's `import.meta.env.VITE_API_KEY`, Deno's `Deno.env.get("API_KEY")`),
// PHP's `getenv('API_KEY') ?: '…'` and `$_ENV['API_KEY'] ?? '…'`, Python's `os.getenv("API_KEY") or '…'`.
// Judged by the variable's name; assignment-forms.ts judges the same fallback by the name it is
// assigned to (`password = process.env.X || '…'`), which may say more than the variable's.
const ENV_VARIABLE_FALLBACK = new RegExp(
  String.raw`(?:\b(?:process|import\.meta)\.env(?:\.(?<dotted>[A-Za-z_]\w{0,100})|\[[ \t]*(?<kq>["'\`])(?<bracketed>[A-Za-z_]\w{0,100})\k<kq>[ \t]*\])|(?:\bDeno\.env\.get|\bgetenv|\bos\.getenv|\bos\.environ\.get)\([ \t]*(?<cq>["'])(?<called>[A-Za-z_]\w{0,100})\k<cq>[ \t]*\)|\$_(?:ENV|SERVER)\[[ \t]*(?<pq>["'])(?<php>[A-Za-z_]\w{0,100})\k<pq>[ \t]*\])[ \t]*(?:\|\||\?\?|\?:|\bor\b)[ \t]*(?<q>["'\`])(?<value>[^"'\`\n]{1,200})\k<q>`,
  'dg',
);

interface Form {
  pattern: RegExp;
  /** Cheap test on the lower-case text: skip the pattern when it cannot match. */
  present: (lower: string) => boolean;
  /** Not in source code: `${width-10}` in a JavaScript template literal subtracts. */
  notInCode?: boolean;
  /** The setting's own name when the path starts with where it is kept (`secrets.`, `inputs.`): the last part. */
  lastPart?: boolean;
}

const FORMS: Form[] = [
  { pattern: COLON_DEFAULT, present: (l) => l.includes('${') },
  { pattern: SHELL_DEFAULT, present: (l) => l.includes('${'), notInCode: true },
  { pattern: PIPE_DEFAULT, present: (l) => l.includes('{{') && (l.includes('default') || l.includes('| d')) },
  { pattern: CALL_DEFAULT, present: (l) => l.includes('default ') },
  { pattern: ACTIONS_FALLBACK, present: (l) => l.includes('${{') && l.includes('||'), lastPart: true },
  {
    pattern: ENV_VARIABLE_FALLBACK,
    present: (l) => (l.includes('env') || l.includes('$_server')) && /\|\||\?\?|\?:|\bor\b/.test(l),
  },
];

/** `?` gives the message shown when the variable is unset, `+` the value used when it is set. */
const NOT_A_DEFAULT = /^[?+]$/;

const no = () => false;

/**
 * The name the setting goes by: its path without Go's leading `.` or `$.` (`.Values.db.password`), or
 * for Actions the last part, as `secrets.` says where the value is kept, not what it is
 * (`secrets.SLACK_CHANNEL`).
 */
function settingName(path: string, lastPart: boolean): string {
  return lastPart ? path.slice(path.lastIndexOf('.') + 1) : path.replace(/^[$.]+/, '');
}

export function* referenceDefaults(text: string, context: RuleContext): Iterable<Assignment> {
  const lower = context.lowerText();
  for (const form of FORMS) {
    if ((form.notInCode && context.code) || !form.present(lower)) continue;
    form.pattern.lastIndex = 0;
    for (let m = form.pattern.exec(text); m; m = form.pattern.exec(text)) {
      const groups = m.groups!;
      if (NOT_A_DEFAULT.test(groups.op ?? '')) continue;
      const name = groups.key ?? groups.dotted ?? groups.bracketed ?? groups.called ?? groups.php!;
      const key = settingName(name, form.lastPart ?? false);
      yield defaultOf(key, classifyKey(key), groups.value!, m.indices!.groups!.value![0]);
    }
  }
}

/** A default as the assignment rules judge it: a literal, weak (see above). */
export function defaultOf(key: string, kind: KeyKind, value: string, valueStart: number): Assignment {
  return { key, kind, value, valueStart, quoted: true, weak: true, inString: no, attribute: no };
}

/**
 * True when a `key = …` match's name is the setting inside a reference (`${DB_PASSWORD:-…}`,
 * `${sys:db.password:-…}`): the default is read above, with its operator off.
 */
export function insideReference(text: string, keyStart: number): boolean {
  return REFERENCE_OPENING.test(text.slice(Math.max(0, keyStart - 16), keyStart));
}
const REFERENCE_OPENING = new RegExp(String.raw`\$\{(?:${LOOKUP})?$`);
