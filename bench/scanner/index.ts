/**
 * `scan` against gitleaks and secretlint, side by side in one run:
 *
 *  1. recall and precision on the foreign corpus (other projects' labelled examples,
 *     test/fixtures/foreign-corpus) — the held-out part first, then the fresh corpus (never
 *     tuned on either), then the tuning part;
 *  2. recall and precision on a freshly generated corpus (this project's own);
 *  3. time to scan a large real tree (the first BENCH_TREE_FILES text files of node_modules);
 *  4. the leak detector's throughput against a raw-values-only baseline.
 *
 *   npm run bench:scanner                     # BENCH_TREE_FILES=3500 by default
 *   GITLEAKS_BIN=/path/to/gitleaks npm run bench:scanner
 *   BENCH_PARTS=foreign,tree npm run bench:scanner   # only some parts: foreign, generated, tree, leak
 *   BENCH_LIST_MISSED_BY_SCAN=1 BENCH_PARTS=foreign npm run bench:scanner   # + the tuning secrets only others find
 *
 * gitleaks is built from the Go module proxy on first use (`go install …@v8.30.1`, cached in
 * $TMPDIR/secrets-workbook-bench); secretlint runs in process with its recommended preset.
 * All three read the same files; timings are wall clock on this machine, measured one after the
 * other, and reported as ratios to `scan`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateCorpus, writeCorpus, type Corpus } from '../../src/scanner/corpus/index.js';
import {
  loadExtraTuningCorpora,
  loadForeignCorpus,
  loadFreshCorpus,
  writeForeignCorpus,
} from '../../src/scanner/corpus/foreign.js';
import {
  formatForeignTable,
  matchForeign,
  scoreForeign,
  type ForeignDetection,
  type ForeignOutcome,
  type ForeignScore,
} from '../../src/scanner/corpus/foreign-score.js';
import { listFiles } from '../../src/scanner/files.js';
import { scanPaths } from '../../src/scanner/index.js';
import { packageRoot } from '../../src/util/package-info.js';
import { GITLEAKS_VERSION, ensureGitleaks, runGitleaks, runSecretlint } from './baselines.js';
import { leakDetectorThroughput } from './leak.js';
import { buildTree } from './tree.js';

type Tool = 'scan' | 'gitleaks' | 'secretlint';
const TOOLS: Tool[] = ['scan', 'gitleaks', 'secretlint'];

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; out: T }> {
  const start = performance.now();
  const out = await fn();
  return { ms: performance.now() - start, out };
}

/** Every tool over one folder: detections (file relative to the folder, line span) and time. */
async function runAll(dir: string, gitleaks: string): Promise<Record<Tool, { ms: number; out: ForeignDetection[] }>> {
  const files = (await listFiles(dir, dir, true)).files;
  const scan = await timed(async () => (await scanPaths([dir], { cwd: dir, all: true })).findings);
  const leaks = await timed(() => runGitleaks(gitleaks, dir));
  const lint = await timed(() => runSecretlint(files));
  return { scan, gitleaks: leaks, secretlint: lint };
}

function table(title: string, scores: Record<Tool, ForeignScore[]>): void {
  console.log(`\n${title}\n${formatForeignTable(TOOLS.map((name) => ({ name, scores: scores[name] })))}`);
}

