import type { RuleContext } from '../types.js';

/**
 * The places where a value is written next to a name that says what it is: `key = value`,
 * `key: value`, `"key": "value"`, `<key>value</key>` (also over several lines),
 * `if (key == "value")`, `("key", "value")` argument pairs, and `key "value";` directives.
 */
export interface Assignment {
  key: string;
  value: string;
  valueStart: number;
  quoted: boolean;
  /** True when the name and value sit inside a string literal of code (`"…;Password=x;…"`). */
  inString: boolean;
  /** A comparison, an argument pair or a directive: less sure than `key = value`, so values need more. */
  weak?: boolean;
  /** An attribute of an HTML or XML tag (`<input name="…" value="…">`). */
  attribute?: boolean;
}

// A key, optionally quoted, then one of = : := => (not == or <= or >=). Python/TS type
// annotations (`password: str = "…"`) are handled after the match.
// A C array declaration's size (`char secret[25] = "…"`) may follow the name.
const KEY_OP = /(?<![\w.$-])(["']?)([A-Za-z_$][\w.\-$]*)\1(?:\[\d*\])?[ \t]*(:=|=>|=|:(?!:))[ \t]*/g;
const XML_ELEMENT = /<([A-Za-z_][\w.-]*)>\s*([^<>\s]{4,200})\s*<\/\1>/g;
const ANNOTATION = /^[A-Za-z_][\w.[\], |]*?[ \t]*=(?!=)[ \t]*/;
/** A quoted string whose quote is capture group `n` (its content is group n + 1). */
const quoted = (n: number) => `(["'\`])((?:\\\\.|(?!\\${n})[^\\\\\\n])*)\\${n}`;
const IDENT = String.raw`[A-Za-z_$][\w.$]*`;
// `name == "value"` and `"value" == name` (==, ===, !=, !==).
const COMPARE_RIGHT = new RegExp(String.raw`(?<![\w.$])(${IDENT})[ \t]*(?:===?|!==?)[ \t]*${quoted(2)}`, 'g');
const COMPARE_LEFT = new RegExp(String.raw`${quoted(1)}[ \t]*(?:===?|!==?)[ \t]*(${IDENT})(?![\w.$(])`, 'g');
// ("name", "value"): a setting's name and its (default) value as arguments or a pair.
const PAIR = new RegExp(String.raw`(["'])([A-Za-z_][\w.-]*)\1[ \t]*,[ \t]*${quoted(3)}`, 'g');
// name("value") and name.assign("value"): a constructor or setter given a literal
// (`std::string secret("…")`, `setPassword("…")`).
const CALL = new RegExp(
  String.raw`(?<![\w.$])([A-Za-z_$][\w$]*)(?:\.(?:assign|set))?\([ \t]*${quoted(2)}[ \t]*[,)]`,
  'g',
);
// `password "value";` at the start of a line (nginx-, Ruby- or C-style directives).
const DIRECTIVE = new RegExp(String.raw`^[ \t]*([A-Za-z_][\w.-]*)[ \t]+${quoted(2)}[ \t]*;?[ \t]*$`, 'gm');

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
    const key = match[2]!;
    const before = text[match.index - 1];
    if (before === '<' || before === '>' || before === '!' || before === '=') continue;
    const opEnd = match.index + match[0].trimEnd().length;
    // `==` compares in code; in .env or .properties files `KEY==x` assigns "=x".
    if (match[3] === '=' && text[opEnd] === '=' && context.code) continue;
    let valueStart = match.index + match[0].length;
    if (match[3] === ':' && context.code) {
      const annotation = ANNOTATION.exec(text.slice(valueStart, valueStart + 80));
      if (annotation && !/^["'`]/.test(text.slice(valueStart))) valueStart += annotation[0].length;
    }
    // `"Server=db;Password=…;"`, `"?token=…"`: `=` inside a string literal assigns a literal.
    const inString = context.code && match[3] === '=' && insideString(text, match.index);
    const value = readValue(text, valueStart, before === '?' || before === '&');
    if (value) yield { key, ...value, inString, ...(insideTag(text, match.index) ? { attribute: true } : {}) };
  }
  XML_ELEMENT.lastIndex = 0;
  for (let match = XML_ELEMENT.exec(text); match; match = XML_ELEMENT.exec(text)) {
    const valueStart = match.index + match[0].indexOf(match[2]!, match[1]!.length + 2);
    yield { key: match[1]!, value: match[2]!, valueStart, quoted: true, inString: false };
  }
  yield* quotedForms(text);
}

function* quotedForms(text: string): Iterable<Assignment> {
  const forms: Array<[RegExp, number, number]> = [
    // [pattern, group of the name, group of the quoted value]
    [COMPARE_RIGHT, 1, 3],
    [COMPARE_LEFT, 3, 2],
    [PAIR, 2, 4],
    [CALL, 1, 3],
    [DIRECTIVE, 1, 3],
  ];
  for (const [pattern, keyGroup, valueGroup] of forms) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const value = match[valueGroup]!;
      const key = match[keyGroup]!;
      const quoteAt = pattern === COMPARE_LEFT ? match.index : match.index + match[0].lastIndexOf(value) - 1;
      yield { key, value, valueStart: quoteAt + 1, quoted: true, inString: false, weak: true };
    }
  }
}

