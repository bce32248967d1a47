/**
 * A static ReDoS audit: every regular expression the scanner rules, the leak detector and the output
 * redaction use (the literals in their sources, and those built at run time: gitleaks' rules
 * translated from Go, patterns assembled from word lists) is judged by recheck, which looks for an
 * input that makes the pattern backtrack exponentially or polynomially. Prints each pattern judged
 * vulnerable, with where it is, an attack string and how much longer V8 takes on it made 4 times
 * longer (~4 linear, ~16 quadratic); exits 1 if there is any. Not a test yet: a full audit takes
 * 9 to 20 minutes on two loaded cores, and timing a worse-than-quadratic pattern in V8 cannot be
 * interrupted. recheck's attacks are kept in test/fixtures/regex-audit-attacks.json: the guard in
 * `npm test` (test/scanner/regex-guard.test.ts) runs each on its pattern, with generic ones on all.
 *
 *   node scripts/run-ts.mjs bench/scanner/regex-audit.ts [--fresh]    # ~450 patterns, minutes when fresh
 */
import { auditedPatterns, judge, readCache, writeAttacks, writeCache } from './regex-verdicts.js';

const all = await auditedPatterns();
console.log(`${all.length} distinct patterns`);
// --fresh: judge every pattern again; the verdicts are kept for the slow test either way.
const cache = process.argv.includes('--fresh') ? { ...readCache(), verdicts: {} } : readCache();
const verdicts = await judge(all, { timeout: 60_000, concurrency: 4, cache });
writeCache(cache, all);
writeAttacks(verdicts);
let vulnerable = 0;
for (const { pattern, diagnostics, growth } of verdicts) {
  const named = `${pattern.where}: /${pattern.source.slice(0, 160)}/${pattern.flags}`;
  if (diagnostics.status === 'vulnerable') {
    vulnerable++;
    console.log(
      `VULNERABLE ${named} — ${diagnostics.complexity.summary}, V8 x${growth?.toFixed(1)} at 4x length, attack ${diagnostics.attack.pattern}`,
    );
  } else if (diagnostics.status === 'unknown') console.log(`UNDECIDED ${named} — ${diagnostics.error.kind}`);
}
console.log(`${vulnerable} vulnerable, ${verdicts.filter((v) => v.diagnostics.status === 'unknown').length} undecided`);
process.exitCode = vulnerable > 0 ? 1 : 0;
