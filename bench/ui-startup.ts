/**
 * Time from process start to the first rendered frame of the home screen, in a real pseudo
 * terminal (util-linux `script`), against the floor: `node -e ""` started the same way. Then the
 * memory (RSS) of the UI process after opening and scrolling through every lesson.
 *
 *   npm run bench:ui            (builds first; RUNS=15 by default)
 *   BASELINE=/path/to/other/package npm run bench:ui
 *                               (the same, side by side with another build, e.g. a worktree of
 *                               an earlier commit after its `npm run build`; runs interleaved)
 *
 * Wall time on a busy machine mostly measures the other processes, so each run also reports the
 * CPU time (user + system) the process used until its first frame (SECRETS_WORKBOOK_TIMING's
 * mark) and, for the floor, until it exits: far less sensitive to load.
 *
 * Every session is ended by the bench: a run that times out, an error, Ctrl-C or SIGTERM kills
 * the `script` process and everything under it, so no terminal session outlives the bench.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Run from the package root (npm run bench:ui does).
const root = process.cwd();
const cli = join(root, 'dist', 'cli.js');
const baseline = process.env.BASELINE ? join(process.env.BASELINE, 'dist', 'cli.js') : undefined;
const runs = Number(process.env.RUNS ?? 15);
const course = process.env.SECRETS_WORKBOOK_COURSE_DIR;

interface Session {
  write(keys: string): void;
  /** Resolves when `text` has appeared in the output after position `from` (default: anywhere). */
  waitFor(text: string, timeoutMs?: number, from?: number): Promise<number>;
  /** The current end of the output, for a later waitFor that only looks at what comes next. */
  position(): number;
  nodePid(): number | undefined;
  output(): string;
  exited: Promise<void>;
  kill(): void;
}

const live = new Set<Session>();
function killAll(): void {
  for (const session of live) session.kill();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });

function session(command: string, extraEnv: NodeJS.ProcessEnv = {}): Session {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    TERM: 'xterm-256color',
    SECRETS_WORKBOOK_HOME: mkdtempSync(join(tmpdir(), 'sw-bench-')),
  };
  for (const name of Object.keys(env)) if (name === 'CI' || name.startsWith('CI_')) delete env[name];
  if (course) env.SECRETS_WORKBOOK_COURSE_DIR = course;
  const child = spawn('script', ['-qfec', `stty cols 100 rows 30; ${command}`, '/dev/null'], {
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  const waiters: Array<{ text: string; from: number; resolve: (ms: number) => void }> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    const now = performance.now();
    for (const waiter of [...waiters]) {
      if (output.includes(waiter.text, waiter.from)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(now - started);
      }
    }
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const self: Session = {
    write: (keys) => child.stdin.write(keys),
    position: () => output.length,
    waitFor: (text, timeoutMs = 20_000, from = 0) =>
      new Promise((resolve, reject) => {
        if (output.includes(text, from)) return resolve(performance.now() - started);
        const timer = setTimeout(() => {
          self.kill();
          reject(
            new Error(
              `timed out waiting for ${JSON.stringify(text)}; output ends with ${JSON.stringify(output.slice(-600))}`,
            ),
          );
        }, timeoutMs);
        waiters.push({ text, from, resolve: (ms) => (clearTimeout(timer), resolve(ms)) });
      }),
    output: () => output,
    nodePid: () => descendants(child.pid!).find((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'node'),
    exited,
    // The program under `script` runs in a session of its own: its processes are killed by pid,
    // deepest first, then `script` itself.
    kill: () => {
      for (const pid of descendants(child.pid!).reverse()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      child.kill('SIGKILL');
    },
  };
  live.add(self);
  void exited.then(() => live.delete(self));
  return self;
}

function descendants(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='])
    .toString()
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const out: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of table)
      if (ppid === parent && child !== undefined) {
        out.push(child);
        walk(child);
      }
  };
  walk(pid);
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface Run {
  wallMs: number;
  cpuMs: number;
  /** How the start used the code cache (its timing mark): a warm run that did not use it is no warm run. */
  cache?: string;
}

async function floorOnce(): Promise<Run> {
  const cpuAtExit = `process.on('exit',()=>{const u=process.cpuUsage();console.log('FLOOR_CPU='+(u.user+u.system))})`;
  const s = session(`node -e "${cpuAtExit}" && echo __FLOOR_DONE__`);
  const wallMs = await s.waitFor('__FLOOR_DONE__');
  await s.exited;
  return { wallMs, cpuMs: Number(/FLOOR_CPU=(\d+)/.exec(s.output())?.[1]) / 1000 };
}

// Every session has a fresh SECRETS_WORKBOOK_HOME, so the code cache (src/util/code-cache.ts)
// starts empty: a first start. Warm runs of a build share one cache folder, written by its warm-up
// run; each build has its own, because a build's cache replaces another build's in the same folder
// (a shared one left both builds without a cache on every run).
const warmCache = (): NodeJS.ProcessEnv => ({
  SECRETS_WORKBOOK_CODE_CACHE: mkdtempSync(join(tmpdir(), 'sw-bench-code-cache-')),
});
const WARM = warmCache();
const BASELINE_WARM = warmCache();

async function firstFrameOnce(entry: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const s = session(`node ${entry}`, { ...env, SECRETS_WORKBOOK_TIMING: '1' });
  const wallMs = await s.waitFor('Playground Vault:');
  s.write('q');
  await s.exited;
  // The marks are printed on exit: "  412 ms  (cpu  377 ms)  first frame".
  const output = s.output();
  return {
    wallMs,
    cpuMs: Number(/\(cpu\s+(\d+) ms\)\s+first frame/.exec(output)?.[1]),
    cache: /code cache: (\w+)\)/.exec(output)?.[1] ?? 'none',
  };
}

async function memoryAfterEveryLesson(): Promise<{ rssMb: number; lessons: number }> {
  const s = session(`node ${cli}`);
  await s.waitFor('Playground Vault:');
  const list = JSON.parse(
    execFileSync(process.execPath, [cli, 'list', '--json'], {
      env: { ...process.env, ...(course ? { SECRETS_WORKBOOK_COURSE_DIR: course } : {}) },
    }).toString(),
  ) as { lessons: unknown[] };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 150));
  // Keys typed before Ink switches the terminal to raw mode are line-buffered by the terminal.
  await new Promise((resolve) => setTimeout(resolve, 500));
  s.write('g');
  await pause();
  // Each key waits for the screen it leads to: under load a fixed pause is not enough.
  for (let index = 0; index < list.lessons.length; index++) {
    const home = s.position();
    s.write('\r');
    await s.waitFor(`Lesson ${index + 1} of ${list.lessons.length}`, 20_000, home);
    await pause();
    s.write('G');
    await pause();
    const lesson = s.position();
    s.write('q');
    await s.waitFor('enter open', 20_000, lesson);
    // A screen's keys are live only after the render that shows it: a key sent at once is lost.
    await pause();
    s.write('j');
    await pause();
  }
  const pid = s.nodePid();
  const status = pid ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  s.write('q');
  await s.exited;
  return { rssMb: rssKb / 1024, lessons: list.lessons.length };
}

