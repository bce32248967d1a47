import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** A pattern to guard: its source and flags, and where it comes from (named in a failure). */
export interface GuardedPattern {
  source: string;
  flags: string;
  where: string;
}

/** A text to scan at two lengths: `make(n)` is about `n` characters. */
export interface Attack {
  label: string;
  make: (n: number) => string;
}

/** recheck's attack on one pattern, as the last audit (bench/scanner/regex-audit.ts) kept it. */
interface StoredAttack extends GuardedPattern {
  pumps: { prefix: string; pump: string }[];
  suffix: string;
}

export interface GuardOptions {
  /** Lengths of the two texts; eight times longer takes eight times as long when linear. */
  short: number;
  long: number;
  /** Growth above which the quick look is checked with a careful one. */
  screen: number;
  /** Growth above which a pattern fails. */
  bound: number;
  /** A pattern whose attacks take longer than this in all is stopped and fails (a hang guard, not a measure). */
  killAfterMs: number;
}

export const GUARD_DEFAULTS: GuardOptions = { short: 1_000, long: 8_000, screen: 16, bound: 32, killAfterMs: 20_000 };

export interface GuardFailure {
  pattern: GuardedPattern;
  /** The input it grew most on, and how much (Infinity: stopped by the kill timer). */
  label: string;
  growth: number;
}

export const ATTACKS_FIXTURE = join(import.meta.dirname, '../fixtures/regex-audit-attacks.json');

export function storedAttacks(): StoredAttack[] {
  if (!existsSync(ATTACKS_FIXTURE)) return [];
  return (JSON.parse(readFileSync(ATTACKS_FIXTURE, 'utf8')) as { attacks: StoredAttack[] }).attacks;
}

/** recheck's attack with its pumps repeated to about `n` characters in all. */
export function pumpedAttack(stored: StoredAttack): Attack {
  const pumpLength = stored.pumps.reduce((sum, p) => sum + p.pump.length, 0) || 1;
  return {
    label: 'recheck attack',
    make: (n) => {
      const times = Math.max(1, Math.round(n / pumpLength));
      return stored.pumps.map((p) => p.prefix + p.pump.repeat(times)).join('') + stored.suffix;
    },
  };
}

/**
 * Units a pattern's repetitions may take: blanks, name characters, `=`, quotes, the base64 and URL
 * alphabets, separators, and pairs of them (a name character and a separator, so that a run holds a
 * new start every two characters).
 */
const UNITS = [
  ' ',
  '\t',
  '\n',
  '\r\n',
  'a',
  'Z',
  '0',
  '_',
  '-',
  '.',
  '=',
  '"',
  "'",
  '`',
  ':',
  '/',
  '\\',
  '<',
  '>',
  '@',
  '&',
  '%',
  '+',
  '#',
  '$',
  '{',
  '(',
  ',',
  ';',
  '|',
  '*',
  'aB3+/',
  'a-',
  'a.',
  'a:',
  'a ',
  'a=',
  'a\t',
  '\\n',
  '0:',
  'x/',
  '" ',
  'k="v" ',
];
/** Units also tried after, and in turn with, the text a pattern starts with. */
const AFTER_START = [' ', '\t', 'a', '0', '=', '"', '-', 'aB3+/', 'U', '\n'];
/** Units repeated with each shorter start (all of `AFTER_START` with the longest). */
const REPEATED_AFTER = ['a', ' ', '-', '"', '=', '&'];
/** Ends the text with a character hardly any pattern accepts, so that every try fails at the end. */
const END = '\u0000';

const repeatTo = (unit: string, n: number) => unit.repeat(Math.max(1, Math.ceil(n / unit.length)));

/** Generic attacks for a pattern: long runs of each unit, and of each after (and with) its start. */
export function genericAttacks(source: string): Attack[] {
  const attacks: Attack[] = UNITS.map((unit) => ({
    label: `run of ${JSON.stringify(unit)}`,
    make: (n) => repeatTo(unit, n) + END,
  }));
  const starts = leadingTexts(source);
  for (const start of starts) {
    for (const unit of AFTER_START)
      attacks.push({
        label: `${JSON.stringify(start)} then a run of ${JSON.stringify(unit)}`,
        make: (n) => start + repeatTo(unit, n) + END,
      });
    // A new start every few characters, each running over the rest.
    const units = start === starts.at(-1) ? ['', ...AFTER_START] : REPEATED_AFTER;
    for (const unit of units)
      attacks.push({ label: `${JSON.stringify(start + unit)} repeated`, make: (n) => repeatTo(start + unit, n) + END });
  }
  return attacks;
}

const ESCAPED: Record<string, string> = { d: '0', w: 'a', s: ' ', n: '\n', t: '\t', r: '\r' };

/** The end of the group opened at `open` (the index just past its `)`). */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i) - 1;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return source.length;
}

/** The end of the character class opened at `open` (the index just past its `]`). */
function classEnd(source: string, open: number): number {
  for (let i = open + 1 + (source[open + 1] === ']' ? 1 : 0); i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i + 1;
  }
  return source.length;
}