async function foreignCorpus(gitleaks: string): Promise<void> {
  const examples = [
    ...(await loadForeignCorpus(packageRoot)),
    ...(await loadFreshCorpus(packageRoot)),
    ...(await loadExtraTuningCorpora(packageRoot)),
  ];
  const dir = await mkdtemp(join(tmpdir(), 'sw-bench-foreign-'));
  try {
    const written = await writeForeignCorpus(examples, dir);
    const results = await runAll(dir, gitleaks);
    for (const split of ['held-out', 'fresh', 'tuning'] as const) {
      const part = new Map([...written].filter(([, e]) => e.split === split));
      const scores = Object.fromEntries(
        TOOLS.map((tool) => [tool, scoreForeign(matchForeign(part, results[tool].out))]),
      ) as Record<Tool, ForeignScore[]>;
      const title =
        split === 'fresh'
          ? 'Fresh corpus (Nosey Parker, Kingfisher)'
          : split === 'tuning'
            ? 'Foreign corpus, tuning part (with the extra tuning data: ripsecrets, whispers, CredSweeper, trivy, horusec, GitGuardian, earlybird, secret-detector)'
            : `Foreign corpus, ${split} part`;
      table(`${title}: recall (secrets found) and precision (false positives)`, scores);
      const outcomes = TOOLS.map((tool) => matchForeign(part, results[tool].out).perExample);
      let secrets = 0;
      let byNone = 0;
      outcomes[0]!.forEach((row, i) =>
        row.found.forEach((_found, j) => {
          secrets++;
          if (!outcomes.some((o) => o[i]!.found[j])) byNone++;
        }),
      );
      console.log(
        `${byNone} of ${secrets} secrets are found by none of the three (the ceiling of any union: ${((secrets - byNone) / secrets).toFixed(2)})`,
      );
      missedByScanOnly(split, outcomes);
      if (split === 'held-out') doneWhen(scores);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Secrets another scanner finds and `scan` misses: a count per category for every split, and —
 * for the tuning part only, with BENCH_LIST_MISSED_BY_SCAN=1 — the examples themselves, to learn
 * from. Held-out and fresh examples are never listed.
 */
function missedByScanOnly(split: string, outcomes: Array<ForeignOutcome['perExample']>): void {
  const [ours, ...theirs] = outcomes;
  const byCategory = new Map<string, number>();
  const listed: string[] = [];
  ours!.forEach((row, i) =>
    row.found.forEach((found, j) => {
      if (found || !theirs.some((other) => other[i]!.found[j])) return;
      byCategory.set(row.example.category, (byCategory.get(row.example.category) ?? 0) + 1);
      if (split === 'tuning') {
        const [start, end] = row.example.secrets[j]!;
        const lines = row.example.text
          .split('\n')
          .slice(start - 1, end)
          .join(' ⏎ ')
          .slice(0, 200);
        listed.push(`  ${row.example.category}\t${row.example.id}\t${lines}`);
      }
    }),
  );
  const total = [...byCategory.values()].reduce((a, b) => a + b, 0);
  const detail = [...byCategory].map(([category, n]) => `${category} ${n}`).join(', ');
  console.log(`${total} are found by gitleaks or secretlint but not by scan${total ? ` (${detail})` : ''}`);
  if (split === 'tuning' && process.env.BENCH_LIST_MISSED_BY_SCAN) console.log(listed.join('\n'));
}

/** The issue's bar, checked on the held-out part. */
function doneWhen(scores: Record<Tool, ForeignScore[]>): void {
  const ours = new Map(scores.scan.map((s) => [s.group, s]));
  const theirs = new Map(scores.gitleaks.map((s) => [s.group, s]));
  const all = ours.get('all')!;
  const categories = scores.scan.filter(
    (s) => !s.group.startsWith('from ') && s.group !== 'all' && !s.group.startsWith('not '),
  );
  const weakest = categories.reduce((a, b) => (b.recall < a.recall ? b : a));
  const notGitleaks = [ours.get('not from gitleaks')!, theirs.get('not from gitleaks')!];
  const lines = [
    [`recall >= 0.90 overall`, all.recall >= 0.9, all.recall.toFixed(2)],
    [
      `recall >= 0.80 in every category`,
      weakest.recall >= 0.8,
      `lowest: ${weakest.group} ${weakest.recall.toFixed(2)}`,
    ],
    [`precision >= 0.95`, all.precision >= 0.95, all.precision.toFixed(2)],
    [
      `recall above gitleaks' on data not from gitleaks`,
      notGitleaks[0]!.recall > notGitleaks[1]!.recall,
      `${notGitleaks[0]!.recall.toFixed(2)} vs ${notGitleaks[1]!.recall.toFixed(2)}`,
    ],
  ] as const;
  console.log('\nThe bar, on the held-out part:');
  for (const [what, ok, detail] of lines) console.log(`  ${ok ? 'met    ' : 'NOT MET'}  ${what} (${detail})`);
}

/**
 * The generated corpus, scored like the foreign one: a detection on a labelled line (or inside a
 * labelled private key) finds that secret, any other detection is a false positive — except on
 * lines that test this project's own allow-comment convention (`secrets-workbook:allow`, a file
 * marked `secrets-workbook:allow-file`), which the other two scanners have no reason to know.
 */
function scoreGenerated(
  corpus: Corpus,
  detections: ForeignDetection[],
): { recall: Map<string, [number, number]>; fp: number } {
  const ignored = new Set(
    corpus.decoys
      .filter((d) => d.kind === 'allow-comment' || d.kind === 'test-fixture')
      .map((d) => `${d.file}:${d.line}`),
  );
  const content = new Map(corpus.files.map((f) => [f.path, f.content.split('\n')]));
  const spans = corpus.labels.map((label) => {
    if (label.category !== 'private-key') return { label, end: label.line };
    const lines = content.get(label.file)!;
    const end = lines.findIndex((text, i) => i >= label.line && /-----END /.test(text));
    return { label, end: end === -1 ? label.line : end + 1 };
  });
  const recall = new Map<string, [number, number]>();
  for (const { label, end } of spans) {
    const found = detections.some((d) => d.file === label.file && d.line <= end && (d.endLine ?? d.line) >= label.line);
    const entry = recall.get(label.category) ?? [0, 0];
    recall.set(label.category, [entry[0] + (found ? 1 : 0), entry[1] + 1]);
  }
  const falsePositives = new Set<string>();
  for (const d of detections) {
    const inSecret = spans.some(
      ({ label, end }) => d.file === label.file && d.line <= end && (d.endLine ?? d.line) >= label.line,
    );
    if (!inSecret && !ignored.has(`${d.file}:${d.line}`)) falsePositives.add(`${d.file}:${d.line}`);
  }
  return { recall, fp: falsePositives.size };
}

async function generated(gitleaks: string): Promise<void> {
  const corpus = generateCorpus({ perCategory: 60, decoysPerKind: 30 });
  const dir = await mkdtemp(join(tmpdir(), 'sw-bench-generated-'));
  try {
    await writeCorpus(corpus, dir);
    const results = await runAll(dir, gitleaks);
    const scores = TOOLS.map((tool) => scoreGenerated(corpus, results[tool].out));
    console.log(
      `\nGenerated corpus (${corpus.files.length} files, ${corpus.labels.length} secrets, ${corpus.decoys.length} decoy lines): recall per category`,
    );
    const rows = [['category', 'secrets', ...TOOLS]];
    for (const category of scores[0]!.recall.keys()) {
      const total = scores[0]!.recall.get(category)![1];
      rows.push([category, String(total), ...scores.map((s) => (s.recall.get(category)![0] / total).toFixed(2))]);
    }
    const all = (s: (typeof scores)[number]) => [...s.recall.values()].reduce((n, [found]) => n + found, 0);
    rows.push(['all', String(corpus.labels.length), ...scores.map((s) => (all(s) / corpus.labels.length).toFixed(2))]);
    rows.push(['precision', '', ...scores.map((s) => `${(all(s) / (all(s) + s.fp)).toFixed(2)} (${s.fp} fp)`)]);
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const row of rows)
      console.log(row.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  '));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function largeTree(gitleaks: string): Promise<void> {
  const count = Number(process.env.BENCH_TREE_FILES ?? 3500);
  const dir = await mkdtemp(join(tmpdir(), 'sw-bench-tree-'));
  try {
    const { files, bytes } = await buildTree(join(packageRoot, 'node_modules'), dir, count);
    const results = await runAll(dir, gitleaks);
    console.log(
      `\nLarge tree: ${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB of node_modules (wall clock, one run each)`,
    );
    for (const tool of TOOLS) {
      const { ms, out } = results[tool];
      const ratio = tool === 'scan' ? '' : `, ${(ms / results.scan.ms).toFixed(1)}x the time of scan`;
      console.log(
        `  ${tool.padEnd(10)} ${(ms / 1000).toFixed(1).padStart(6)} s  ${String(out.length).padStart(4)} findings${ratio}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const gitleaks = await ensureGitleaks();
const version = (await readFile(join(packageRoot, 'package.json'), 'utf8')).match(/"version": "([^"]+)"/)?.[1];
console.log(
  `secrets-workbook scan ${version} · gitleaks ${GITLEAKS_VERSION} (default config) · secretlint (recommended preset)`,
);
// BENCH_PARTS=foreign,tree runs only those parts (default: all four).
const parts = new Set((process.env.BENCH_PARTS ?? 'foreign,generated,tree,leak').split(','));
if (parts.has('foreign')) await foreignCorpus(gitleaks);
if (parts.has('generated')) await generated(gitleaks);
if (parts.has('tree')) await largeTree(gitleaks);
if (parts.has('leak')) await leakDetectorThroughput();
