import { describe, expect, it } from 'vitest';
import { looksRandom } from '../../src/scanner/entropy.js';
import { scanText } from '../../src/scanner/scan-text.js';

// A value shaped to make a nested quantifier (`(?:[A-Z]?[a-z]+)+`) try every way of splitting a long
// run of letters before failing on the digit at its end: 30 s at 32 characters, doubling with each
// one more, before the pattern was made unambiguous. Finishing at all is the assertion (a synchronous
// hang cannot be interrupted by the time limit, so a regression shows as a run that never ends).
const LONG_LOWERCASE = 'rzbjvozpwtanyeqsuizxenbbimfledpzxzpiiddfqwhkzmrt';

describe('no pattern backtracks exponentially on a long run of letters', () => {
  it('judges a long lowercase value ending in a digit', { timeout: 5_000 }, () => {
    expect(looksRandom(`${LONG_LOWERCASE}7`, 'relaxed')).toBe(true);
  });

  it('scans an assignment of it', { timeout: 5_000 }, () => {
    expect(scanText(`  azure_key: ${LONG_LOWERCASE}7`, { file: 'ci.yml' }).map((f) => f.ruleId)).toContain(
      'secret-assignment',
    );
  });
});
