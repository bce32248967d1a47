/**
 * Vault decodes request bodies keeping each JSON number's text (Go's `json.Number`), so a field
 * parser sees `1e20` or `1.0`, not the float they stand for: `num_uses: 1e20` fails ParseInt and
 * `ttl: 1e30` fails ParseDuration (unit "e"). JSON.parse keeps only the float, so the body
 * decoder records the text of every number not written as a plain integer, and the field parsers
 * ask for it while the request is served (requests are served synchronously, one at a time).
 */
let current: ReadonlyMap<number, string> | undefined;

export function withNumberLiterals<T>(literals: ReadonlyMap<number, string> | undefined, serve: () => T): T {
  if (!literals) return serve();
  const previous = current;
  current = literals;
  try {
    return serve();
  } finally {
    current = previous;
  }
}

/** The text the client wrote for `value` (its shortest form when it was a plain integer). */
export function numberText(value: number): string {
  return current?.get(value) ?? String(value);
}

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** Go's strconv.ParseInt(text, 10, 64): the value, or which of its errors. */
export function parseInt64(text: string): bigint | 'invalid syntax' | 'value out of range' {
  if (!/^[-+]?\d+$/.test(text)) return 'invalid syntax';
  const value = BigInt(text);
  return value > INT64_MAX || value < INT64_MIN ? 'value out of range' : value;
}
