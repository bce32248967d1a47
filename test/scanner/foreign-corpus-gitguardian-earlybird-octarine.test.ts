import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { EXTRA_SOURCES } from '../../scripts/foreign-corpus/sources.js';
import {
  loadForeignCorpus,
  loadFreshCorpus,
  loadGitGuardianEarlybirdOctarineCorpus,
  writeForeignCorpus,
  type ForeignExample,
} from '../../src/scanner/corpus/foreign.js';
import { matchForeign, scoreForeign } from '../../src/scanner/corpus/foreign-score.js';
import { scanPaths } from '../../src/scanner/scan-paths.js';
import { packageRoot } from '../../src/util/package-info.js';

const fixtures = join(packageRoot, 'test/fixtures/foreign-corpus');
const SOURCES = ['ggshield', 'pygitguardian', 'earlybird', 'octarine'] as const;

describe('the extra tuning data as stored (GitGuardian cassettes, earlybird and secret-detector tests)', () => {
  let samples: ForeignExample[];
  let never: ForeignExample[];
  beforeAll(async () => {
    samples = await loadGitGuardianEarlybirdOctarineCorpus(packageRoot);
    never = [
      ...(await loadForeignCorpus(packageRoot)).filter((e) => e.split === 'held-out'),
      ...(await loadFreshCorpus(packageRoot)),
    ];
  });

  test('tuning examples with provenance, none sharing a line or a long token with held-out or fresh data', async () => {
    for (const source of SOURCES) {
      const mine = samples.filter((e) => e.source === source);
      expect(mine.filter((e) => e.label === 'secret').length, source).toBeGreaterThan(0);
    }
    expect(samples.filter((e) => e.label === 'benign').length).toBeGreaterThan(40);
    const split = /[\s'"`=:,;()<>[\]{}]+/;
    const lines = new Set(never.flatMap((e) => e.text.split('\n').map((l) => l.trim())).filter((l) => l.length >= 8));
    const tokens = new Set(never.flatMap((e) => e.text.split(split)).filter((t) => t.length >= 16));
    for (const e of samples) {
      const source = EXTRA_SOURCES[e.source as (typeof SOURCES)[number]];
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
    const rows = (await readFile(join(fixtures, 'gitguardian-earlybird-octarine-index.tsv'), 'utf8'))
      .trim()
      .split('\n')
      .slice(1);
    expect(rows.map((row) => row.split('\t').slice(0, 9))).toEqual(
      samples.map((e) => [e.id, e.split, e.label, e.category, e.source, e.repo, e.commit, e.path, String(e.line)]),
    );
    for (const name of ['ggshield', 'pygitguardian'])
      expect(await readFile(join(fixtures, `licences/${name}.txt`), 'utf8')).toMatch(/Permission is hereby granted/);
    for (const name of ['earlybird', 'octarine'])
      expect(await readFile(join(fixtures, `licences/${name}.txt`), 'utf8')).toMatch(/Apache License/);
  });

  // Measured before any rule of this round changed: recall 0.88 from ggshield (14 of 16, no false alarm),
  // 1.00 from py-gitguardian (1), 0.77 from earlybird (10 of 13, 5 false alarms), 0.35 from
  // secret-detector (19 of 55, 3); after it 0.88, 1.00, 0.85 (1) and 0.42 (3).
  test('scan: recall and precision on each source at least what this round left them at', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sw-gitguardian-earlybird-octarine-'));
    try {
      const written = await writeForeignCorpus(samples, dir);
      const { findings } = await scanPaths([dir], { cwd: dir });
      const scores = scoreForeign(matchForeign(written, findings));
      const from = (name: string) => scores.find((s) => s.group === `from ${name}`)!;
      expect(from('ggshield').recall).toBeGreaterThanOrEqual(0.8);
      expect(from('ggshield').precision).toBe(1);
      expect(from('pygitguardian').recall).toBe(1);
      expect(from('earlybird').recall).toBeGreaterThanOrEqual(0.8);
      expect(from('earlybird').precision).toBeGreaterThanOrEqual(0.9);
      expect(from('octarine').recall).toBeGreaterThanOrEqual(0.4);
      expect(from('octarine').precision).toBeGreaterThanOrEqual(0.85);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
