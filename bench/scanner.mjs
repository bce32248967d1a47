// Benchmark: our source scanner vs secretlint 11 (the newest major that runs on Node 20, with its
// recommended preset) on one freshly generated corpus, side by side in one run; then the leak
// detector's throughput against a raw-values-only baseline. Run: npm run bench:scanner
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { generateCorpus, scoreDetections } from '../src/scanner/corpus/index.ts';
import { scanText, LeakDetector } from '../src/scanner/index.ts';
import { password, privateKey } from '../src/scanner/corpus/values.ts';

const corpus = generateCorpus({ perCategory: 100, decoysPerKind: 50 });
const bytes = corpus.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
console.log(
  `corpus: ${corpus.files.length} files, ${(bytes / 1024).toFixed(0)} KiB, ${corpus.labels.length} labelled secrets, ${corpus.decoys.length} decoy lines\n`,
);

const SECRETLINT_CATEGORY = {
  '@secretlint/secretlint-rule-aws': 'aws',
  '@secretlint/secretlint-rule-github': 'github',
  '@secretlint/secretlint-rule-slack': 'slack',
  '@secretlint/secretlint-rule-privatekey': 'private-key',
  '@secretlint/secretlint-rule-basicauth': 'url-credentials',
  '@secretlint/secretlint-rule-database-connection-string': 'url-credentials',
  '@secretlint/secretlint-rule-npm': 'npm',
  '@secretlint/secretlint-rule-gcp': 'gcp',
  '@secretlint/secretlint-rule-openai': 'openai',
};
const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };

async function runSecretlint() {
  const detections = [];
  for (const file of corpus.files) {
    const result = await lintSource({
      source: { filePath: `/corpus/${file.path}`, content: file.content, contentType: 'text' },
      options: { config, maskSecrets: true },
    });
    for (const m of result.messages)
      detections.push({ file: file.path, line: m.loc.start.line, category: SECRETLINT_CATEGORY[m.ruleId] ?? m.ruleId });
  }
  return detections;
}

function runOurs() {
  return corpus.files.flatMap((file) => scanText(file.content, { file: file.path }));
}

async function timed(fn, rounds) {
  await fn(); // warm-up
  const start = performance.now();
  let out;
  for (let i = 0; i < rounds; i++) out = await fn();
  return { ms: (performance.now() - start) / rounds, out };
}

const ours = await timed(runOurs, 5);
const theirs = await timed(runSecretlint, 5);
const oursScores = scoreDetections(corpus.labels, ours.out);
const theirScores = scoreDetections(corpus.labels, theirs.out);

const pct = (x) => x.toFixed(2);
const rows = [['category', 'ours recall', 'ours precision', 'secretlint recall', 'secretlint precision']];
for (const s of oursScores) {
  const t = theirScores.find((x) => x.category === s.category);
  rows.push([
    s.category,
    pct(s.recall),
    pct(s.precision),
    t ? pct(t.recall) : '-',
    t && t.detections ? pct(t.precision) : '-',
  ]);
}
for (const t of theirScores)
  if (!oursScores.some((s) => s.category === t.category))
    rows.push([t.category, '-', '-', pct(t.recall), t.detections ? pct(t.precision) : '-']);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));

console.log(
  `\nscan time per corpus (mean of 5): ours ${ours.ms.toFixed(1)} ms, secretlint ${theirs.ms.toFixed(1)} ms; secretlint/ours = ${(theirs.ms / ours.ms).toFixed(2)}x`,
);
console.log(
  `throughput: ours ${(bytes / 1024 / 1024 / (ours.ms / 1000)).toFixed(1)} MiB/s, secretlint ${(bytes / 1024 / 1024 / (theirs.ms / 1000)).toFixed(1)} MiB/s`,
);

// Leak detector: 20 MiB of output, 4 secrets (all forms) vs looking for the raw values only.
const secrets = [
  { name: 'password', value: password() },
  { name: 'api', value: randomBytes(24).toString('hex') },
  { name: 'url', value: `postgres://app:${password()}@db/app` },
  { name: 'tls', value: privateKey('ec') },
];
const chunk = Buffer.from(randomBytes(48 * 1024).toString('base64'));
const total = 20 * 1024 * 1024;
function streamAll() {
  const detector = new LeakDetector(secrets);
  for (let sent = 0; sent < total; sent += chunk.length) detector.write(chunk);
  return detector;
}
function rawOnly() {
  const raws = secrets.map((s) => Buffer.from(s.value));
  let hits = 0;
  for (let sent = 0; sent < total; sent += chunk.length) for (const raw of raws) if (chunk.indexOf(raw) !== -1) hits++;
  return hits;
}
const leak = await timed(streamAll, 3);
const raw = await timed(rawOnly, 3);
const patterns = secrets.length; // per secret: raw, 3 base64 + 3 base64url, 2 hex, url/form, JSON forms
console.log(
  `\nleak detector, 20 MiB, ${patterns} secrets in every form: ${(total / 1024 / 1024 / (leak.ms / 1000)).toFixed(0)} MiB/s; raw values only (indexOf): ${(total / 1024 / 1024 / (raw.ms / 1000)).toFixed(0)} MiB/s; cost of the encodings = ${(leak.ms / raw.ms).toFixed(1)}x`,
);
