// Tuning data outside the stored corpus: the pattern tests of TruffleHog's detectors that are NOT
// in the corpus' scope (scripts/foreign-corpus/sources.ts) — some 800 providers, mostly keys with
// no prefix of their own written next to the provider's name. None of them is in the held-out part
// or in the fresh corpus, so rules may be tuned on them. Prints `scan`'s recall on them and its
// misses (placeholders left out as in the corpus: a character ten times in a row, `EXAMPLE`).
//   node scripts/run-ts.mjs scripts/foreign-corpus/trufflehog-extra.ts [--repo GIT_DIR]
// Without --repo TruffleHog is cloned (blobless) into a temporary folder. Needs git and go.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { checkoutAt } from './checkout.js';
import { scanText } from '../../src/scanner/scan-text.js';
import { SOURCES } from './sources.js';

const here = dirname(fileURLToPath(import.meta.url));
const source = SOURCES.trufflehog;
const given = process.argv.includes('--repo') ? process.argv[process.argv.indexOf('--repo') + 1] : undefined;
const work = await mkdtemp(join(tmpdir(), 'sw-trufflehog-extra-'));
try {
  const tree = await checkoutAt(source, ['pkg/detectors'], join(work, 'tree'), { given, scratch: work });
  const inScope = new Set<string>(source.scope);
  const files: string[] = [];
  for (const detector of await readdir(join(tree, 'pkg/detectors'), { withFileTypes: true })) {
    if (!detector.isDirectory() || inScope.has(detector.name)) continue;
    for (const name of await readdir(join(tree, 'pkg/detectors', detector.name)))
      if (name.endsWith('_test.go') && !name.includes('integration'))
        files.push(`pkg/detectors/${detector.name}/${name}`);
  }
  const { stdout } = await execa('go', ['run', join(here, 'extract_go.go'), 'trufflehog', ...files], { cwd: tree });
  const items = JSON.parse(stdout) as Array<{ path: string; kind: string; text: string; want?: string[] }>;
  let total = 0;
  let found = 0;
  const misses: string[] = [];
  for (const item of items) {
    if (item.kind !== 'want' || !item.want?.length) continue;
    if (item.want.some((value) => /(.)\1{9}|EXAMPLE/.test(value))) continue;
    const lines = item.text.split('\n');
    // The lines holding a part of a wanted value (TruffleHog joins key and secret with `:`).
    const wanted = new Set<number>();
    for (const value of item.want)
      for (const part of value.split(/[:;]/).filter((p) => p.length >= 8))
        lines.forEach((line, i) => line.includes(part) && wanted.add(i + 1));
    if (wanted.size === 0) continue;
    total++;
    if (scanText(item.text, { file: 'example.txt' }).some((f) => wanted.has(f.line))) found++;
    else misses.push(`MISS ${item.path.split('/')[2]}: ${[...wanted].map((n) => lines[n - 1]!.trim()).join(' ⏎ ')}`);
  }
  console.log(misses.map((m) => m.slice(0, 220)).join('\n'));
  console.log(`\n${files.length} test files of detectors outside the corpus' scope at ${source.commit.slice(0, 7)}`);
  console.log(`scan finds ${found} of ${total} examples (${(found / total).toFixed(2)})`);
} finally {
  await rm(work, { recursive: true, force: true });
}
