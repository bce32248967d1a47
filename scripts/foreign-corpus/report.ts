// Scores `scan` on the tuning part of the foreign corpus and lists what it missed and what it
// flagged wrongly. The held-out part is scored only when asked (--held-out), and then as figures,
// never as examples: rules are not tuned on it; the fresh corpus likewise (--fresh). Run:
//   node scripts/run-ts.mjs scripts/foreign-corpus/report.ts [--held-out] [--fresh] [--only=SOURCE]
// (--only lists the misses and false positives of one source project only)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadExtraTuningCorpora,
  loadForeignCorpus,
  loadFreshCorpus,
  writeForeignCorpus,
} from '../../src/scanner/corpus/foreign.js';
import { formatForeignTable, matchForeign, scoreForeign } from '../../src/scanner/corpus/foreign-score.js';
import { scanPaths } from '../../src/scanner/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The tuning part and the extra tuning data (ripsecrets' tests, whispers' fixtures, CredSweeper's samples,
// trivy's and horusec's tests, GitGuardian's recorded scans, earlybird's and
// secret-detector's tables, CredData's reviewed lines, 2ms' rule tests, the code linters' samples) are listed;
// held-out and fresh only as figures.
const fresh = process.argv.includes('--fresh') ? await loadFreshCorpus(root) : [];
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const examples = [...(await loadForeignCorpus(root)), ...(await loadExtraTuningCorpora(root)), ...fresh];
const dir = await mkdtemp(join(tmpdir(), 'sw-foreign-report-'));
try {
  const written = await writeForeignCorpus(examples, dir);
  const result = await scanPaths([dir], { cwd: dir });
  const outcome = matchForeign(written, result.findings);
  const splits = [
    'tuning' as const,
    ...(process.argv.includes('--held-out') ? (['held-out'] as const) : []),
    ...(fresh.length > 0 ? (['fresh'] as const) : []),
  ];
  for (const split of splits) {
    const part = { perExample: outcome.perExample.filter((r) => r.example.split === split) };
    console.log(`\n${split}:\n${formatForeignTable([{ name: 'scan', scores: scoreForeign(part) }])}`);
  }
  console.log('\ntuning part, misses and false positives:');
  for (const { example, found, falsePositiveLines } of outcome.perExample) {
    if (example.split !== 'tuning' || (only && example.source !== only)) continue;
    const lines = example.text.split('\n');
    example.secrets.forEach(([start, end], i) => {
      if (!found[i])
        console.log(
          `MISS ${example.category} ${example.id} ${example.name}: ${lines
            .slice(start - 1, end)
            .join('⏎')
            .slice(0, 220)}`,
        );
    });
    for (const line of falsePositiveLines) {
      const rules = result.findings.filter((f) => f.file.includes(example.id) && f.line === line).map((f) => f.ruleId);
      console.log(
        `FP   ${example.category} ${example.id} ${example.name} [${rules.join(',')}]: ${lines[line - 1]!.slice(0, 220)}`,
      );
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