/** True when `offset` is inside an opening tag on its line (`<input type="hidden" value=…`). */
function insideTag(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const open = text.lastIndexOf('<', offset);
  return (
    open >= lineStart &&
    /^<[A-Za-z][\w:.-]*\s/.test(text.slice(open, offset)) &&
    !text.slice(open, offset).includes('>')
  );
}

/** True when `offset` is inside a quoted string on its line (an odd number of unescaped quotes before it). */
function insideString(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let open: string | undefined;
  for (let i = lineStart; i < offset; i++) {
    const char = text[i]!;
    if (char === '\\') i++;
    else if (open === undefined && (char === '"' || char === "'" || char === '`')) open = char;
    else if (char === open) open = undefined;
  }
  return open !== undefined;
}

function readValue(
  text: string,
  start: number,
  queryParameter: boolean,
): { value: string; valueStart: number; quoted: boolean } | undefined {
  // String prefixes: Objective-C @"…", Python r"…", b'…', u"…" (f-strings: see isReference).
  const prefix = /^(?:@|[rRbBuU]{1,2})(?=["'])/.exec(text.slice(start, start + 3))?.[0].length ?? 0;
  start += prefix;
  const quote = text[start];
  if (quote === '"' || quote === "'" || quote === '`') {
    let end = start + 1;
    while (end < text.length && text[end] !== quote && text[end] !== '\n') {
      end += text[end] === '\\' ? 2 : 1;
    }
    if (text[end] !== quote) return undefined;
    return { value: text.slice(start + 1, end), valueStart: start + 1, quoted: true };
  }
  const lineEnd = text.indexOf('\n', start);
  const rest = text.slice(start, lineEnd === -1 ? undefined : lineEnd);
  // Unquoted: up to a space, a quote, `;` (connection strings), an escaped line break inside a
  // JSON string (`"TOKEN=…\nNEXT=…"`), and `&` after a query parameter (`?token=…&page=2`).
  const token = closeBrackets(
    (queryParameter ? /^[^\s"'`;&]+?(?=\\[nrt]|[\s"'`;&]|$)/ : /^[^\s"'`;]+?(?=\\[nrt]|[\s"'`;]|$)/).exec(rest)?.[0],
  );
  if (!token) return undefined;
  return { value: token, valueStart: start, quoted: false };
}

/** Drops a trailing `,` and closing brackets that the value did not open (`x)` in `f(x)`, `}` of an object). */
function closeBrackets(token: string | undefined): string | undefined {
  let value = token?.replace(/,+$/, '');
  const count = (v: string, c: string) => v.split(c).length - 1;
  while (value && /[)}\]]$/.test(value)) {
    const close = value[value.length - 1]!;
    const open = close === ')' ? '(' : close === '}' ? '{' : '[';
    if (count(value, open) >= count(value, close)) break;
    value = value.slice(0, -1).replace(/,+$/, '');
  }
  return value;
}
