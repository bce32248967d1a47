import { createHash, randomBytes as cryptoBytes, randomInt as cryptoInt } from 'node:crypto';

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const BASE62 = UPPER + LOWER + DIGITS;
export const BASE64 = BASE62 + '+/';
export const BASE32 = UPPER + '234567';
export const HEX = '0123456789abcdef';

/**
 * Where random values come from: crypto randomness by default (fresh every run: the grader's
 * corpora cannot be learnt by heart), or, inside `withSeed`, a stream that one number reproduces
 * (tests: a failure names its seed, and the same seed draws the same values again).
 */
interface Source {
  bytes(length: number): Buffer;
  int(min: number, max: number): number;
}

const fresh: Source = { bytes: cryptoBytes, int: (min, max) => cryptoInt(min, max) };

/** SHA-256 of the seed and a counter, block after block: the same seed, the same bytes. */
function seededSource(seed: number): Source {
  let block = 0;
  let pool = Buffer.alloc(0);
  const bytes = (length: number): Buffer => {
    while (pool.length < length) {
      const next = createHash('sha256').update(`${seed}:${block++}`).digest();
      pool = Buffer.concat([pool, next]);
    }
    const out = pool.subarray(0, length);
    pool = pool.subarray(length);
    return Buffer.from(out);
  };
  const int = (min: number, max: number): number => {
    const range = max - min;
    if (!(range > 0 && range <= 2 ** 32)) throw new RangeError(`randomInt: empty or too wide range ${min}..${max}`);
    // Rejection sampling: no value of the range is drawn more often than another.
    const limit = Math.floor(2 ** 32 / range) * range;
    for (;;) {
      const n = bytes(4).readUInt32BE(0);
      if (n < limit) return min + (n % range);
    }
  };
  return { bytes, int };
}

let source: Source = fresh;

/** Runs `make` with values drawn from `seed` (synchronously: nothing else draws meanwhile). */
export function withSeed<T>(seed: number, make: () => T): T {
  const outer = source;
  source = seededSource(seed);
  try {
    return make();
  } finally {
    source = outer;
  }
}

/** Draws from `seed` from now on, until the returned function puts the previous source back. */
export function useSeed(seed: number): () => void {
  const outer = source;
  source = seededSource(seed);
  return () => {
    source = outer;
  };
}

/** A uniform integer in [min, max), or in [0, min) given one bound — as node:crypto's randomInt. */
export function randomInt(min: number, max?: number): number {
  return max === undefined ? source.int(0, min) : source.int(min, max);
}

export function randomBytes(length: number): Buffer {
  return source.bytes(length);
}

/** A version 4 UUID from the current source. */
export function randomUUID(): string {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Uniform random string over an alphabet. */
export function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export function pick<T>(items: readonly T[]): T {
  return items[randomInt(items.length)]!;
}

export function randomDigits(length: number): string {
  return String(randomInt(1, 10)) + randomString(DIGITS, length - 1);
}

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}
