import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { check, type Diagnostics } from 'recheck';
import { ALLOW_FILE_MARKER } from '../../src/scanner/placeholders.js';
import type { CollectedPattern } from './regex-collect.js';

export { auditedPatterns } from './regex-collect.js';

/** recheck's verdict on one pattern, and for a vulnerable one how V8 itself grows on the attack. */
export interface Verdict {
  pattern: CollectedPattern;
  diagnostics: Diagnostics;
  /** Time on recheck's attack pumped to 5,000 characters over 1,250: ~4 linear, ~16 quadratic. */
  growth?: number;
}

/**
 * recheck's verdicts, `concurrency` at a time: its native agent (recheck-linux-x64, an optional
 * dependency npm installs) checks requests in parallel; without it recheck falls back to a worker.
 */
export async function judge(
  patterns: CollectedPattern[],
  options: { timeout: number; concurrency: number; cache?: VerdictCache },
): Promise<Verdict[]> {
  const verdicts: Verdict[] = new Array<Verdict>(patterns.length);
  let next = 0;
  const worker = async () => {
    while (next < patterns.length) {
      const index = next++;
      const pattern = patterns[index]!;
      const key = cacheKey(pattern);
      const cached = options.cache?.verdicts[key];
      const diagnostics = cached ?? (await check(pattern.source, pattern.flags, { timeout: options.timeout }));
      // Only decided verdicts are kept: an undecided one (a timeout) is checked again next time.
      if (options.cache && !cached && diagnostics.status !== 'unknown') options.cache.verdicts[key] = kept(diagnostics);
      verdicts[index] = { pattern, diagnostics };
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  for (const verdict of verdicts)
    if (verdict.diagnostics.status === 'vulnerable') verdict.growth = v8Growth(verdict.pattern, verdict.diagnostics);
  return verdicts;
}

/**
 * recheck's verdicts kept from an earlier run (test-artifacts/regex-audit-verdicts.json), by recheck
 * version, flags and source: a pattern seen before is not judged again (a whole audit takes several
 * minutes on a loaded machine), a new or changed one is. V8's growth is always measured afresh.
 */
export interface VerdictCache {
  recheck: string;
  verdicts: Record<string, Diagnostics>;
}

export const CACHE_FILE = join(import.meta.dirname, '../../test-artifacts/regex-audit-verdicts.json');

const RECHECK_VERSION = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../node_modules/recheck/package.json'), 'utf8')) as {
    version: string;
  }
).version;

const cacheKey = (p: CollectedPattern) => createHash('sha256').update(`${p.flags}/${p.source}`).digest('hex');

/** A verdict without recheck's full attack string and hotspots (megabytes): its pumps rebuild it. */
function kept(diagnostics: Diagnostics): Diagnostics {
  if (diagnostics.status !== 'vulnerable')
    return { ...diagnostics, ...('hotspot' in diagnostics ? { hotspot: [] } : {}) };
  return { ...diagnostics, hotspot: [], attack: { ...diagnostics.attack, string: '' } };
}

export function readCache(): VerdictCache {
  const empty = { recheck: RECHECK_VERSION, verdicts: {} };
  if (!existsSync(CACHE_FILE)) return empty;
  const stored = JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as VerdictCache;
  return stored.recheck === RECHECK_VERSION ? stored : empty;
}

/** Keeps the verdicts of the patterns in use now (and no others). */
export function writeCache(cache: VerdictCache, patterns: CollectedPattern[]): void {
  const verdicts: Record<string, Diagnostics> = {};
  for (const key of patterns.map(cacheKey).sort()) if (cache.verdicts[key]) verdicts[key] = kept(cache.verdicts[key]);
  mkdirSync(dirname(CACHE_FILE), { recursive: true });
  writeFileSync(CACHE_FILE, `${JSON.stringify({ recheck: cache.recheck, verdicts }, null, 1)}\n`);
}

/** One pattern recheck judged vulnerable, and its attack without the pumped string (the guard rebuilds it). */
export interface StoredAttack {
  source: string;
  flags: string;
  where: string;
  pumps: { prefix: string; pump: string }[];
  suffix: string;
}

export const ATTACKS_FILE = join(import.meta.dirname, '../../test/fixtures/regex-audit-attacks.json');

/** Keeps recheck's attacks on the patterns in use now for the guard in `npm test` (a committed fixture). */
export function writeAttacks(verdicts: Verdict[]): void {
  const attacks: StoredAttack[] = [];
  for (const { pattern, diagnostics } of verdicts) {
    if (diagnostics.status !== 'vulnerable') continue;
    const pumps = diagnostics.attack.pumps.map(({ prefix, pump }) => ({ prefix, pump }));
    attacks.push({ ...pattern, pumps, suffix: diagnostics.attack.suffix });
  }
  // The file is scanned with the repository: a fuzzed attack may look like a key, so it is marked as a fixture.
  const note = `${ALLOW_FILE_MARKER}: recheck's attacks from bench/scanner/regex-audit.ts, key-shaped only by chance`;
  writeFileSync(ATTACKS_FILE, `${JSON.stringify({ note, attacks }, null, 1)}\n`);
}

/** The attack recheck found, its pumps repeated to about `length` characters in all. */
function pumped(attack: Extract<Diagnostics, { status: 'vulnerable' }>['attack'], length: number): string {
  const pumpLength = attack.pumps.reduce((sum, p) => sum + p.pump.length, 0) || 1;
  const times = Math.max(1, Math.round(length / pumpLength));
  return attack.pumps.map((p) => p.prefix + p.pump.repeat(times)).join('') + attack.suffix;
}

function v8Growth(pattern: CollectedPattern, diagnostics: Extract<Diagnostics, { status: 'vulnerable' }>): number {
  const regex = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '') + 'g');
  const scan = (text: string) => {
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match; match = regex.exec(text)) if (match[0].length === 0) regex.lastIndex++;
  };
  // Past the bounds of gitleaks' bounded repetitions (`{27,300}`), short enough for a quadratic one;
  // a pattern already slow on the shorter attack (worse than quadratic) is not run on the longer one.
  const short = timeOf(scan, pumped(diagnostics.attack, 1_250));
  if (short > 50) return Infinity;
  return timeOf(scan, pumped(diagnostics.attack, 5_000)) / short;
}

/** Milliseconds per run, the best of three rounds of at least 10 ms (a loaded machine only adds time). */
function timeOf(run: (text: string) => void, text: string): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    let runs = 0;
    do {
      run(text);
      runs++;
    } while (performance.now() - start < 5);
    best = Math.min(best, (performance.now() - start) / runs);
  }
  return best;
}
