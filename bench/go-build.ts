/**
 * What building a Go submission costs a grade: the time of `gradeChallenge` on a fresh copy of
 * the approle Go solution (a new submission) and of a second grade of the same copy (a regrade),
 * and, of each, the time until the program starts (Vault start, provisioning and the build).
 * Run it on two checkouts to compare builds (e.g. before and after a change to how they run).
 *
 *   node scripts/run-ts.mjs bench/go-build.ts            # BENCH_RUNS=5 for more runs (default 3)
 *   BENCH_PROVIDER=binary node scripts/run-ts.mjs bench/go-build.ts
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChallenge } from '../src/course/challenges.js';
import { gradeChallenge } from '../src/grader/index.js';
import type { ProviderName } from '../src/vault/provider.js';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const PROVIDER = (process.env.BENCH_PROVIDER ?? 'embedded') as ProviderName;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function timedGrade(dir: string): Promise<{ total: number; untilRun: number }> {
  const started = performance.now();
  let running = 0;
  const report = await gradeChallenge({
    challengeId: 'approle',
    dir,
    vault: PROVIDER,
    timeoutSeconds: 120,
    onEvent: (event) => {
      if (event.type === 'status' && event.message.startsWith('running:')) running = performance.now();
    },
  });
  if (!report.passed) throw new Error(`the approle Go solution did not pass: ${JSON.stringify(report.checks)}`);
  return { total: performance.now() - started, untilRun: running - started };
}

const { summary } = await loadChallenge('approle');
const solution = join(summary.dir, 'solutions', 'go');
const fresh = { total: [] as number[], untilRun: [] as number[] };
const again = { total: [] as number[], untilRun: [] as number[] };
// One grade first, not counted: it fills whatever cache the build keeps.
await timedGrade(solution);
for (let run = 0; run < RUNS; run++) {
  const copy = await mkdtemp(join(tmpdir(), 'sw-bench-go-'));
  try {
    await cp(solution, copy, { recursive: true });
    for (const [into, timing] of [
      [fresh, await timedGrade(copy)],
      [again, await timedGrade(copy)],
    ] as const) {
      into.total.push(timing.total);
      into.untilRun.push(timing.untilRun);
    }
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}
const seconds = (values: number[]) => `${(median(values) / 1000).toFixed(1)} s`;
console.log(`approle Go solution on ${PROVIDER}, median of ${RUNS}:`);
console.log(`  new submission: grade ${seconds(fresh.total)}, until the program runs ${seconds(fresh.untilRun)}`);
console.log(`  regrade:        grade ${seconds(again.total)}, until the program runs ${seconds(again.untilRun)}`);
