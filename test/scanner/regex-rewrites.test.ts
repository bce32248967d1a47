import { describe, expect, it } from 'vitest';
import { seeded } from '../helpers/seeded.js';
import { randomInt } from '../../src/scanner/corpus/random.js';
import { REWRITES, type Rewrite } from './regex-rewrites.js';

/** Every match (index, text, groups) or, for a pattern used with `test`, whether it matches. */
function outcome(pattern: Rewrite['old'] | Rewrite['current'], text: string, testOnly: boolean): unknown {
  if (typeof pattern === 'function') return pattern(text);
  if (testOnly) return new RegExp(pattern.source, pattern.flags.replace('g', '')).test(text);
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  if (!pattern.flags.includes('g')) {
    const one = new RegExp(pattern.source, pattern.flags).exec(text);
    return one && [one[1] ?? null, one.groups ?? null, one.index + one[0].length];
  }
  return [...text.matchAll(global)].map((m) => [m.groups ?? m.slice(1), m.index + m[0].length]);
}

/** Milliseconds per call of `run` on `text`, averaged over calls filling at least 20 ms. */
function roundOf(run: (text: string) => unknown, text: string): number {
  const start = performance.now();
  let repeats = 0;
  do {
    run(text);
    repeats++;
  } while (performance.now() - start < 20);
  return (performance.now() - start) / repeats;
}

/**
 * How much longer `run` takes on `long` than on `short`: the best of seven rounds of each, taken in
 * turn, so that a loaded machine slows both alike (load only adds time). Never compared against a
 * fixed number of milliseconds.
 */
function growth(run: (text: string) => unknown, short: string, long: string): number {
  let bestShort = Infinity;
  let bestLong = Infinity;
  for (let round = 0; round < 7; round++) {
    bestShort = Math.min(bestShort, roundOf(run, short));
    bestLong = Math.min(bestLong, roundOf(run, long));
  }
  return bestLong / bestShort;
}

/** The matches of `pattern` as [start, end) ranges, and which characters they cover. */
function matchesOf(pattern: RegExp, text: string): { ranges: [number, number][]; covered: boolean[] } {
  const covered = Array.from({ length: text.length }, () => false);
  const ranges: [number, number][] = [];
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  for (const match of text.matchAll(global)) {
    ranges.push([match.index, match.index + match[0].length]);
    covered.fill(true, match.index, match.index + match[0].length);
  }
  return { ranges, covered };
}

/**
 * Old and new agree, or (`stopsSooner`) every match of the old one holds a match of the new one (the
 * same secret is found, maybe in fewer characters; `mayDrop` names the exceptions), and a new match
 * that covers more than the old ones did is a text the old pattern matches whole on its own.
 */
function expectAgreement(rewrite: Rewrite, text: string, why: string): void {
  const testOnly = rewrite.testOnly === true;
  if (!rewrite.stopsSooner || !(rewrite.old instanceof RegExp) || !(rewrite.current instanceof RegExp)) {
    expect(outcome(rewrite.current, text, testOnly), why).toEqual(outcome(rewrite.old, text, testOnly));
    return;
  }
  const before = matchesOf(rewrite.old, text);
  const after = matchesOf(rewrite.current, text);
  const lost = before.ranges.filter(
    ([start, end]) =>
      !after.ranges.some(([s, e]) => start <= s && e <= end) && !rewrite.mayDrop?.(text.slice(start, end)),
  );
  expect(lost, why).toEqual([]);
  // Where the new one covers more, what it reports is a text the old one reports in full on its own.
  const wholeOld = new RegExp(`^(?:${rewrite.old.source})$`, rewrite.old.flags.replace('g', ''));
  const beyond = after.ranges.filter(
    ([start, end]) => before.covered.slice(start, end).includes(false) && !wholeOld.test(text.slice(start, end)),
  );
  expect(beyond, why).toEqual([]);
}

const runner = (pattern: Rewrite['current']) =>
  typeof pattern === 'function' ? pattern : (text: string) => outcome(pattern, text, false);

describe.each(REWRITES)('$name', (rewrite) => {
  it('agrees with the old pattern on its examples', () => {
    for (const example of rewrite.examples) expectAgreement(rewrite, example, example);
  });

  it('agrees with the old pattern on 3,000 seeded random inputs', () => {
    for (let draw = 0; draw < 3_000; draw++) {
      const { value, note } = seeded(rewrite.name, draw, () =>
        Array.from({ length: randomInt(1, 14) }, () => rewrite.pieces[randomInt(rewrite.pieces.length)]!).join(''),
      );
      expectAgreement(rewrite, value, `${JSON.stringify(value)}, ${note}`);
    }
  });

  // Eight times the attack takes about eight times as long (a quadratic pattern: 64 times; the old
  // ones took 15 to 95 times as long at four times the length). The bound leaves room for a loaded machine.
  it('runs in linear time on the attack that made the old one backtrack', () => {
    expect(growth(runner(rewrite.current), rewrite.attack(2_500), rewrite.attack(20_000))).toBeLessThan(24);
  });
});
