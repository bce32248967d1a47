import { encodedForms, type LeakForm } from './encodings.js';
import { compactPatternText, compactText, COMPACT_VIEW, StreamJoins, TOGETHER_VIEW } from './views.js';

export interface KnownSecret {
  /** How findings refer to the secret, e.g. `secret/database/backend#password`. Never the value. */
  name: string;
  value: string;
}

export interface LeakFinding {
  secret: string;
  form: LeakForm;
  stream: string;
  /** How many times this secret appeared in this form on this stream. */
  count: number;
}

export interface LeakDetectorOptions {
  /**
   * Values shorter than this are only looked for raw, and only as a whole token (not preceded or
   * followed by a letter, digit, `_`, `-`, `+` or `/`, nor followed by `=`): their encodings are a
   * few characters that random output contains by chance. Default 8.
   */
  minEncodedLength?: number;
  /** Values shorter than this are not looked for at all (reported by `ignored()`). Default 4. */
  minLength?: number;
}

interface Pattern {
  secret: string;
  form: LeakForm;
  bytes: Buffer;
  wholeToken: boolean;
}

interface Match {
  pattern: Pattern;
  start: number;
  end: number;
}

/**
 * Finds known secret values in streamed program output — raw, base64/base64url (every alignment),
 * hex, URL-/form-encoded and JSON-escaped — with bounded memory: per stream it keeps only the
 * last (longest form − 1) bytes so a value split across chunks is still found. Matching works on
 * bytes, so multi-byte characters split across chunks are fine, and values are compared
 * literally (regex metacharacters mean nothing here).
 *
 * When a match lies inside a longer match (one value contains another, e.g. a database URL
 * containing its password; or a line of a PEM inside the whole PEM), only the longer one counts.
 * A `partial` finding (one line of a multi-line value) is reported only when that secret was not
 * also found whole on the same stream.
 */
export class LeakDetector {
  private readonly patterns: Pattern[] = [];
  /** Every pattern but the short values' (looked for as whole tokens on one stream only). */
  private readonly longPatterns: Pattern[];
  /** The long patterns as they look in the compact view (whitespace and separators removed). */
  private readonly compactPatterns: Pattern[] = [];
  private readonly ignoredNames: string[] = [];
  private readonly tails = new Map<string, Buffer>();
  private readonly counts = new Map<string, LeakFinding>();
  private readonly overlap: number;
  private readonly joins: StreamJoins;

  constructor(secrets: readonly KnownSecret[], options: LeakDetectorOptions = {}) {
    const minLength = options.minLength ?? 4;
    const minEncoded = options.minEncodedLength ?? 8;
    for (const { name, value: given } of secrets) {
      // Surrounding whitespace (a PEM's final newline) is often dropped when printed; the
      // trimmed value's encodings are substrings of the untrimmed value's, so nothing is lost.
      const value = given.trim();
      if (value.length < minLength) {
        this.ignoredNames.push(name);
        continue;
      }
      const short = value.length < minEncoded;
      for (const { form, bytes } of encodedForms(value, { encodings: !short })) {
        this.patterns.push({ secret: name, form, bytes, wholeToken: short });
      }
    }
    this.longPatterns = this.patterns.filter((pattern) => !pattern.wholeToken);
    const compact = new Set<string>();
    for (const pattern of this.longPatterns) {
      const text = compactPatternText(pattern.bytes.toString('utf8'));
      if (text === undefined || compact.has(`${pattern.secret}\0${text}`)) continue;
      compact.add(`${pattern.secret}\0${text}`);
      this.compactPatterns.push({ ...pattern, bytes: Buffer.from(text, 'utf8') });
    }
    this.overlap = Math.max(0, ...this.patterns.map((p) => p.bytes.length + (p.wholeToken ? 1 : 0)));
    this.joins = new StreamJoins(this.overlap);
  }

  /**
   * Feeds the next chunk of a stream (`stdout`, `stderr`, or any name). Besides each stream on its
   * own, the detector reads two views of all of them: the streams interleaved as they arrive (what
   * a terminal shows: half a value on stdout and half on stderr), and that transcript with
   * whitespace and separators removed (base64 wrapped at 76 columns, a PEM body re-wrapped, hex
   * written `de:ad:be:ef`).
   */
  write(chunk: string | Uint8Array, stream = 'stdout'): void {
    if (this.patterns.length === 0) return;
    const data =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.scan(this.patterns, data, stream);
    this.scanJoins(data, stream);
    this.scan(this.compactPatterns, Buffer.from(compactText(data.toString('latin1')), 'latin1'), COMPACT_VIEW);
  }

  /** A value cut in two between this chunk and another stream's recent lines (`views.ts`). */
  private scanJoins(data: Buffer, stream: string): void {
    for (const { joined, at } of this.joins.across(data, stream)) {
      for (const pattern of this.longPatterns) {
        for (let i = joined.indexOf(pattern.bytes); i !== -1 && i < at; i = joined.indexOf(pattern.bytes, i + 1)) {
          if (i + pattern.bytes.length > at) {
            this.count(pattern, TOGETHER_VIEW);
            break;
          }
        }
      }
    }
  }

