// Reads the string tables of Go test files without running Go: the elements of a composite literal
// (`[]string{…}` or `map[string]string{…}`) that are string literals, or `+` concatenations of them.
// An element holding anything else (a call, a variable, a generated value) is not literal and is
// reported as such, so that a builder can leave it out.

export interface GoElement {
  /** The map key (a file name in 2ms' `…WPaths` tables); undefined in a `[]string`. */
  key?: string;
  /** The value, unescaped; undefined when the element is not made of literals only. */
  text?: string;
  /** 1-based line of the element's first token in the file. */
  line: number;
}

type Token = { kind: 'string'; value: string; line: number } | { kind: 'punct' | 'other'; value: string; line: number };

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** The value of an interpreted Go string literal's body (between the quotes). */
export function unescapeGo(body: string): string {
  let out = '';
  const bytes: number[] = [];
  const flush = () => {
    if (bytes.length) out += Buffer.from(bytes.splice(0)).toString('utf8');
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      flush();
      out += c;
      continue;
    }
    const e = body[++i]!;
    if (e in SIMPLE_ESCAPES) {
      flush();
      out += SIMPLE_ESCAPES[e];
    } else if (e === 'x') {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (/[0-7]/.test(e)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      flush();
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + n), 16));
      i += n;
    } else throw new Error(`unknown Go escape \\${e}`);
  }
  flush();
  return out;
}

/** Tokens from `start` to the `}` closing the brace just before it; comments are dropped. */
function tokensOfBlock(source: string, start: number): Token[] {
  const tokens: Token[] = [];
  let line = source.slice(0, start).split('\n').length;
  let depth = 0;
  for (let i = start; i < source.length;) {
    const c = source[i]!;
    if (c === '\n') line++;
    if (/\s/.test(c)) {
      i++;
    } else if (source.startsWith('//', i)) {
      i = source.indexOf('\n', i);
      if (i < 0) break;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i) + 2;
      line += source.slice(i, end).split('\n').length - 1;
      i = end;
    } else if (c === '`') {
      const end = source.indexOf('`', i + 1);
      tokens.push({ kind: 'string', value: source.slice(i + 1, end).replace(/\r/g, ''), line });
      line += source.slice(i, end).split('\n').length - 1;
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', value: unescapeGo(source.slice(i + 1, j)), line });
      i = j + 1;
    } else if ('{([)]}'.includes(c)) {
      if ('{(['.includes(c)) depth++;
      else if (depth-- === 0) return tokens;
      tokens.push({ kind: 'punct', value: c, line });
      i++;
    } else if (',:+'.includes(c)) {
      tokens.push({ kind: 'punct', value: c, line });
      i++;
    } else {
      const m = /^[^\s"`{}()[\],:+/]+|^\//.exec(source.slice(i))!;
      tokens.push({ kind: 'other', value: m[0], line });
      i += m[0].length;
    }
  }
  throw new Error('unclosed composite literal');
}

/** `"a" + "b"` → "ab"; anything else → undefined. */
function concatenation(tokens: Token[]): string | undefined {
  if (tokens.length % 2 === 0) return undefined;
  let text = '';
  for (const [i, token] of tokens.entries()) {
    if (i % 2 === 0 ? token.kind !== 'string' : token.value !== '+') return undefined;
    if (i % 2 === 0) text += token.value;
  }
  return text;
}

/** Splits a block's tokens at its top-level commas. */
function elements(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'punct' && '{(['.includes(token.value)) depth++;
    if (token.kind === 'punct' && '})]'.includes(token.value)) depth--;
    if (depth === 0 && token.kind === 'punct' && token.value === ',') out.push([]);
    else out[out.length - 1]!.push(token);
  }
  return out.filter((e) => e.length > 0);
}

/** Every `field: []string{…}` / `field: map[string]string{…}` table of a Go file, by field name. */
export function goStringTables(source: string, fields: readonly string[]): Array<{ field: string; rows: GoElement[] }> {
  const pattern = new RegExp(`\\b(${fields.join('|')})\\s*:\\s*(\\[\\]string|map\\[string\\]string)\\s*\\{`, 'g');
  return [...source.matchAll(pattern)].map((m) => {
    const isMap = m[2]!.startsWith('map');
    const rows = elements(tokensOfBlock(source, m.index + m[0].length)).map((element): GoElement => {
      const line = element[0]!.line;
      if (!isMap) return { text: concatenation(element), line };
      const colon = element.findIndex((t) => t.kind === 'punct' && t.value === ':');
      const key = colon === 1 && element[0]!.kind === 'string' ? element[0]!.value : undefined;
      return { key, text: key === undefined ? undefined : concatenation(element.slice(colon + 1)), line };
    });
    return { field: m[1]!, rows };
  });
}
