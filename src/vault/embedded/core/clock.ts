import type { VirtualClock } from '../../provider.js';

/**
 * The server's notion of "now". It starts at the wall clock (or a given time) and then follows
 * real time, plus whatever `advance` added, so a test can jump over a token TTL in a
 * millisecond while a learner's program still sees time pass normally.
 */
export class ServerClock implements VirtualClock {
  #offset: number;

  constructor(startTime?: number) {
    this.#offset = startTime === undefined ? 0 : startTime - Date.now();
  }

  now(): number {
    return Date.now() + this.#offset;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`clock.advance needs a non-negative number of ms, got ${ms}`);
    this.#offset += ms;
  }

  /** Unix seconds, as Vault puts them in `creation_time` and `server_time_utc`. */
  unixSeconds(): number {
    return Math.floor(this.now() / 1000);
  }
}

/** RFC 3339 with nanoseconds in UTC, the way Go formats `time.Time` in JSON (`…T07:57:38.707289747Z`). */
let cachedSecond = Number.NaN;
let cachedPrefix = '';
const FRACTIONS: string[] = Array.from({ length: 1000 }, (_, ms) =>
  ms === 0 ? '' : `.${String(ms).padStart(3, '0').replace(/0+$/, '')}`,
);

export function rfc3339Nano(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 19); // 2026-11-28T07:57:38
  }
  return `${cachedPrefix}${FRACTIONS[ms - second * 1000]}Z`;
}

/** RFC 3339 without fractional seconds (Vault's `issue_time` in audit `auth.token_issue_time`). */
export function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
