import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTRA_SOURCES, FRESH_SOURCES, SOURCES } from '../../scripts/foreign-corpus/sources.js';
import {
  FOREIGN_CATEGORIES,
  decodeForeignCorpus,
  encodeForeignCorpus,
  loadCredSweeperCorpus,
  loadExtraCorpus,
  loadForeignCorpus,
  loadFreshCorpus,
  loadTrivyHorusecCorpus,
  writeForeignCorpus,
  type ForeignExample,
} from '../../src/scanner/corpus/foreign.js';
import {
  formatForeignTable,
  matchForeign,
  scoreForeign,
  type ForeignScore,
} from '../../src/scanner/corpus/foreign-score.js';
import { scanPaths } from '../../src/scanner/scan-paths.js';
import { packageRoot } from '../../src/util/package-info.js';

const fixtures = join(packageRoot, 'test/fixtures/foreign-corpus');
let examples: ForeignExample[];
let fresh: ForeignExample[];
beforeAll(async () => {
  examples = await loadForeignCorpus(packageRoot);
  fresh = await loadFreshCorpus(packageRoot);
});

describe('the foreign corpus as stored', () => {
  test('decodes to labelled examples of every category, in both parts, with both labels', () => {
    expect(examples.length).toBeGreaterThan(500);
    for (const split of ['tuning', 'held-out'] as const) {
      const part = examples.filter((e) => e.split === split);
      expect(part.filter((e) => e.label === 'secret').length, split).toBeGreaterThan(150);
      expect(part.filter((e) => e.label === 'benign').length, split).toBeGreaterThan(60);
      for (const category of FOREIGN_CATEGORIES)
        expect(
          part.some((e) => e.category === category && e.label === 'secret'),
          `${split} ${category}`,
        ).toBe(true);
    }
    for (const e of examples) {
      expect(e.label === 'secret' ? e.secrets.length > 0 : e.secrets.length === 0, e.id).toBe(true);
      const lines = e.text.split('\n').length;
      for (const [start, end] of e.secrets) expect(start >= 1 && start <= end && end <= lines, e.id).toBe(true);
    }
  });

  test('every example names its repository, commit, path, line and licence', () => {
    const byRepo = new Map<string, (typeof SOURCES)[keyof typeof SOURCES]>(
      Object.values(SOURCES).map((s) => [s.repo, s]),
    );
    for (const e of examples) {
      const source = byRepo.get(e.repo);
      expect(source, e.id).toBeDefined();
      expect(e.commit, e.id).toBe(source!.commit);
      expect(e.licence, e.id).toBe(source!.licence);
      expect(e.path.length, e.id).toBeGreaterThan(0);
      expect(e.line, e.id).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(examples.map((e) => e.id)).size).toBe(examples.length);
  });

  test('the split follows its fixed rule: the first byte of SHA-256 of the unit, even means held out', () => {
    for (const e of examples) {
      const unit = e.source === 'trufflehog' ? `${e.source}:${e.path}` : `${e.source}:${e.path}#${e.unit}`;
      const even = parseInt(createHash('sha256').update(unit).digest('hex').slice(0, 2), 16) % 2 === 0;
      expect(e.split, e.id).toBe(even ? 'held-out' : 'tuning');
    }
  });

  test('index.tsv lists every example with its provenance, and no text', async () => {
    const rows = (await readFile(join(fixtures, 'index.tsv'), 'utf8')).trim().split('\n').slice(1);
    const byId = new Map(rows.map((row) => [row.split('\t')[0], row.split('\t')] as const));
    expect(byId.size).toBe(examples.length);
    for (const e of examples) {
      const row = byId.get(e.id)!;
      expect(row.slice(1, 11), e.id).toEqual([
        e.split,
        e.label,
        e.category,
        e.source,
        e.repo,
        e.commit,
        e.path,
        String(e.line),
        e.licence,
        e.unit.replace(/[\t\n]/g, ' '),
      ]);
    }
  });

  test('masking round-trips, and the stored files trip no scanner: the corpus is a binary file', async () => {
    expect(decodeForeignCorpus(encodeForeignCorpus(examples.slice(0, 5)))).toEqual(examples.slice(0, 5));
    expect(() => decodeForeignCorpus(Buffer.from('{"not": "masked"}'))).toThrow(/not a foreign corpus/);
    const result = await scanPaths([fixtures], { cwd: fixtures, all: true });
    expect(result.findings).toEqual([]);
    expect(result.skipped.sort((a, b) => a.file.localeCompare(b.file))).toEqual([
      { file: '2ms.bin', reason: 'binary' },
      { file: 'corpus.bin', reason: 'binary' },
      { file: 'creddata.bin', reason: 'binary' },
      { file: 'credsweeper.bin', reason: 'binary' },
      { file: 'extra.bin', reason: 'binary' },
      { file: 'fresh.bin', reason: 'binary' },
      { file: 'gitguardian-earlybird-octarine.bin', reason: 'binary' },
      { file: 'linters.bin', reason: 'binary' },
      { file: 'trivy-horusec.bin', reason: 'binary' },
      { file: 'whispers.bin', reason: 'binary' },
    ]);
    expect(result.filesScanned).toBeGreaterThanOrEqual(50); // README, ten indexes, thirty-nine licences
  });
});

