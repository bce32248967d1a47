import type { CreateLeakDetector, LeakDetector, LeakEncoding, LeakFinding, OutputStream } from './ports.js';
import type { KnownSecret } from './secrets.js';

/**
 * TO BE REPLACED: a minimal stand-in for src/scanner's streaming leak detector, so the grader's
 * suite is honest until that lands. When merging, point `createLeakDetector` at src/scanner and
 * delete the rest of this file; nothing else in the grader imports it.
 *
 * Each secret becomes a set of needles (raw, JSON-escaped, URL-encoded, hex in both cases, and
 * base64/base64url at all three byte alignments), searched in each stream with a carry-over of
 * the longest needle, so a value split across chunks is still found and memory stays bounded.
 */
const MIN_NEEDLE = 8;

interface Needle {
  label: string;
  encoding: LeakEncoding;
  text: string;
}

export const createLeakDetector: CreateLeakDetector = (secrets) => new NeedleLeakDetector(secrets);

class NeedleLeakDetector implements LeakDetector {
  readonly #needles: Needle[];
  readonly #carryLength: number;
  readonly #carry: Record<OutputStream, string> = { stdout: '', stderr: '' };
  readonly #found = new Map<string, LeakFinding>();

  constructor(secrets: readonly KnownSecret[]) {
    this.#needles = secrets.flatMap(needlesFor);
    this.#carryLength = Math.max(0, ...this.#needles.map((needle) => needle.text.length - 1));
  }

  write(stream: OutputStream, chunk: string): void {
    if (!chunk || this.#needles.length === 0) return;
    const text = this.#carry[stream] + chunk;
    for (const needle of this.#needles) {
      const key = `${needle.label}\0${needle.encoding}\0${stream}`;
      if (this.#found.has(key)) continue;
      if (text.includes(needle.text)) this.#found.set(key, { label: needle.label, encoding: needle.encoding, stream });
    }
    this.#carry[stream] = text.slice(-this.#carryLength);
  }

  end(stream: OutputStream): void {
    this.#carry[stream] = '';
  }

  findings(): LeakFinding[] {
    return [...this.#found.values()];
  }
}

function needlesFor(secret: KnownSecret): Needle[] {
  const bytes = Buffer.from(secret.value, 'utf8');
  const candidates: Array<[LeakEncoding, string]> = [
    ['raw', secret.value],
    ['json-escaped', JSON.stringify(secret.value).slice(1, -1)],
    ['url-encoded', encodeURIComponent(secret.value)],
    ['hex', bytes.toString('hex')],
    ['hex-upper', bytes.toString('hex').toUpperCase()],
  ];
  for (const core of base64Cores(bytes)) {
    candidates.push(['base64', core]);
    candidates.push(['base64url', core.replace(/\+/g, '-').replace(/\//g, '_')]);
  }
  const seen = new Set<string>();
  const needles: Needle[] = [];
  for (const [encoding, text] of candidates) {
    if (text.length < MIN_NEEDLE || seen.has(text)) continue;
    // An encoding identical to the raw value (a base62 password URL-encodes to itself) is reported as raw.
    seen.add(text);
    needles.push({ label: secret.label, encoding, text });
  }
  return needles;
}

/**
 * The part of the base64 encoding of `bytes` that does not depend on what surrounds it, for each
 * of the three positions the value can take relative to base64's 3-byte groups.
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let skip = 0; skip < 3; skip++) {
    const aligned = bytes.subarray(skip);
    const whole = Math.floor(aligned.length / 3) * 3;
    if (whole === 0) continue;
    cores.push(aligned.subarray(0, whole).toString('base64'));
  }
  return cores;
}
