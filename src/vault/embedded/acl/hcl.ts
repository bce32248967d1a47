/**
 * A parser for the part of HCL (version 1, which Vault and OpenBao parse policies with) that
 * policies use: `key = value`, `key "label" … { body }`, strings, numbers, booleans, lists,
 * nested objects and comments — and JSON, which is valid HCL. No maintained npm package parses
 * HCL 1: the ones that exist wrap HCL 2 (a different grammar and different errors) in WASM or
 * GopherJS, so this small hand-written one keeps the policy dialect and its error positions.
 */
export type HclValue = string | number | boolean | HclValue[] | HclObject;

/** A body: every key with its items in order (a key may repeat, e.g. many `path` stanzas). */
export interface HclObject {
  kind: 'object';
  items: HclItem[];
}

export interface HclItem {
  key: string;
  /** Labels between the key and a block (`path "secret/*" { … }` has label `secret/*`). */
  labels: string[];
  value: HclValue;
  line: number;
  /** 1-based line and column of the value, for HCL-style error positions. */
  valueLine: number;
  valueColumn: number;
}

export class HclError extends Error {}

type TokenType = 'ident' | 'string' | 'number' | 'bool' | 'punct' | 'eof';
interface Token {
  type: TokenType;
  text: string;
  value?: string | number | boolean;
  line: number;
  column: number;
}

export function parseHcl(source: string): HclObject {
  const parser = new Parser(tokenize(source));
  return parser.body(true);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const at = (offset: number) => ({ line, column: offset - lineStart + 1 });
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && source[i + 1] === '/')) {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new HclError(`At ${line}:${i - lineStart + 1}: comment not terminated`);
      for (let k = i; k < end; k++) {
        if (source[k] === '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      i = end + 2;
      continue;
    }
    const pos = at(i);
    if ('{}[],=:'.includes(c)) {
      tokens.push({ type: 'punct', text: c, ...pos });
      i++;
      continue;
    }
    if (c === '"') {
      const literal = readStringLiteral(source, i, pos);
      tokens.push(literal.token);
      i = literal.end;
      continue;
    }
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i, i + 64));
    if (number) {
      tokens.push({ type: 'number', text: number[0], value: Number(number[0]), ...pos });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(source.slice(i, i + 4096));
    if (ident) {
      const word = ident[0];
      if (word === 'true' || word === 'false')
        tokens.push({ type: 'bool', text: word, value: word === 'true', ...pos });
      else tokens.push({ type: 'ident', text: word, ...pos });
      i += word.length;
      continue;
    }
    throw new HclError(`At ${pos.line}:${pos.column}: illegal char`);
  }
  // HCL 1 reports end-of-file one column past the last character.
  tokens.push({ type: 'eof', text: 'EOF', line, column: source.length - lineStart + 1 });
  return tokens;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
};

/** A double-quoted literal starting at `start`: its token and the offset just past its closing quote. */
function readStringLiteral(
  source: string,
  start: number,
  pos: { line: number; column: number },
): { token: Token; end: number } {
  let j = start + 1;
  let value = '';
  for (;;) {
    if (j >= source.length || source[j] === '\n')
      throw new HclError(`At ${pos.line}:${pos.column}: literal not terminated`);
    const d = source[j]!;
    if (d === '"') break;
    if (d === '\\') {
      const e = source[j + 1];
      if (e !== undefined && SIMPLE_ESCAPES[e] !== undefined) {
        value += SIMPLE_ESCAPES[e];
        j += 2;
        continue;
      }
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(j + 2, j + 6))) {
        value += String.fromCharCode(Number.parseInt(source.slice(j + 2, j + 6), 16));
        j += 6;
        continue;
      }
      throw new HclError(`At ${pos.line}:${pos.column}: illegal char escape`);
    }
    value += d;
    j++;
  }
  return { token: { type: 'string', text: source.slice(start, j + 1), value, ...pos }, end: j + 1 };
}

class Parser {
  #pos = 0;
  constructor(private readonly tokens: Token[]) {}

  #peek(): Token {
    return this.tokens[this.#pos]!;
  }

