import type { RuleContext } from '../types.js';
import { separatedForms } from './assignment-forms.js';
import { credentialCalls } from './credential-calls.js';
import { classifyKey, type KeyKind } from './key-names.js';
import { namedDefaults } from './named-defaults.js';
import { secretStoreCommands } from './secret-store-commands.js';
import { insideReference } from './reference-defaults.js';
import { readValue } from './assignment-value.js';

/**
 * The places where a value is written next to a name that says what it is: `key = value`,
 * `key: value`, `"key": "value"`, `<key>value</key>` (also over several lines),
 * `if (key == "value")`, `("key", "value")` argument pairs, `key "value";` directives and
 * values labelled in prose (`API token: "…"`).
 */
export interface Assignment {
  key: string;
  /** What the name says the value is (classifyKey). */
  kind: KeyKind;
  value: string;
  valueStart: number;
  quoted: boolean;
  /**
   * True when the name and value sit inside a string literal of code (`"…;Password=x;…"`).
   * Computed on demand: most assignments are rejected before anyone asks.
   */
  inString: () => boolean;
  /** A comparison, an argument pair or a directive: less sure than `key = value`, so values need more. */
  weak?: boolean;
  /** An attribute of an HTML or XML tag (`<input name="…" value="…">`); on demand too. */
  attribute: () => boolean;
}

const no = () => false;