describe('the fresh corpus as stored (Nosey Parker and Kingfisher rule examples)', () => {
  test('labelled examples with provenance, none repeating a text of the first corpus', async () => {
    expect(fresh.filter((e) => e.label === 'secret').length).toBeGreaterThan(400);
    expect(fresh.filter((e) => e.label === 'benign').length).toBeGreaterThan(50);
    const earlier = new Set(examples.map((e) => e.text.trim()));
    const sources = new Map<string, (typeof FRESH_SOURCES)[keyof typeof FRESH_SOURCES]>(Object.entries(FRESH_SOURCES));
    for (const e of fresh) {
      const source = sources.get(e.source)!;
      expect(source, e.id).toBeDefined();
      expect([e.repo, e.commit, e.licence, e.split], e.id).toEqual([
        source.repo,
        source.commit,
        source.licence,
        'fresh',
      ]);
      expect(e.path.startsWith(`${source.rulesDir}/`), e.id).toBe(true);
      expect(earlier.has(e.text.trim()), e.id).toBe(false);
      expect(e.secrets, e.id).toEqual(e.label === 'secret' ? [[1, e.text.split('\n').length]] : []);
    }
    const rows = (await readFile(join(fixtures, 'fresh-index.tsv'), 'utf8')).trim().split('\n').slice(1);
    expect(rows.map((row) => row.split('\t').slice(0, 9))).toEqual(
      fresh.map((e) => [e.id, e.split, e.label, e.category, e.source, e.repo, e.commit, e.path, String(e.line)]),
    );
  });
});

