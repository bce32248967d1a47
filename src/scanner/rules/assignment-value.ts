/**
 * Reads the value written after a name and its operator (`= "…"`, `: …`): quoted, escaped-quoted, or
 * bare up to the next blank, quote or separator, with what wraps a literal (`Some("…")`) left out.
 */
const WRAPPER = /^(?:(?:Some|Option|Optional\.of|SecretStr|SecretString|String::from)\([ \t]*){1,2}(?=["'])/;
const F_STRING_FIELD = /(?<!\{)\{[A-Za-z_][\w.]*(?:\[[^\]{}]*\]|\([^(){}]*\))*(?:![rsa])?(?::[^{}]*)?\}/;
const UNQUOTED = /(?:[^\s"'`;\\]|\\(?![nrt]))+/y;
const UNQUOTED_QUERY = /(?:[^\s"'`;&\\]|\\(?![nrt]))+/y;

export function readValue(
  text: string,
  start: number,
  queryParameter: boolean,
): { value: string; valueStart: number; quoted: boolean } | undefined {
  // A literal wrapped in an option or a secret type (Scala `Some("…")`, Java `Optional.of("…")`,
  // pydantic `SecretStr("…")`, Rust `Some(String::from("…"))`): the literal is the value.
  start += WRAPPER.exec(text.slice(start, start + 48))?.[0].length ?? 0;
  // String prefixes: Objective-C @"…", Python r"…", b'…', u"…", f"…", C++ L"…", u8"…".
  const prefix = /^(?:@|L|u8|[rRbBuUfF]{1,2})(?=["'])/.exec(text.slice(start, start + 3))?.[0] ?? '';
  start += prefix.length;
  const escaped = /^(?:\\["']|&quot;)/.exec(text.slice(start, start + 6))?.[0];
  if (escaped) {
    // A value quoted with escaped quotes: up to the next one on its line (looked for in a bounded window).
    const valueStart = start + escaped.length;
    const window = text.slice(valueStart, valueStart + 8192);
    const end = window.indexOf(escaped);
    if (end === -1 || window.lastIndexOf('\n', end) !== -1) return undefined;
    return { value: window.slice(0, end), valueStart, quoted: true };
  }
  const quote = text[start];
  if (quote === '"' || quote === "'" || quote === '`') {
    let end = start + 1;
    const limit = Math.min(text.length, start + 8192);
    while (end < limit && text[end] !== quote && text[end] !== '\n') {
      end += text[end] === '\\' ? 2 : 1;
    }
    if (text[end] !== quote) return undefined;
    const value = text.slice(start + 1, end);
    // An f-string that interpolates (`f"{user}:{password}"`) is built by code; `{{` is a brace.
    if (/f/i.test(prefix) && F_STRING_FIELD.test(value)) return undefined;
    return { value, valueStart: start + 1, quoted: true };
  }
  // Unquoted: up to a space, a quote, `;` (connection strings), an escaped line break inside a
  // JSON string (`"TOKEN=…\nNEXT=…"`), and `&` after a query parameter (`?token=…&page=2`).
  // `password: <PostgreSQL PW>`: a placeholder in angle brackets may hold spaces; it is one value.
  if (text[start] === '<') {
    const close = /^<[^<>\n"'`]{1,80}>/.exec(text.slice(start, start + 82))?.[0];
    if (close) return { value: close, valueStart: start, quoted: false };
  }
  const pattern = queryParameter ? UNQUOTED_QUERY : UNQUOTED;
  pattern.lastIndex = start;
  const token = closeBrackets(pattern.exec(text)?.[0]);
  if (!token) return undefined;
  return { value: token, valueStart: start, quoted: false };
}

/** Drops a trailing `,` and closing brackets that the value did not open (`x)` in `f(x)`, `}` of an object). */
function closeBrackets(token: string | undefined): string | undefined {
  let value = token?.replace(/(?<!,),+$/, '');
  const count = (v: string, c: string) => v.split(c).length - 1;
  while (value && /[)}\]]$/.test(value)) {
    const close = value[value.length - 1]!;
    const open = close === ')' ? '(' : close === '}' ? '{' : '[';
    if (count(value, open) >= count(value, close)) break;
    value = value.slice(0, -1).replace(/(?<!,),+$/, '');
  }
  return value;
}