  private scan(patterns: readonly Pattern[], data: Buffer, stream: string): void {
    const tail = this.tails.get(stream) ?? Buffer.alloc(0);
    const buffer = tail.length ? Buffer.concat([tail, data]) : data;
    const matches: Match[] = [];
    for (const pattern of patterns) {
      for (let at = buffer.indexOf(pattern.bytes); at !== -1; at = buffer.indexOf(pattern.bytes, at + 1)) {
        const end = at + pattern.bytes.length;
        if (pattern.wholeToken) {
          // Decided once the byte after it is known: now, unless it ends exactly at the end of
          // this buffer (then next call, or end()). Ending earlier inside the tail: decided before.
          if (end < tail.length || end === buffer.length) continue;
          if (!isWholeToken(buffer, at, end, false)) continue;
        } else if (end <= tail.length) {
          continue; // counted by the call in which its last byte arrived
        }
        matches.push({ pattern, start: at, end });
      }
    }
    for (const match of withoutContained(matches)) this.count(match.pattern, stream);
    // Keep enough to see a value that starts in this chunk and ends in the next one.
    const keep = Math.min(buffer.length, this.overlap);
    this.tails.set(stream, Buffer.from(buffer.subarray(buffer.length - keep)));
  }

  /**
   * Call when a stream ends: a short value at the very end of the output (no byte after it yet)
   * is decided now.
   */
  end(stream = 'stdout'): void {
    const tail = this.tails.get(stream);
    if (!tail) return;
    for (const pattern of this.patterns) {
      if (!pattern.wholeToken) continue;
      const at = tail.length - pattern.bytes.length;
      if (at >= 0 && tail.subarray(at).equals(pattern.bytes) && isWholeToken(tail, at, tail.length, true))
        this.count(pattern, stream);
    }
    this.tails.set(stream, Buffer.alloc(0));
  }

  /**
   * Which secret appeared, in which form, on which stream — never the value. The two views report
   * only what no stream on its own showed.
   */
  findings(): LeakFinding[] {
    const all = [...this.counts.values()];
    const whole = new Set(all.filter((f) => f.form !== 'partial').map((f) => `${f.secret}\0${f.stream}`));
    const kept = all.filter((f) => f.form !== 'partial' || !whole.has(`${f.secret}\0${f.stream}`));
    const reported = new Set<string>();
    const out: LeakFinding[] = [];
    for (const tier of [undefined, TOGETHER_VIEW, COMPACT_VIEW]) {
      const found = kept.filter((f) =>
        tier ? f.stream === tier : f.stream !== TOGETHER_VIEW && f.stream !== COMPACT_VIEW,
      );
      const fresh = found.filter((f) => !reported.has(f.secret));
      for (const finding of fresh) out.push({ ...finding });
      for (const finding of found) reported.add(finding.secret);
    }
    return out;
  }

  /** Names of secrets too short to look for (under `minLength`). */
  ignored(): string[] {
    return [...this.ignoredNames];
  }

  /** Bytes currently held (overlap tails, recent lines): bounded by streams × a few longest forms. */
  bufferedBytes(): number {
    let total = 0;
    for (const tail of this.tails.values()) total += tail.length;
    return total + this.joins.held();
  }

  private count(pattern: Pattern, stream: string): void {
    const key = `${pattern.secret}\0${pattern.form}\0${stream}`;
    const existing = this.counts.get(key);
    if (existing) existing.count++;
    else this.counts.set(key, { secret: pattern.secret, form: pattern.form, stream, count: 1 });
  }
}

/**
 * Drops matches lying inside a longer match (sweep by start, longest first). Identical spans are
 * kept: two secrets with the same value are both reported.
 */
function withoutContained(matches: Match[]): Match[] {
  if (matches.length < 2) return matches;
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Match[] = [];
  let reach = { start: -1, end: -1 };
  for (const match of matches) {
    const contained = reach.end > match.end || (reach.end === match.end && reach.start < match.start);
    if (!contained) kept.push(match);
    if (match.end > reach.end) reach = { start: match.start, end: match.end };
  }
  return kept;
}

// Around a short value, these bytes mean "part of a longer word or of base64 text". `=` counts
// only after the value (base64 padding); before it, it is the `key=value` separator.
const TOKEN_BYTE_BEFORE = /[A-Za-z0-9_\-+/]/;
const TOKEN_BYTE_AFTER = /[A-Za-z0-9_\-+/=]/;

function isWholeToken(buffer: Buffer, start: number, end: number, atEnd: boolean): boolean {
  const before = start > 0 ? String.fromCharCode(buffer[start - 1]!) : '';
  const after = atEnd ? '' : String.fromCharCode(buffer[end]!);
  return !TOKEN_BYTE_BEFORE.test(before) && !TOKEN_BYTE_AFTER.test(after);
}

/** One-shot helper: the leaks of `secrets` in a complete text. */
export function findLeaks(
  secrets: readonly KnownSecret[],
  output: string | Uint8Array,
  stream = 'stdout',
): LeakFinding[] {
  const detector = new LeakDetector(secrets);
  detector.write(output, stream);
  detector.end(stream);
  return detector.findings();
}
