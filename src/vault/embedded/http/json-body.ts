/**
 * Request bodies are decoded the way OpenBao 2.7 does it, error texts included (observed on
 * `bao server -dev`): the body is a stream of JSON values, each checked in turn; the first one
 * becomes the request data and must be an object (or null); the ones after it only have to be
 * valid JSON. A number a float64 cannot hold fails the decode. The scanner only runs when
 * JSON.parse refuses the body, so valid requests pay nothing for it.
 */
export type BodyResult =
  { ok: true; data: Record<string, unknown> | null; literals?: Map<number, string> } | { ok: false; error: string };

const PREFIX = 'failed to decode JSON input: ';
const INTO_MAP = 'into Go value of type map[string]interface {}';

export function decodeJsonBody(text: string): BodyResult {
  const start = firstNonSpace(text, 0);
  if (start === text.length) return { ok: true, data: null };
  let value: unknown;
  let end = text.length;
  try {
    value = JSON.parse(text);
  } catch {
    const scanned = scan(text, start);
    if ('error' in scanned) return { ok: false, error: PREFIX + scanned.error };
    end = scanned.end;
    value = JSON.parse(text.slice(start, end));
  }
  const typeError = topLevelTypeError(value);
  if (typeError) return { ok: false, error: PREFIX + typeError };
  const literals = numberLiterals(text, start, end);
  if (typeof literals === 'string') return { ok: false, error: PREFIX + literals };
  for (let at = firstNonSpace(text, end); at < text.length; at = firstNonSpace(text, end)) {
    const next = scan(text, at);
    if ('error' in next) return { ok: false, error: PREFIX + next.error };
    const overflow = numberLiterals(text, at, next.end);
    if (typeof overflow === 'string') return { ok: false, error: PREFIX + overflow };
    end = next.end;
  }
  return { ok: true, data: value as Record<string, unknown> | null, literals };
}

function topLevelTypeError(value: unknown): string | undefined {
  if (value === null || (typeof value === 'object' && !Array.isArray(value))) return undefined;
  const kind = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
  return `json: cannot unmarshal ${kind} ${INTO_MAP}`;
}

/**
 * The text of each number not written as a short plain integer (see number-literals.ts), or the
 * error for the first number a float64 cannot hold. Strings are skipped with indexOf, so a body
 * holding one 30 MiB value costs a few native scans.
 */
function numberLiterals(text: string, from: number, to: number): Map<number, string> | string | undefined {
  let literals: Map<number, string> | undefined;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i + 1, to);
      continue;
    }
    if (c !== MINUS && (c < ZERO || c > NINE)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to && NUMBER_CHARS.has(text.charCodeAt(j))) j++;
    const token = text.slice(i, j);
    i = j;
    if (/^-?\d{1,15}$/.test(token)) continue;
    const value = Number(token);
    if (!Number.isFinite(value)) return `json: cannot unmarshal number ${token} into Go value of type float64`;
    if (!literals?.has(value)) (literals ??= new Map()).set(value, token);
  }
  return literals;
}

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const NUMBER_CHARS = new Set([...'0123456789.eE+-'].map((c) => c.charCodeAt(0)));

/** The index after the closing quote of a string whose content starts at `i`. */
function stringEnd(text: string, i: number, to: number): number {
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0 || quote >= to) return to;
    let backslashes = 0;
    while (quote - backslashes - 1 >= i && text.charCodeAt(quote - backslashes - 1) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

function firstNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

/** Go's strconv.Quote of one character, in single quotes (`'x'`, `'\n'`, `'"'`). */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const quoted = JSON.stringify(c)
    .slice(1, -1)
    .replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
  return `'${quoted}'`;
}

class ScanError {
  constructor(readonly message: string) {}
}
const EOF = new ScanError('unexpected EOF');
const invalid = (c: string, context: string) => new ScanError(`invalid character ${quoteChar(c)} ${context}`);

/** Checks one value from `start`; returns the index after it. */
function scan(text: string, start: number): { end: number } | { error: string } {
  try {
    return { end: scanValue(text, start) };
  } catch (error) {
    if (error instanceof ScanError) return { error: error.message };
    throw error;
  }
}

type Frame = { kind: 'object' | 'array'; afterComma: boolean };

