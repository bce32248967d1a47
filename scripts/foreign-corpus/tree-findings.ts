// Scans real trees that hold no live secrets (installed packages, module caches) and counts the
// findings by rule: each is a false alarm to classify. Values are not printed, only the rule, the
// file and the line's first characters around the finding (redacted by `scan` as usual).
//   node scripts/run-ts.mjs scripts/foreign-corpus/tree-findings.ts DIR... [--show RULE]
import { scanPaths } from '../../src/scanner/index.js';

const args = process.argv.slice(process.argv.findIndex((a) => a.endsWith('tree-findings.ts')) + 1);
const show = args.includes('--show') ? args[args.indexOf('--show') + 1] : undefined;
const dirs = args.filter((a, i) => a !== '--show' && args[i - 1] !== '--show');
const byRule = new Map<string, number>();
let files = 0;
for (const dir of dirs) {
  const result = await scanPaths([dir], { cwd: dir, all: true });
  files += result.filesScanned;
  for (const f of result.findings) {
    byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    if (show === f.ruleId || show === 'all') console.log(`${f.ruleId}\t${dir}/${f.file}:${f.line}`);
  }
}
console.log(`${files} files, ${[...byRule.values()].reduce((a, b) => a + b, 0)} findings`);
for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(6)}  ${rule}`);
