/**
 * Start-to-ready time of each Vault provider that works here, measured side by side in one run:
 * runs are interleaved (binary, embedded, docker, binary, …) so machine load hits all alike.
 * "Ready" = start() resolved: sys/health answered 200 and the audit device is on (the grader's
 * path). Stopping is not timed. One warm-up start per provider (Docker: the image pull) first.
 *
 *   npm run bench:startup            # BENCH_RUNS=7 for more runs (default 5)
 */
import { BinaryProvider } from '../src/vault/binary-provider.js';
import { DockerProvider } from '../src/vault/docker-provider.js';
import { EmbeddedProvider } from '../src/vault/embedded-provider.js';
import type { VaultProvider } from '../src/vault/provider.js';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));

async function timeStart(provider: VaultProvider): Promise<number> {
  const started = performance.now();
  const vault = await provider.start({ audit: true });
  const elapsed = performance.now() - started;
  await vault.stop();
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const candidates: Array<{ label: string; provider: VaultProvider }> = [
  { label: 'binary', provider: new BinaryProvider() },
  { label: 'embedded', provider: new EmbeddedProvider() },
  { label: 'docker', provider: new DockerProvider() },
];

const runnable: Array<{ label: string; provider: VaultProvider; detail: string; times: number[] }> = [];
for (const { label, provider } of candidates) {
  const availability = await provider.availability();
  if (!availability.available) {
    console.log(`${label.padEnd(9)} skipped: ${availability.reason}`);
    continue;
  }
  try {
    await timeStart(provider); // warm-up: caches, the image pull
    runnable.push({ label, provider, detail: availability.reason, times: [] });
  } catch (error) {
    console.log(`${label.padEnd(9)} skipped: ${(error as Error).message.split('\n')[0]}`);
  }
}

for (let run = 0; run < RUNS; run++) {
  for (const entry of runnable) entry.times.push(await timeStart(entry.provider));
}

if (runnable.length === 0) {
  console.log('no provider could be started here');
  process.exit(1);
}

const baseline = runnable.find((entry) => entry.label === 'binary') ?? runnable[0]!;
const baseMedian = median(baseline.times);
console.log(
  `\nstart-to-ready, median of ${RUNS} interleaved runs (after one warm-up each); ratio vs ${baseline.label}`,
);
console.log(
  `${'provider'.padEnd(10)}${'median'.padStart(10)}${'min'.padStart(10)}${'max'.padStart(10)}${'ratio'.padStart(9)}  server`,
);
for (const entry of runnable) {
  const value = median(entry.times);
  const ratio = value / baseMedian;
  console.log(
    `${entry.label.padEnd(10)}${`${value.toFixed(0)} ms`.padStart(10)}${`${Math.min(...entry.times).toFixed(0)} ms`.padStart(10)}` +
      `${`${Math.max(...entry.times).toFixed(0)} ms`.padStart(10)}${`${ratio.toFixed(2)}x`.padStart(9)}  ${entry.detail}`,
  );
}
for (const entry of runnable) {
  if (entry === baseline) continue;
  const value = median(entry.times);
  const factor = baseMedian / value;
  console.log(
    `${entry.label} is ${factor >= 1 ? `${factor.toFixed(1)}x faster` : `${(1 / factor).toFixed(1)}x slower`} than ${baseline.label} to start`,
  );
}
// Docker detection may leave a client request pending; the numbers are printed, so end here.
process.exit(0);
