import { describe, expect, it } from 'vitest';
import { describeFailures, genericAttacks, guard, GUARD_DEFAULTS } from './regex-guard.js';
import { REWRITES } from './regex-rewrites.js';

// Every pattern the ReDoS audit found backtracking, as it was before its rewrite, given to the guard
// with the attack recorded next to its rewrite (as recheck's attacks are kept from an audit): each
// must fail, by name. The generic attacks alone catch 16 of the 21.
const OLD = REWRITES.flatMap(({ name, old, attack }) =>
  old instanceof RegExp
    ? [
        {
          pattern: { source: old.source, flags: old.flags, where: name },
          attack: { label: 'its attack', make: attack },
        },
      ]
    : [],
);

describe('the ReDoS guard on the patterns the audit found', () => {
  it('fails every one of them, by name', { timeout: 600_000 }, async () => {
    const failures = await guard(
      OLD.map(({ pattern, attack }) => ({ pattern, attacks: [attack, ...genericAttacks(pattern.source)] })),
      { ...GUARD_DEFAULTS, killAfterMs: 5_000 },
    );
    const missed = OLD.map((o) => o.pattern.where).filter((where) => !failures.some((f) => f.pattern.where === where));
    expect(missed, describeFailures(failures)).toEqual([]);
  });
});