  #next(): Token {
    const token = this.tokens[this.#pos]!;
    if (token.type !== 'eof') this.#pos++;
    return token;
  }

  body(topLevel: boolean): HclObject {
    const items: HclItem[] = [];
    for (;;) {
      const token = this.#peek();
      if (token.type === 'eof') {
        if (topLevel) return { kind: 'object', items };
        // HCL 1 reports this one a column further than a list's EOF.
        throw new HclError(`At ${token.line}:${token.column + 1}: object expected closing RBRACE got: EOF`);
      }
      if (token.type === 'punct' && token.text === '}') {
        if (topLevel) throw new HclError(`At ${token.line}:${token.column}: expected: IDENT | STRING got: RBRACE`);
        this.#next();
        return { kind: 'object', items };
      }
      if (token.type === 'punct' && token.text === ',') {
        this.#next();
        continue;
      }
      items.push(this.#item());
    }
  }

  #item(): HclItem {
    const keyToken = this.#next();
    if (keyToken.type !== 'ident' && keyToken.type !== 'string') {
      throw new HclError(
        `At ${keyToken.line}:${keyToken.column}: expected: IDENT | STRING got: ${tokenName(keyToken)}`,
      );
    }
    const key = String(keyToken.value ?? keyToken.text);
    const labels: string[] = [];
    for (;;) {
      const token = this.#peek();
      if (token.type === 'punct' && (token.text === '=' || token.text === ':')) {
        // `foo bar = …`: HCL allows labels only before a block.
        if (labels.length > 0 && token.text === '=')
          throw new HclError(`At ${token.line}:${token.column}: nested object expected: LBRACE got: ASSIGN`);
        this.#next();
        const valueToken = this.#peek();
        const value = this.#value();
        return { key, labels, value, line: keyToken.line, valueLine: valueToken.line, valueColumn: valueToken.column };
      }
      if (token.type === 'punct' && token.text === '{') {
        this.#next();
        const value = this.body(false);
        return { key, labels, value, line: keyToken.line, valueLine: token.line, valueColumn: token.column };
      }
      if (token.type === 'string' || token.type === 'ident') {
        this.#next();
        labels.push(String(token.value ?? token.text));
        continue;
      }
      throw new HclError(
        `At ${token.line}:${token.column}: key '${[key, ...labels].join(' ')}' expected start of object ('{') or assignment ('=')`,
      );
    }
  }

  #value(): HclValue {
    const token = this.#next();
    switch (token.type) {
      case 'string':
      case 'number':
      case 'bool':
        return token.value!;
      case 'punct':
        if (token.text === '{') return this.body(false);
        if (token.text === '[') return this.#list();
        break;
      default:
        break;
    }
    throw new HclError(
      `At ${token.line}:${token.column}: Unknown token: ${token.line}:${token.column} ${tokenName(token)} ${token.text}`,
    );
  }

  #list(): HclValue[] {
    const values: HclValue[] = [];
    for (;;) {
      const token = this.#peek();
      if (token.type === 'punct' && token.text === ']') {
        this.#next();
        return values;
      }
      if (token.type === 'eof')
        throw new HclError(
          `At ${token.line}:${token.column}: error parsing list, expected comma or list end, got: EOF`,
        );
      values.push(this.#value());
      const after = this.#peek();
      if (after.type === 'punct' && after.text === ',') {
        this.#next();
        continue;
      }
      if (after.type === 'punct' && after.text === ']') continue;
      throw new HclError(
        `At ${after.line}:${after.column}: error parsing list, expected comma or list end, got: ${tokenName(after)}`,
      );
    }
  }
}

function tokenName(token: Token): string {
  if (token.type === 'eof') return 'EOF';
  if (token.type === 'punct')
    return (
      {
        '{': 'LBRACE',
        '}': 'RBRACE',
        '[': 'LBRACK',
        ']': 'RBRACK',
        ',': 'COMMA',
        '=': 'ASSIGN',
        ':': 'COLON',
      } as Record<string, string>
    )[token.text]!;
  return token.type.toUpperCase();
}
