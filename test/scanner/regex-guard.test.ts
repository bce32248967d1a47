import { describe, expect, it } from 'vitest';
import { auditedPatterns, literalPatterns } from '../../bench/scanner/regex-collect.js';
import {
  describeFailures,
  genericAttacks,
  guard,
  GUARD_DEFAULTS,
  pumpedAttack,
  storedAttacks,
  type GuardedPattern,
} from './regex-guard.js';

/** A pattern with the generic attacks, and recheck's from the last audit when it had one. */
function subject(pattern: GuardedPattern) {
  const stored = storedAttacks().filter((a) => a.source === pattern.source && a.flags === pattern.flags);
  return { pattern, attacks: [...genericAttacks(pattern.source), ...stored.map(pumpedAttack)] };
}

// Every regular expression the scanner, the leak detector and the output redaction run on text a
// learner or a repository supplies (the ReDoS audit's list, gitleaks' translated rules included),
// scanned on long runs of the characters their repetitions take, at two lengths: eight times the
// text takes about eight times as long when the pattern is linear, 64 times when it is quadratic.
// A new rule that backtracks polynomially fails here by name, and one that backtracks exponentially
// is stopped by the kill timer, also by name, instead of hanging the run.
describe('the ReDoS guard', () => {
  it('finds every pattern the audit lists linear on generic and recheck attacks', { timeout: 600_000 }, async () => {
    const patterns = await auditedPatterns();
    // The patterns built at run time (gitleaks' rules) are collected too, not only the literals.
    expect(patterns.length).toBeGreaterThan(literalPatterns().length + 150);
    const failures = await guard(patterns.map(subject));
    expect(describeFailures(failures)).toBe('');
  });

  it('covers recheck attacks from the last audit', () => {
    expect(storedAttacks().length).toBeGreaterThan(0);
  });

  it('fails a quadratic pattern, naming it and the input', { timeout: 120_000 }, async () => {
    const pattern = { source: '(?<![\\w/:@])[A-Za-z0-9_.-]+:[^\\s@]{3,}@tcp\\(', flags: '', where: 'a quadratic DSN' };
    const failures = await guard([subject(pattern)]);
    expect(failures.map((f) => f.pattern.where)).toEqual(['a quadratic DSN']);
    expect(failures[0]!.growth).toBeGreaterThan(GUARD_DEFAULTS.bound);
    expect(describeFailures(failures)).toMatch(/^a quadratic DSN: .* from 1000 to 8000 characters of /);
  });

  it('stops an exponential pattern by its kill timer and names it', { timeout: 120_000 }, async () => {
    const exponential = { source: '^(?:[a-z]+)+=', flags: '', where: 'an exponential name' };
    const linear = { source: '(?<![a-z])[a-z]+=', flags: '', where: 'a linear name' };
    const failures = await guard([subject(exponential), subject(linear)], { ...GUARD_DEFAULTS, killAfterMs: 3_000 });
    expect(failures.map((f) => [f.pattern.where, f.growth])).toEqual([['an exponential name', Infinity]]);
    expect(describeFailures(failures)).toMatch(/^an exponential name: .* no end .*no result within 3000 ms/);
  });
});