/**
 * Texts the pattern's start matches, read from its source: literal characters, the first character
 * of each class, the first alternative of each group; lookarounds and optional atoms are left out.
 * One text before each of the first repeated atoms and groups (where a run after it may be taken
 * two ways) and the longest. A heuristic (attacks that start like the pattern); none when it cannot tell.
 */
export function leadingTexts(source: string): string[] {
  const texts = new Set<string>();
  let out = '';
  let i = 0;
  while (i < source.length && out.length < 60) {
    const c = source[i]!;
    let atom: string | undefined;
    if (c === '^') i++;
    else if (c === ')') i += 1 + (QUANTIFIER.exec(source.slice(i + 1))?.[0].length ?? 0);
    else if (/^\(\?<?[=!]/.test(source.slice(i))) i = groupEnd(source, i);
    else if (c === '(') {
      if (QUANTIFIER.test(source.slice(groupEnd(source, i))) && out && texts.size < MAX_STARTS - 1) texts.add(out);
      i = source.startsWith('(?<', i) ? source.indexOf('>', i) + 1 : i + (source.startsWith('(?:', i) ? 3 : 1);
    } else if (c === '|') i = skipAlternatives(source, i);
    else if (c === '[') {
      if (source[i + 1] === '^') break;
      atom = source[i + 1] === '\\' ? escaped(source, i + 2) : source[i + 1];
      i = classEnd(source, i);
    } else if (c === '\\') {
      const next = source[i + 1] ?? '';
      i += 2;
      if (next === 'b' || next === 'B') continue;
      if (/[A-Za-z0-9]/.test(next) && !(next in ESCAPED) && next !== 'x') break;
      atom = escaped(source, i - 1);
      if (next === 'x') i += 2;
    } else if ('.*+?{$'.includes(c)) break;
    else {
      atom = c;
      i++;
    }
    if (atom === undefined) continue;
    const quantifier = QUANTIFIER.exec(source.slice(i));
    i += quantifier?.[0].length ?? 0;
    const least = !quantifier ? 1 : quantifier[0][0] === '+' ? 1 : Number(quantifier[1] ?? 0);
    if (quantifier && out && texts.size < MAX_STARTS - 1) texts.add(out);
    out += atom.repeat(Math.min(least, 8));
  }
  if (out) texts.add(out);
  return [...texts];
}

const MAX_STARTS = 6;

/** The character an escape at `at` (the letter after the backslash) stands for: `\d` a digit, `\x60` a backquote. */
function escaped(source: string, at: number): string {
  const letter = source[at] ?? '';
  if (letter === 'x') return String.fromCharCode(parseInt(source.slice(at + 1, at + 3), 16));
  return ESCAPED[letter] ?? letter;
}

const QUANTIFIER = /^(?:[*+?]|\{(\d*)(?:,\d*)?\})\??/;

/** Past the other alternatives of the group an alternative ended in (or the end, at the top). */
function skipAlternatives(source: string, bar: number): number {
  let depth = 0;
  for (let i = bar; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i) - 1;
    else if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) return i + 1;
  }
  return source.length;
}

const WORKER = join(import.meta.dirname, 'regex-growth-worker.mjs');

/**
 * Scans each input at two lengths with each pattern, in a worker thread, and returns the patterns
 * that grew more than `bound` times on one of them, or did not finish within `killAfterMs` (the
 * worker is then terminated and a new one takes the rest).
 */
export async function guard(
  patterns: { pattern: GuardedPattern; attacks: Attack[] }[],
  options: GuardOptions = GUARD_DEFAULTS,
): Promise<GuardFailure[]> {
  const failures: GuardFailure[] = [];
  let worker: Worker | undefined;
  try {
    for (const [index, { pattern, attacks }] of patterns.entries()) {
      worker ??= new Worker(WORKER);
      const inputs = attacks.map(({ label, make }) => ({
        label,
        short: make(options.short),
        long: make(options.long),
      }));
      const worst = await measure(worker, { index, ...pattern, inputs, ...options }, options.killAfterMs);
      if (!worst) {
        await worker.terminate();
        worker = undefined;
        failures.push({ pattern, label: `no result within ${options.killAfterMs} ms`, growth: Infinity });
      } else if (worst.growth > options.bound) failures.push({ pattern, label: worst.label, growth: worst.growth });
    }
  } finally {
    await worker?.terminate();
  }
  return failures;
}

interface Worst {
  label: string;
  growth: number;
}

function measure(worker: Worker, request: object, killAfterMs: number): Promise<Worst | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(undefined), killAfterMs);
    const onMessage = (message: { worst: Worst }) => done(message.worst);
    const onError = (error: Error) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      reject(error);
    };
    const done = (worst: Worst | undefined) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve(worst);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage(request);
  });
}

/** Each failure on a line: where the pattern is, its source (shortened), the input and the growth. */
export function describeFailures(failures: GuardFailure[], options: GuardOptions = GUARD_DEFAULTS): string {
  return failures
    .map(({ pattern, label, growth }) => {
      const times = Number.isFinite(growth) ? `${growth.toFixed(1)}x` : 'no end';
      return `${pattern.where}: /${pattern.source.slice(0, 120)}/${pattern.flags} — ${times} from ${options.short} to ${options.long} characters of ${label}`;
    })
    .join('\n');
}