describe('the extra tuning data as stored (ripsecrets test files, whispers fixtures)', () => {
  const earlierTexts = () => new Set([...examples, ...fresh].map((e) => e.text.trim()));
  const indexRows = async (file: string) =>
    (await readFile(join(fixtures, file), 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split('\t').slice(0, 9));
  const indexed = (list: ForeignExample[]) =>
    list.map((e) => [e.id, e.split, e.label, e.category, e.source, e.repo, e.commit, e.path, String(e.line)]);

  test('ripsecrets: tuning examples with provenance, none repeating a text of either corpus', async () => {
    const extra = (await loadExtraCorpus(packageRoot)).filter((e) => e.source === 'ripsecrets');
    expect(extra.filter((e) => e.label === 'secret').length).toBeGreaterThan(30);
    expect(extra.filter((e) => e.label === 'benign').length).toBeGreaterThan(5);
    const earlier = earlierTexts();
    const source = EXTRA_SOURCES.ripsecrets;
    for (const e of extra) {
      expect([e.source, e.repo, e.commit, e.licence, e.split], e.id).toEqual([
        'ripsecrets',
        source.repo,
        source.commit,
        source.licence,
        'tuning',
      ]);
      expect(e.path.startsWith(`${source.testDir}/`), e.id).toBe(true);
      expect(earlier.has(e.text.trim()), e.id).toBe(false);
    }
    expect(await indexRows('extra-index.tsv')).toEqual(indexed(extra));
    expect(await readFile(join(fixtures, 'licences/ripsecrets.txt'), 'utf8')).toMatch(/Permission is hereby granted/);
  });

  test('whispers: whole fixture files with provenance, no labelled line copied from either corpus', async () => {
    const all = await loadExtraCorpus(packageRoot);
    const whispers = all.filter((e) => e.source === 'whispers');
    expect(whispers.length + all.filter((e) => e.source === 'ripsecrets').length).toBe(all.length);
    expect(whispers.reduce((n, e) => n + e.secrets.length, 0)).toBeGreaterThan(150);
    expect(whispers.filter((e) => e.label === 'benign').length).toBeGreaterThan(5);
    const earlierLines = new Set([...examples, ...fresh].flatMap((e) => e.text.split('\n').map((l) => l.trim())));
    const source = EXTRA_SOURCES.whispers;
    for (const e of whispers) {
      expect([e.repo, e.commit, e.licence, e.split, e.path], e.id).toEqual([
        source.repo,
        source.commit,
        source.licence,
        'tuning',
        `${source.fixtureDir}/${e.name}`,
      ]);
      const lines = e.text.split('\n');
      for (const [start, end] of e.secrets) {
        for (const line of lines.slice(start - 1, end).map((l) => l.trim()))
          expect(line.length < 8 || !earlierLines.has(line), e.id).toBe(true);
      }
    }
    expect(await indexRows('whispers-index.tsv')).toEqual(indexed(whispers));
    expect(await readFile(join(fixtures, 'licences/whispers.txt'), 'utf8')).toMatch(/Apache License/);
  });
});

describe('the extra tuning data as stored (CredSweeper test samples)', () => {
  test('tuning examples with provenance, labelled lines inside each sample, no line of either corpus', async () => {
    const samples = await loadCredSweeperCorpus(packageRoot);
    expect(samples.filter((e) => e.label === 'secret').length).toBeGreaterThan(100);
    expect(samples.filter((e) => e.label === 'benign').length).toBeGreaterThan(50);
    const earlier = new Set(
      [...examples, ...fresh].flatMap((e) => e.text.split('\n').map((l) => l.trim())).filter((l) => l.length >= 8),
    );
    const source = EXTRA_SOURCES.credsweeper;
    for (const e of samples) {
      expect([e.source, e.repo, e.commit, e.licence, e.split], e.id).toEqual([
        'credsweeper',
        source.repo,
        source.commit,
        source.licence,
        'tuning',
      ]);
      expect(e.path.startsWith(`${source.samplesDir}/`), e.id).toBe(true);
      const lines = e.text.split('\n');
      expect(
        lines.some((l) => earlier.has(l.trim())),
        e.id,
      ).toBe(false);
      for (const [start, end] of e.secrets) expect(start >= 1 && start <= end && end <= lines.length, e.id).toBe(true);
      expect(e.label === 'benign' ? e.secrets.length === 0 && lines.length === 1 : e.secrets.length > 0, e.id).toBe(
        true,
      );
    }
    const rows = (await readFile(join(fixtures, 'credsweeper-index.tsv'), 'utf8')).trim().split('\n').slice(1);
    expect(rows.map((row) => row.split('\t').slice(0, 9))).toEqual(
      samples.map((e) => [e.id, e.split, e.label, e.category, e.source, e.repo, e.commit, e.path, String(e.line)]),
    );
    expect(await readFile(join(fixtures, 'licences/credsweeper.txt'), 'utf8')).toMatch(/Permission is hereby granted/);
  });
});

describe('the extra tuning data as stored (trivy and horusec tests)', () => {
  let samples: ForeignExample[];
  beforeAll(async () => {
    samples = await loadTrivyHorusecCorpus(packageRoot);
  });

  test('tuning examples with provenance, none sharing a line or a long token with held-out or fresh data', async () => {
    expect(samples.filter((e) => e.label === 'secret').length).toBeGreaterThan(30);
    expect(samples.filter((e) => e.label === 'benign').length).toBeGreaterThan(20);
    const never = [...examples.filter((e) => e.split === 'held-out'), ...fresh];
    const split = /[\s'"`=:,;()<>[\]{}]+/;
    const lines = new Set(never.flatMap((e) => e.text.split('\n').map((l) => l.trim())).filter((l) => l.length >= 8));
    const tokens = new Set(never.flatMap((e) => e.text.split(split)).filter((t) => t.length >= 16));
    for (const e of samples) {
      const source = EXTRA_SOURCES[e.source as 'trivy' | 'horusec'];
      expect(source, e.id).toBeDefined();
      expect([e.repo, e.commit, e.licence, e.split], e.id).toEqual([
        source.repo,
        source.commit,
        source.licence,
        'tuning',
      ]);
      expect(e.label === 'benign' ? e.secrets.length === 0 : e.secrets.length > 0 && e.othersUnlabelled, e.id).toBe(
        true,
      );
      for (const line of e.text.split('\n')) {
        expect(lines.has(line.trim()), e.id).toBe(false);
        expect(
          line.split(split).some((t) => tokens.has(t)),
          e.id,
        ).toBe(false);
      }
    }
    const rows = (await readFile(join(fixtures, 'trivy-horusec-index.tsv'), 'utf8')).trim().split('\n').slice(1);
    expect(rows.map((row) => row.split('\t').slice(0, 9))).toEqual(
      samples.map((e) => [e.id, e.split, e.label, e.category, e.source, e.repo, e.commit, e.path, String(e.line)]),
    );
    for (const name of ['trivy', 'horusec'])
      expect(await readFile(join(fixtures, `licences/${name}.txt`), 'utf8')).toMatch(/Apache License/);
  });

  // Measured before any rule changed: recall 0.70 from trivy (14 of 20, 4 false alarms), 0.81 from
  // horusec (21 of 26, none).
  test('scan: recall >= 0.70 and precision >= 0.90 from trivy, >= 0.80 and 1.00 from horusec', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sw-trivy-horusec-'));
    try {
      const written = await writeForeignCorpus(samples, dir);
      const { findings } = await scanPaths([dir], { cwd: dir });
      const scores = scoreForeign(matchForeign(written, findings));
      const from = (name: string) => scores.find((s) => s.group === `from ${name}`)!;
      expect(from('trivy').recall).toBeGreaterThanOrEqual(0.7);
      expect(from('trivy').precision).toBeGreaterThanOrEqual(0.9);
      expect(from('horusec').recall).toBeGreaterThanOrEqual(0.8);
      expect(from('horusec').precision).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('scan on the foreign corpus', () => {
  let dir: string;
  let scores: Record<ForeignExample['split'], ForeignScore[]>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sw-foreign-'));
    const written = await writeForeignCorpus([...examples, ...fresh], dir);
    const { findings } = await scanPaths([dir], { cwd: dir });
    const part = (split: string) => new Map([...written].filter(([, e]) => e.split === split));
    scores = {
      tuning: scoreForeign(matchForeign(part('tuning'), findings)),
      'held-out': scoreForeign(matchForeign(part('held-out'), findings)),
      fresh: scoreForeign(matchForeign(part('fresh'), findings)),
    };
    for (const split of ['tuning', 'held-out', 'fresh'] as const)
      console.log(`\nforeign corpus, ${split}:\n${formatForeignTable([{ name: 'scan', scores: scores[split] }])}`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const group = (split: ForeignExample['split'], name: string) => scores[split].find((s) => s.group === name)!;

  test('tuning part: recall >= 0.94, precision >= 0.99', () => {
    expect(group('tuning', 'all').recall).toBeGreaterThanOrEqual(0.94);
    expect(group('tuning', 'all').precision).toBeGreaterThanOrEqual(0.99);
  });

  // Floors at the level reached (see the bench for the comparison with gitleaks and secretlint):
  // a change that loses ground on data no rule was tuned on fails here.
  test('held-out part: recall >= 0.76, precision >= 0.94, and >= 0.67 on what gitleaks did not write', () => {
    expect(group('held-out', 'all').recall).toBeGreaterThanOrEqual(0.76);
    expect(group('held-out', 'all').precision).toBeGreaterThanOrEqual(0.94);
    expect(group('held-out', 'not from gitleaks').recall).toBeGreaterThanOrEqual(0.67);
    expect(group('held-out', 'generic').recall).toBeGreaterThanOrEqual(0.58);
    for (const category of ['slack', 'gitlab', 'stripe', 'private-key', 'vendor'])
      expect(group('held-out', category).recall, category).toBeGreaterThanOrEqual(0.85);
  });

  // Never tuned on. Before the second round of rules: scan 0.56 at 0.97, gitleaks 0.49 at 0.97,
  // secretlint 0.09 at 0.98; after it: scan 0.59 at 0.96.
  test('fresh corpus: recall >= 0.58, precision >= 0.96, >= 0.70 from Nosey Parker and >= 0.40 from Kingfisher', () => {
    expect(group('fresh', 'all').recall).toBeGreaterThanOrEqual(0.58);
    expect(group('fresh', 'all').precision).toBeGreaterThanOrEqual(0.96);
    expect(group('fresh', 'from noseyparker').recall).toBeGreaterThanOrEqual(0.7);
    expect(group('fresh', 'from kingfisher').recall).toBeGreaterThanOrEqual(0.4);
  });
});
