/**
 * Time from process start to the first rendered frame of the home screen, in a real pseudo
 * terminal (util-linux `script`), against the floor: `node -e ""` started the same way. Then the
 * memory (RSS) of the UI process after opening and scrolling through every lesson.
 *
 *   npm run bench:ui            (builds first; RUNS=15 by default)
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
const runs = Number(process.env.RUNS ?? 15);
const course = process.env.SECRETS_WORKBOOK_COURSE_DIR;

interface Session {
  write(keys: string): void;
  /** Resolves when `text` has appeared in the output after position `from` (default: anywhere). */
  waitFor(text: string, timeoutMs?: number, from?: number): Promise<number>;
  /** The current end of the output, for a later waitFor that only looks at what comes next. */
  position(): number;
  nodePid(): number | undefined;
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

function session(command: string): Session {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
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

async function floorOnce(): Promise<number> {
  const s = session(`node -e "" && echo __FLOOR_DONE__`);
  const ms = await s.waitFor('__FLOOR_DONE__');
  await s.exited;
  return ms;
}

async function firstFrameOnce(): Promise<number> {
  const s = session(`node ${cli}`);
  const ms = await s.waitFor('Playground Vault:');
  s.write('q');
  await s.exited;
  return ms;
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

const floors: number[] = [];
const frames: number[] = [];
await floorOnce();
await firstFrameOnce(); // warm the file cache for both
for (let run = 0; run < runs; run++) {
  // Interleaved, so machine load affects both sides alike.
  floors.push(await floorOnce());
  frames.push(await firstFrameOnce());
}
const floor = median(floors);
const frame = median(frames);
console.log(`node ${process.version}, ${runs} runs each, medians (pseudo terminal via script(1), 100x30):`);
console.log(`  floor  node -e ""                 ${floor.toFixed(0)} ms`);
console.log(`  first frame of the home screen    ${frame.toFixed(0)} ms`);
const spread = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
console.log(`    (floor ${spread(floors)} ms, first frame ${spread(frames)} ms)`);
console.log(
  `  above the floor                   ${(frame - floor).toFixed(0)} ms (target <= 150 ms), ratio ${(frame / floor).toFixed(2)}x`,
);
const memory = await memoryAfterEveryLesson();
console.log(`  RSS after opening all ${memory.lessons} lessons    ${memory.rssMb.toFixed(1)} MB`);
