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

// A private-key header followed by blanks and no END line: the block pattern matched a space two ways
// (its character class and `\s`), so each blank doubled the work (a 40-blank run never finished).
// Finishing is the assertion, as above; the found key after it shows the rule still works.
describe('no pattern backtracks exponentially on blanks after a private-key header', () => {
  it('scans a header, 100,000 blanks and no END line, then a real block', { timeout: 60_000 }, () => {
    const label = 'PRIVATE' + ' KEY';
    const body = Array.from({ length: 12 }, (_, index) => `MIIE${'Qk9wZW5TU0g'.repeat(5)}${index}`).join('\n');
    const text = `-----BEGIN ${label}-----\n${' \t'.repeat(50_000)}\n-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
    expect(scanText(text, { file: 'key.pem' }).map((f) => f.ruleId)).toContain('private-key');
  });
});

// Attacks found by the ReDoS audit (bench/scanner/regex-audit.ts): a pattern that trims a run at the end
// of a value (`,+$`, `[.,;)]+$`) retried the whole run from each of its characters when the run did
// not reach the end, quadratic in its length: 3 s at 30,000 characters, 35 s at 100,000. Starting only
// where a run starts makes it linear; the time limit is 7 times what the fixed scan takes here.
const RUN = 100_000;
const ATTACKS: [name: string, file: string, text: string][] = [
  ['a password option followed by closing brackets', 'a.sh', `mysql -u root -p${')'.repeat(RUN)}\u0000)`],
  ['a value followed by commas', 'a.py', `password = x${','.repeat(RUN)}\u0000,`],
  // Each part of a stateless GitHub installation token is bounded, so a start tries at most 1,000 characters.
  ['a GitHub installation-token prefix before a run with no dot', 'a.env', `${'gh' + 's_'}1_${'a'.repeat(RUN)}`],
  ['installation-token prefixes repeated', 'a.env', `${'gh' + 's_'}1_`.repeat(RUN / 6)],
  // The environment fallback starts at the environment read and looks back for the name once.
  ['a long dotted name before an environment fallback', 'a.js', `${'a.'.repeat(RUN / 2)}x = process.env.X || 1`],
  ['environment reads repeated', 'a.js', `x = ${'process.env.X || '.repeat(RUN / 17)}`],
  ['a C# property name over a long run of blanks', 'a.cs', `Password${' '.repeat(RUN)}{ get; set; } = 1`],
  // Escaped names and quotes: each operator looks back over one name, each escaped quote forward at most 8 KiB.
  ['escaped names repeated', 'a.json', `${'\\"a\\":'.repeat(RUN / 5)}`],
  ['HTML-escaped names repeated', 'a.html', `${'&quot;a&quot;:'.repeat(RUN / 14)}`],
  ['escaped quotes that never close', 'a.json', `${'a:\\"'.repeat(RUN / 4)}`],
  ['an HTML-escaped quote that never closes', 'a.html', `a:&quot;${'x'.repeat(RUN)}`],
  // An echoed word then a pipe: the run after the pipe is bounded (200 characters) before --password-stdin.
  // A URL's user and a percent-encoded password are bounded runs (255, 400 characters) before their `@`/`%40`.
  ['URL starts before long runs with no @', 'a.txt', `${'https://'.concat('a'.repeat(300), ' ').repeat(RUN / 310)}`],
  [
    'percent-encoded URL starts with no %40',
    'a.log',
    `${'http%3A%2F%2Fu%3A'.concat('p'.repeat(500), ' ').repeat(RUN / 520)}`,
  ],
  ['echoes piped into something else', 'a.sh', `${'echo x | a '.repeat(RUN / 11)}--password-stdin`],
];

describe('no pattern backtracks polynomially on a long run at the end of a value', () => {
  it.each(ATTACKS)('%s', { timeout: 60_000 }, (_name, file, text) => {
    const start = performance.now();
    scanText(text, { file });
    expect(performance.now() - start).toBeLessThan(3_000);
  });
});
