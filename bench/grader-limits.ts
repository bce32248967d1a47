/**
 * What the grader keeps bounded, in time and memory, each measured side by side with a baseline
 * in one run (these were budgets inside tests; the tests now check behaviour, this prints figures):
 *
 * - stopping: a hanging program with a child, timeout 300 ms — how long until its result, against
 *   the timeout itself; a program that exits leaving a child that holds its pipes, against one
 *   that leaves nothing behind;
 * - a grade of a program that hangs, timeout 2 s (embedded Vault): from the program's start to
 *   the report, against the timeout;
 * - memory: peak RSS of `grade` (the built CLI, embedded Vault) for a program that prints 20 MB and
 *   one that prints 80 MB, against a quiet one (keeping the output would cost 60 MB more);
 * - the leak detector: heap growth while 20 MB stream through it, against the same 20 MB streamed
 *   past it (the chunks alone).
 *
 *   npm run bench:grader           # BENCH_RUNS=7 for more runs (default 5); needs `npm run build` for the memory part
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradeChallenge } from '../src/grader/index.js';
import { programEnvironment } from '../src/grader/program/environment.js';
import { runProgram } from '../src/grader/program/run-program.js';
import { LeakDetector } from '../src/scanner/index.js';
import { randomBase62 } from '../src/util/random.js';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const root = new URL('..', import.meta.url).pathname;
const work = await mkdtemp(join(tmpdir(), 'sw-bench-limits-'));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function line(label: string, ours: number, baseline: number, unit: string, baselineLabel: string): void {
  const digits = unit === 'MB' ? 1 : 0;
  // A ratio to a near-zero baseline means nothing: then the difference.
  const compared = baseline >= 1 ? `${(ours / baseline).toFixed(2)}x` : `${(ours - baseline).toFixed(1)} ${unit} more`;
  console.log(
    `${label.padEnd(58)} ${ours.toFixed(digits).padStart(7)} ${unit}  vs ${baseline.toFixed(digits).padStart(7)} ${unit} ${baselineLabel.padEnd(24)} ${compared}`,
  );
}

async function timeRun(command: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  await runProgram({ command, cwd: work, env: programEnvironment(undefined), timeoutMs }).result;
  return performance.now() - started;
}

async function stopping(): Promise<void> {
  const hang: number[] = [];
  const leftover: number[] = [];
  const clean: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const marker = `297.${run}${Math.floor(Math.random() * 1e6)}`;
    hang.push(await timeRun(`sleep ${marker} & sleep ${marker}`, 300));
    leftover.push(await timeRun(`(sleep ${marker} &) ; echo done`, 10_000));
    clean.push(await timeRun('echo done', 10_000));
  }
  line('hanging program + child, stopped at the timeout', median(hang), 300, 'ms', '(the timeout)');
  line('exits leaving a child that holds its pipes', median(leftover), median(clean), 'ms', '(exits, nothing left)');
}

const HANGING = `import { spawn } from 'node:child_process';\nspawn('sleep', ['299.5'], { stdio: 'ignore' });\nsetInterval(() => {}, 1000);\n`;

async function gradeHang(): Promise<void> {
  const dir = await mkdtemp(join(work, 'hang-'));
  await writeFile(join(dir, 'main.mjs'), HANGING);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let runningAt = 0;
    await gradeChallenge({
      challengeId: 'approle',
      dir,
      vault: 'embedded',
      timeoutSeconds: 2,
      onEvent: (event) => {
        if (event.type === 'status' && event.message.startsWith('running:')) runningAt = performance.now();
      },
    });
    times.push(performance.now() - runningAt);
  }
  line('grade of a hanging program, timeout 2 s: start → report', median(times), 2000, 'ms', '(the timeout)');
}

/** Peak RSS (MB) of the built CLI grading `dir`, sampled from /proc. */
function gradePeakRss(dir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'dist', 'cli.js'), 'grade', 'approle', dir, '--vault', 'embedded', '--json', '--no-progress'],
      { env: { ...process.env, SECRETS_WORKBOOK_HOME: join(work, 'home') }, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let stdout = '';
    let peak = 0;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const sampler = setInterval(() => {
      readFile(`/proc/${child.pid}/status`, 'utf8').then(
        (status) => (peak = Math.max(peak, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)),
        () => undefined,
      );
    }, 20);
    child.on('error', reject);
    child.on('close', () => {
      clearInterval(sampler);
      if (!(JSON.parse(stdout) as { passed: boolean }).passed) reject(new Error(`the program in ${dir} did not pass`));
      else resolve(peak);
    });
  });
}

async function writer(megabytes: number): Promise<string> {
  const dir = await mkdtemp(join(work, `writer-${megabytes}-`));
  await writeFile(
    join(dir, 'main.mjs'),
    `const addr = process.env.VAULT_ADDR;
const login = await (await fetch(addr + '/v1/auth/approle/login', { method: 'POST', body: JSON.stringify({ role_id: process.env.VAULT_ROLE_ID, secret_id: process.env.VAULT_SECRET_ID }) })).json();
await fetch(addr + '/v1/secret/data/database/backend', { headers: { 'X-Vault-Token': login.auth.client_token } });
const block = ('y'.repeat(99) + '\\n').repeat(10_000);
for (let i = 0; i < ${megabytes}; i++) { if (!process.stdout.write(block)) await new Promise((resolve) => process.stdout.once('drain', resolve)); }
`,
  );
  return dir;
}

async function memory(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    console.log('grade memory: skipped (run `npm run build` first)');
    return;
  }
  const [quiet, twenty, eighty] = await Promise.all([writer(0), writer(20), writer(80)]);
  const peaks: Record<string, number[]> = { quiet: [], twenty: [], eighty: [] };
  for (let run = 0; run < RUNS; run++) {
    peaks.quiet!.push(await gradePeakRss(quiet));
    peaks.twenty!.push(await gradePeakRss(twenty));
    peaks.eighty!.push(await gradePeakRss(eighty));
  }
  line('grade peak RSS, program prints 20 MB', median(peaks.twenty!), median(peaks.quiet!), 'MB', '(prints nothing)');
  line('grade peak RSS, program prints 80 MB', median(peaks.eighty!), median(peaks.twenty!), 'MB', '(prints 20 MB)');
}

function heapGrowth(stream: (chunk: Buffer) => void): number {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const chunk = Buffer.from('x'.repeat(64 * 1024));
  for (let written = 0; written < 20 * 1024 * 1024; written += chunk.length) stream(Buffer.from(chunk));
  return (process.memoryUsage().heapUsed - before) / (1024 * 1024);
}

function leakDetectorHeap(): void {
  const secrets = [
    { name: 'password', value: randomBase62(32) },
    { name: 'api', value: randomBase62(48) },
  ];
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const detector = new LeakDetector(secrets);
    let seen = 0;
    baseline.push(heapGrowth((chunk) => (seen += chunk.length)));
    ours.push(heapGrowth((chunk) => detector.write(chunk, 'stdout')));
  }
  if (!globalThis.gc) console.log('(heap figures without --expose-gc: noisier)');
  // Heap growth can be ~0 or negative after a collection: compare with a floor of 1 MB.
  line(
    'leak detector: heap growth over 20 MB',
    Math.max(1, median(ours)),
    Math.max(1, median(baseline)),
    'MB',
    '(the chunks alone)',
  );
}

try {
  console.log(`median of ${RUNS} runs each, interleaved`);
  await stopping();
  await gradeHang();
  await memory();
  leakDetectorHeap();
} finally {
  await rm(work, { recursive: true, force: true });
}