const floors: Run[] = [];
const frames: Run[] = [];
const warmFrames: Run[] = [];
const baselineFrames: Run[] = [];
await floorOnce();
await firstFrameOnce(cli, WARM); // warm the file cache for both, and write the warm code cache
if (baseline) await firstFrameOnce(baseline, BASELINE_WARM);
for (let run = 0; run < runs; run++) {
  // Interleaved (and the builds in alternating order), so machine load affects all alike.
  floors.push(await floorOnce());
  if (baseline && run % 2 === 1) baselineFrames.push(await firstFrameOnce(baseline, BASELINE_WARM));
  frames.push(await firstFrameOnce(cli));
  warmFrames.push(await firstFrameOnce(cli, WARM));
  if (baseline && run % 2 === 0) baselineFrames.push(await firstFrameOnce(baseline, BASELINE_WARM));
}
const spread = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
const floorWall = median(floors.map((run) => run.wallMs));
const floorCpu = median(floors.map((run) => run.cpuMs));
console.log(`node ${process.version}, ${runs} runs each, medians (pseudo terminal via script(1), 100x30):`);
console.log(
  `  floor  node -e ""                 ${floorWall.toFixed(0)} ms (${spread(floors.map((run) => run.wallMs))}), CPU ${floorCpu.toFixed(0)} ms`,
);
function report(label: string, measured: Run[]): void {
  const wall = median(measured.map((run) => run.wallMs));
  const cpu = median(measured.map((run) => run.cpuMs));
  const caches = new Map<string, number>();
  for (const run of measured) caches.set(run.cache ?? 'none', (caches.get(run.cache ?? 'none') ?? 0) + 1);
  const cacheUse = [...caches].map(([state, count]) => `${state} ${count}`).join(', ');
  console.log(
    `  ${label.padEnd(38)}${wall.toFixed(0)} ms (${spread(measured.map((run) => run.wallMs))}); code cache: ${cacheUse}`,
  );
  console.log(
    `    above the floor ${(wall - floorWall).toFixed(0)} ms (target <= 150 ms), ratio ${(wall / floorWall).toFixed(2)}x; ` +
      `CPU to the first frame ${cpu.toFixed(0)} ms (${spread(measured.map((run) => run.cpuMs))}), ${(cpu - floorCpu).toFixed(0)} ms above the floor's`,
  );
}
report('first frame, first start (no cache)', frames);
report('first frame, later starts (cached)', warmFrames);
if (baseline) report(`baseline ${process.env.BASELINE} (cached)`, baselineFrames);
const memory = await memoryAfterEveryLesson();
console.log(`  RSS after opening all ${memory.lessons} lessons    ${memory.rssMb.toFixed(1)} MB`);