// Every pattern starts at its operator (`=`, `:`, `==`, `(`, `,`) and checks the name before it
// with a lookbehind: the engine then skips ahead to the next operator instead of trying a name
// at every character, which keeps large files fast.
const NAME = String.raw`[A-Za-z_$][\w.\-$]*`;
// A name, optionally quoted, then one of = : := => (not == or <= or >=). Python/TS type
// annotations (`password: str = "…"`) are handled after the match. A C array declaration's size
// (`char secret[25] = "…"`) may follow the name.
// Makefiles assign with `?=` too, shells and most languages append with `+=` (the literal appended is
// part of the value); `config["JWT_SECRET"] = …` names the value by its subscript.
// A name may be written escaped inside a string (`"{\"password\":\"…\"}"`, JSON in a JSON string)
// or in HTML (`{&quot;api_key&quot;:&quot;…&quot;}` in an attribute).
const KEY_OP = new RegExp(
  String.raw`(?<op>:=|\?=|\+=|=>|=|:(?!:))(?<=(?:(?<![\w.$-])(?:"(?<dq>${NAME})"|'(?<sq>${NAME})'|\\"(?<eq>${NAME})\\"|&quot;(?<hq>${NAME})&quot;|(?<bare>${NAME}))(?:\[\d*\])?|\[["'](?<sub>${NAME})["']\])[ \t]*\k<op>)[ \t]*`,
  'g',
);
const TYPE_NAMES = new Set(['string', 'String', 'str', 'int', 'bool', 'byte']);
// Visual Basic puts `As` between them (`Dim Password As String = "…"`).
const TYPED_NAME = /(?<![\w.$])([A-Za-z_$][\w$]*)[ \t]+(?:As[ \t]+)?$/;
const XML_ELEMENT = /<([A-Za-z_][\w.-]*)>\s*([^<\s]{4,200})\s*<\/\1>/g;
// Spaces belong to the name part, a tab starts the blank before `=`: one way to split, linear on a run of blanks.
// A Rust reference type may lead (`&str`, `&'static str`).
export const ANNOTATION = /^(?:&(?:'[A-Za-z_]\w*[ \t]+)?)?[A-Za-z_][\w.[\], |]*(?:\t[ \t]*)?=(?!=)[ \t]*/;
/** A quoted string: its quote is group `<name>q`, its content group `<name>`. */
const quoted = (name: string) =>
  String.raw`(?<${name}q>["'${'`'}])(?<${name}>(?:\\.|(?!\k<${name}q>)[^\\\n])*)\k<${name}q>`;
/** The same, to be matched inside a lookbehind (no backreference: one alternative per quote). */
const QUOTED_BEHIND = String.raw`(?:"(?<v1>(?:[^"\\\n]|\\.)*)"|'(?<v2>(?:[^'\\\n]|\\.)*)'|${'`'}(?<v3>(?:[^${'`'}\\\n]|\\.)*)${'`'})`;
const IDENT = String.raw`[A-Za-z_$][\w.$]*`;
const EQUALS = String.raw`(?:===?|!==?)`;
// `name == "value"` and `"value" == name` (==, ===, !=, !==).
const COMPARE_RIGHT = new RegExp(
  String.raw`${EQUALS}(?<=(?<![\w.$])(?<key>${IDENT})[ \t]*${EQUALS})[ \t]*${quoted('value')}`,
  'gd',
);
const COMPARE_LEFT = new RegExp(
  String.raw`${EQUALS}(?<=${QUOTED_BEHIND}[ \t]*${EQUALS})[ \t]*(?<key>${IDENT})(?![\w.$(])`,
  'gd',
);
// ("name", "value"): a setting's name and its (default) value as arguments or a pair.
const PAIR = new RegExp(
  String.raw`,(?<=(?:"(?<k1>[A-Za-z_][\w.-]*)"|'(?<k2>[A-Za-z_][\w.-]*)')[ \t]*,)[ \t]*${quoted('value')}`,
  'gd',
);
// name("value") and name.assign("value"): a constructor or setter given a literal
// (`std::string secret("…")`, `ds.setPassword("…")`, `builder.password("…")`).
const CALL = new RegExp(
  String.raw`\((?<=(?<![\w$])(?<key>[A-Za-z_$][\w$]*)(?:\.(?:assign|set))?\()[ \t]*${quoted('value')}[ \t]*[,)]`,
  'gd',
);
// `password "value";` at the start of a line (nginx-, Ruby- or C-style directives). The lookahead for
// a quote comes first, so the lookbehind (which walks back over blanks) runs only at quotes: tried at
// every position, it made a long run of blanks quadratic (80 s for a 100,000-blank line).
const DIRECTIVE = new RegExp(
  String.raw`(?=["'${'`'}])(?<=^[ \t]*(?<key>[A-Za-z_][\w.-]*)[ \t]+)${quoted('value')}[ \t]*;?[ \t]*$`,
  'gmd',
);

// A value labelled in prose or a log line: `API token: "…"`, `slack token - '…'`, `secret `…``.
// Only token characters in the value: this form is for key material, not for phrases. The quote is
// looked for first, as in DIRECTIVE.
const LABELLED = new RegExp(
  String.raw`(?=["'${'`'}])(?<=(?<![\w-])(?<key>(?:[A-Za-z]+[ _-])?(?:token|secret|key|api[ _-]?key|password|passwd|credentials?))[ \t]*(?:[-:=–][ \t]*)?)(?<q>["'${'`'}])(?<value>[A-Za-z0-9+/=_.~-]{16,})\k<q>`,
  'gdi',
);

// The assignment rules run one after the other on the same text: parse it once.
let cached: { text: string; code: boolean; list: Assignment[] } | undefined;

export function assignments(text: string, context: RuleContext): Assignment[] {
  if (cached?.text !== text || cached.code !== context.code)
    cached = { text, code: context.code, list: [...parseAssignments(text, context)] };
  return cached.list;
}

function* parseAssignments(text: string, context: RuleContext): Iterable<Assignment> {
  KEY_OP.lastIndex = 0;
  for (let match = KEY_OP.exec(text); match; match = KEY_OP.exec(text)) {
    const groups = match.groups!;
    let key = (groups.dq ?? groups.sq ?? groups.eq ?? groups.hq ?? groups.bare ?? groups.sub)!;
    const op = groups.op!;
    const quotes = groups.hq ? 12 : groups.eq ? 4 : groups.bare ? 0 : 2;
    let keyStart = groups.sub ? text.lastIndexOf('[', match.index) : nameStart(text, match.index, key, quotes);
    // A typed declaration (`const PASSWORD string = …`, `var token String = …`): the name is before the type.
    if (groups.bare && TYPE_NAMES.has(key)) {
      const named = TYPED_NAME.exec(text.slice(Math.max(0, keyStart - 80), keyStart));
      if (!named) continue;
      key = named[1]!;
      keyStart -= named[0].length;
    }
    const before = text[keyStart - 1];
    if (before === '<' || before === '>' || before === '!' || before === '=') continue;
    // `${DB_PASSWORD:-…}`: a reference with a default, read with its operator off (referenceDefaults).
    if ((before === '{' || before === ':') && insideReference(text, keyStart)) continue;
    // `cond ? 'password' : 'generic'`: a conditional's two results in code, not a name and its value.
    if (
      op === ':' &&
      context.code &&
      (groups.dq ?? groups.sq) &&
      /\?[ \t]*$/.test(text.slice(Math.max(0, keyStart - 40), keyStart))
    )
      continue;
    const opEnd = match.index + op.length;
    // `==` compares in code; in .env or .properties files `KEY==x` assigns "=x".
    if (op === '=' && text[opEnd] === '=' && context.code) continue;
    let valueStart = match.index + match[0].length;
    if (op === ':' && context.code) {
      const annotation = ANNOTATION.exec(text.slice(valueStart, valueStart + 80));
      if (annotation && !/^["'`]/.test(text.slice(valueStart))) valueStart += annotation[0].length;
    }
    // `"Server=db;Password=…;"`, `"?token=…"`: `=` inside a string literal assigns a literal. A URL's
    // fragment holds parameters too (`…/callback#access_token=…&token_type=Bearer`, OAuth's implicit grant).
    const queryParameter = before === '?' || before === '&' || (before === '#' && /\S/.test(text[keyStart - 2] ?? ''));
    const value = readValue(text, valueStart, queryParameter);
    if (!value) continue;
    // In a query string, `?key=…` is an API key (Google's, and many more) and `&sig=…` a signature
    // that grants access (Azure SAS); elsewhere `key` names a map entry.
    const queryKey = (before === '?' || before === '&') && /^(?:key|sig|signature)$/i.test(key);
    const kind = queryKey ? 'secret' : classifyKey(key);
    // A URL's parameter named as a secret is text in code too (a URL in a comment); other parameters are not judged so.
    const urlSecret = queryParameter && kind !== 'neutral';
    const inString =
      context.code && op === '=' ? () => insideString(text, keyStart) || (urlSecret && insideUrl(text, keyStart)) : no;
    yield { key, kind, ...value, inString, attribute: () => insideTag(text, keyStart) };
  }
  XML_ELEMENT.lastIndex = 0;
  for (let match = XML_ELEMENT.exec(text); match; match = XML_ELEMENT.exec(text)) {
    const valueStart = match.index + match[0].indexOf(match[2]!, match[1]!.length + 2);
    const key = match[1]!;
    yield { key, kind: classifyKey(key), value: match[2]!, valueStart, quoted: true, inString: no, attribute: no };
  }
  yield* quotedForms(text);
  yield* separatedForms(text, context);
  yield* credentialCalls(text, context.lowerText());
  yield* namedDefaults(text, context);
  yield* secretStoreCommands(text, context);
}

