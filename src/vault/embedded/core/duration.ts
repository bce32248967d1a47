import { numberText, parseInt64 } from './number-literals.js';

/**
 * Go's `time.ParseDuration` and Vault's `parseutil.ParseDurationSecond`, with Go's error texts,
 * because a learner who sends `token_ttl: "1 hour"` should read the same error as from Vault.
 */
const UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

export class DurationError extends Error {}

/** The longest Go duration, in seconds (int64 nanoseconds). */
const MAX_SECONDS = Number(2n ** 63n - 1n) / 1e9;
const OVERFLOW = 'multiplication of durations resulted in overflow, one operand may be too large';

/** Seconds (may be fractional) for a Go duration string like `1h30m`, `1.5h`, `300ms`. */
export function parseGoDuration(text: string): number {
  const invalid = () => new DurationError(`time: invalid duration ${JSON.stringify(text)}`);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw invalid();
  let total = 0;
  while (rest !== '') {
    const number = /^(\d*)(\.(\d*))?/.exec(rest);
    const whole = number?.[1] ?? '';
    const fraction = number?.[3] ?? '';
    if (!number || (whole === '' && fraction === '')) throw invalid();
    rest = rest.slice(number[0].length);
    const unit = /^[^\d.]*/.exec(rest)?.[0] ?? '';
    if (unit === '') throw new DurationError(`time: missing unit in duration ${JSON.stringify(text)}`);
    const scale = UNITS[unit];
    if (scale === undefined)
      throw new DurationError(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(text)}`);
    rest = rest.slice(unit.length);
    total += Number(`${whole || '0'}.${fraction || '0'}`) * scale;
    if (total > MAX_SECONDS) throw invalid();
  }
  return sign * total;
}

/** `parseutil.ParseDurationSecond`: integer seconds, `"30"`, `"5m"`, `"2d"`; whole seconds. */
export function parseDurationSeconds(value: unknown): number {
  if (value === null || value === undefined || value === '') return 0;
  // Go parses the number's text (json.Number): `1e30` is a duration string with unit "e" there.
  const text = typeof value === 'number' ? numberText(value) : value;
  if (typeof text !== 'string') throw new DurationError(`could not parse duration from input`);
  const seconds = parseInt64(text);
  if (typeof seconds === 'bigint') return checked(Number(seconds));
  const days = /^(\d+)d$/.exec(text);
  if (days) {
    const count = parseInt64(days[1]!);
    if (typeof count === 'bigint') return checked(Number(count) * 86400);
  }
  return Math.trunc(parseGoDuration(text));
}

/** Seconds times time.Second must still fit an int64 of nanoseconds. */
function checked(seconds: number): number {
  if (Math.abs(seconds) > MAX_SECONDS) throw new DurationError(OVERFLOW);
  return seconds;
}

/** How Go prints a `time.Duration` (`"0s"`, `"1h0m0s"`, `"30m0s"`, `"45s"`), as KV's `delete_version_after`. */
export function formatGoDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.abs(seconds);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

/** Vault's humanised duration in warnings: Go's format without trailing zero units (`1h`, `1h30m`, `4s`). */
export function humanDuration(seconds: number): string {
  const text = formatGoDuration(seconds);
  return text.replace(/([hm])0s$/, '$1').replace(/h0m$/, 'h');
}