/** Iterative (deep nesting must not overflow the stack); returns the index after the value. */
function scanValue(text: string, start: number): number {
  const stack: Frame[] = [];
  let i = start;
  for (;;) {
    i = firstNonSpace(text, i);
    if (i >= text.length) throw EOF;
    const c = text[i]!;
    const frame = stack[stack.length - 1];
    // Expecting a value (or, right after `{`, a key; right after `[`, possibly `]`).
    if (c === '{') {
      stack.push({ kind: 'object', afterComma: false });
      i = firstNonSpace(text, i + 1);
      if (i >= text.length) throw EOF;
      if (text[i] === '}') {
        stack.pop();
        i++;
      } else {
        i = scanKey(text, i, false);
        continue;
      }
    } else if (c === '[') {
      stack.push({ kind: 'array', afterComma: false });
      i = firstNonSpace(text, i + 1);
      if (i >= text.length) throw EOF;
      if (text[i] === ']') {
        stack.pop();
        i++;
      } else {
        continue;
      }
    } else if (c === '"') {
      i = scanString(text, i);
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      i = scanNumber(text, i);
    } else if (c === 't' || c === 'f' || c === 'n') {
      i = scanLiteral(text, i);
    } else {
      throw frame?.afterComma
        ? invalid(',', 'looking for beginning of value')
        : invalid(c, 'looking for beginning of value');
    }
    if (frame) frame.afterComma = false;
    // After a complete value: close containers or move to the next element.
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top) return i;
      i = firstNonSpace(text, i);
      if (i >= text.length) throw EOF;
      const d = text[i]!;
      if (top.kind === 'object') {
        if (d === '}') {
          stack.pop();
          i++;
          continue;
        }
        if (d !== ',') throw invalid(d, 'after object key:value pair');
        top.afterComma = true;
        i = scanKey(text, firstNonSpace(text, i + 1), true);
        top.afterComma = false;
        break;
      }
      if (d === ']') {
        stack.pop();
        i++;
        continue;
      }
      if (d !== ',') throw invalid(d, 'after array element');
      top.afterComma = true;
      i++;
      break;
    }
  }
}

/** A key, its colon; returns the index where the value starts. */
function scanKey(text: string, i: number, afterComma: boolean): number {
  if (i >= text.length) throw EOF;
  if (text[i] !== '"') throw invalid(afterComma ? ',' : text[i]!, 'looking for beginning of value');
  const j = firstNonSpace(text, scanString(text, i));
  if (j >= text.length) throw EOF;
  if (text[j] !== ':') throw invalid(text[j]!, 'after object key');
  return j + 1;
}

function scanString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) throw EOF;
    const c = text[i]!;
    if (c === '"') return i + 1;
    if (c < ' ') throw invalid(c, 'in string');
    if (c === '\\') {
      const e = text[i + 1];
      if (e === undefined) throw EOF;
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (hex.length < 4 && i + 6 > text.length && /^[0-9a-fA-F]*$/.test(hex)) throw EOF;
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new ScanError(`invalid escape sequence \`\\u${hex}\` in string`);
        i += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(e)) throw new ScanError(`invalid escape sequence \`\\${e}\` in string`);
      i += 2;
      continue;
    }
    i++;
  }
}

function scanNumber(text: string, start: number): number {
  const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(start, start + 400));
  if (!match) {
    const bad = text[start + 1];
    if (bad === undefined) throw EOF;
    throw invalid(bad, 'in numeric literal');
  }
  const end = start + match[0].length;
  const next = text[end];
  // A number may end the body (a nested one then fails on the missing closer).
  if (next === undefined) return end;
  if (next === '.' || next === 'e' || next === 'E' || next === '-' || next === '+') {
    const after = text[end + 1];
    if (after === undefined) throw EOF;
    throw invalid(after, 'in numeric literal');
  }
  return end;
}

function scanLiteral(text: string, start: number): number {
  const word = text[start] === 't' ? 'true' : text[start] === 'f' ? 'false' : 'null';
  for (let k = 1; k < word.length; k++) {
    const c = text[start + k];
    if (c === undefined) throw EOF;
    if (c !== word[k]) throw invalid(c, `in literal ${word} (expecting ${quoteChar(word[k]!)})`);
  }
  return start + word.length;
}
