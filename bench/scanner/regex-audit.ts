/**
 * A static ReDoS audit: every regular expression the scanner rules, the leak detector and the output
 * redaction use (the literals in their sources, and those built at run time: gitleaks' rules
 * translated from Go, patterns assembled from word lists) is judged by recheck, which looks for an
 * input that makes the pattern backtrack exponentially or polynomially. Prints each pattern judged
 * vulnerable, with where it is and an attack string; exits 1 if there is any.
 *
 *   node scripts/run-ts.mjs bench/scanner/regex-audit.ts     # ~480 patterns, 2-3 minutes
 */
import { checkSync } from 'recheck';
import { scanText } from '../../src/scanner/scan-text.js';
import { constructedPatterns, distinct, literalPatterns } from './regex-collect.js';

const literals = literalPatterns();
const built = await constructedPatterns(async () => {
  const { rules } = await import('../../src/scanner/rules/index.js');
  await import('../../src/scanner/leak/detector.js');
  // gitleaks' rules compile on their first keyword hit: one line per keyword loads them all.
  scanText(rules.flatMap((rule) => rule.keywords ?? []).join(' = x\n'), { file: 'a.txt' });
});
const all = distinct([...literals, ...built]);
console.log(`${all.length} distinct patterns (${literals.length} literals, ${built.length} built at run time)`);
let vulnerable = 0;
for (const pattern of all) {
  const result = checkSync(pattern.source, pattern.flags, { timeout: 10_000 });
  const named = `${pattern.where}: /${pattern.source.slice(0, 160)}/${pattern.flags}`;
  if (result.status === 'vulnerable') {
    vulnerable++;
    console.log(`VULNERABLE ${named} — ${result.complexity.summary}, attack ${result.attack.pattern}`);
  } else if (result.status === 'unknown') console.log(`UNDECIDED ${named} — ${result.error.kind}`);
}
console.log(`${vulnerable} vulnerable`);
process.exitCode = vulnerable > 0 ? 1 : 0;