/**
 * A parameter of a URL written out in code (`// https://…/callback#access_token=…`, a URL in a
 * string or a comment): its value is text, not an expression, though no quote is around it.
 */
function insideUrl(text: string, keyStart: number): boolean {
  let start = keyStart;
  const limit = Math.max(0, keyStart - 2000);
  while (start > limit && !/[\s"'`]/.test(text[start - 1]!)) start--;
  return text.slice(start, keyStart).includes('://');
}

/** Where the name of a KEY_OP match starts: back over blanks, an array size and a closing quote. */
function nameStart(text: string, opAt: number, key: string, quotes: number): number {
  let i = opAt;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  if (text[i - 1] === ']') i = text.lastIndexOf('[', i - 1);
  return i - key.length - quotes;
}

function* quotedForms(text: string): Iterable<Assignment> {
  if (text.includes('=') && (text.includes('==') || text.includes('!='))) {
    yield* weakForms(text, COMPARE_RIGHT, ['key'], ['value']);
    yield* weakForms(text, COMPARE_LEFT, ['key'], ['v1', 'v2', 'v3']);
  }
  yield* weakForms(text, PAIR, ['k1', 'k2'], ['value']);
  // A credential's constructor takes the user first (`PSCredential('DOMAIN\\me', $pw)`); its password,
  // the second argument, is credentialCalls' to find.
  for (const call of weakForms(text, CALL, ['key'], ['value'])) if (!/credentials?$/i.test(call.key)) yield call;
  yield* weakForms(text, DIRECTIVE, ['key'], ['value']);
  yield* weakForms(text, LABELLED, ['key'], ['value']);
}

/** Matches of a comparison, pair, call or directive pattern: the first set name and value groups. */
function* weakForms(text: string, pattern: RegExp, keyGroups: string[], valueGroups: string[]): Iterable<Assignment> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].length === 0) pattern.lastIndex++;
    const keyName = keyGroups.find((g) => match.groups![g] !== undefined);
    const valueName = valueGroups.find((g) => match.groups![g] !== undefined);
    if (!keyName || !valueName) continue;
    const value = match.groups![valueName]!;
    const valueStart = match.indices!.groups![valueName]![0];
    const key = match.groups![keyName]!;
    yield { key, kind: classifyKey(key), value, valueStart, quoted: true, inString: no, attribute: no, weak: true };
  }
}

// Context is looked for this far back at most: minified files have lines of megabytes.
const LOOK_BACK = 1000;

/** True when `offset` is inside an opening tag on its line (`<input type="hidden" value=…`). */
function insideTag(text: string, offset: number): boolean {
  const before = text.slice(Math.max(0, offset - LOOK_BACK), offset);
  const open = before.lastIndexOf('<');
  if (open === -1) return false;
  const inside = before.slice(open);
  return /^<[A-Za-z][\w:.-]*\s/.test(inside) && !inside.includes('>') && !inside.includes('\n');
}

/** True when `offset` is inside a quoted string on its line (an odd number of unescaped quotes before it). */
function insideString(text: string, offset: number): boolean {
  const before = text.slice(Math.max(0, offset - LOOK_BACK), offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  if (lineStart === 0 && offset > LOOK_BACK) return false;
  let open: string | undefined;
  for (let i = lineStart; i < before.length; i++) {
    const char = before[i]!;
    if (char === '\\') i++;
    else if (open === undefined && (char === '"' || char === "'" || char === '`')) open = char;
    else if (char === open) open = undefined;
  }
  return open !== undefined;
}
