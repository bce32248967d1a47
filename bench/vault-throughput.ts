/**
 * KV v2 read throughput, three servers side by side in one run: the embedded server,
 * `bao server -dev` (when bao is on PATH) and a bare node:http server with a fixed body (the
 * ceiling for a Node server). Each server runs in its own process; the load comes from
 * autocannon in another process (16 keep-alive connections), so the generator does not share
 * the server's event loop. Rounds alternate the servers so drift on a shared machine hits all
 * of them alike; the median of the rounds is reported with the spread.
 *
 *   npm run bench:vault -- [--seconds 5] [--rounds 3] [--connections 16]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { BinaryProvider } from '../src/vault/binary-provider.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const SECONDS = option('seconds', 5);
const ROUNDS = option('rounds', 5);
const CONNECTIONS = option('connections', 16);
const here = dirname(fileURLToPath(import.meta.url));
const autocannonBin = join(dirname(createRequire(import.meta.url).resolve('autocannon/package.json')), 'autocannon.js');

interface Target {
  address: string;
  rootToken: string;
  stop(): Promise<void>;
}

async function startChild(script: string): Promise<Target> {
  const child = spawn(process.execPath, [join(here, 'servers', script)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
  const { address, rootToken } = JSON.parse(line) as { address: string; rootToken: string };
  return { address, rootToken, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.stdin?.end();
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

async function startBao(): Promise<Target | undefined> {
  const provider = new BinaryProvider({ binary: 'bao' });
  if (!(await provider.availability()).available) return undefined;
  const vault = await provider.start();
  return { address: vault.address, rootToken: vault.rootToken, stop: () => vault.stop() };
}

const PATH = '/v1/secret/data/bench/config';
// Made at start-up (as long as the fixed body of bare.js): no password-looking literal in the repository.
const benchValue = `bench-${randomBytes(6).toString('base64url')}`;

async function seed(target: Target): Promise<void> {
  if (target.rootToken === 'none') return;
  const response = await fetch(`${target.address}${PATH}`, {
    method: 'POST',
    headers: { 'X-Vault-Token': target.rootToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: { username: 'bench', password: benchValue } }),
  });
  if (response.status !== 200) throw new Error(`seeding ${target.address} answered ${response.status}`);
}

/** Requests per second from autocannon (JSON output), after a 1 s warm-up. */
async function load(target: Target, seconds: number): Promise<{ rps: number; p99: number; errors: number }> {
  const run = (duration: number) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          autocannonBin,
          '-c',
          String(CONNECTIONS),
          '-d',
          String(duration),
          '-j',
          '-H',
          `X-Vault-Token=${target.rootToken}`,
          `${target.address}${PATH}`,
        ],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      );
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`autocannon exited ${code}`))));
    });
  await run(1);
  const result = JSON.parse(await run(seconds)) as {
    requests: { average: number };
    latency: { p99: number };
    non2xx: number;
    errors: number;
  };
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.non2xx + result.errors };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const kinds: Array<{ name: string; start: () => Promise<Target | undefined> }> = [
    { name: 'embedded', start: () => startChild('embedded.js') },
    { name: 'bao server -dev', start: startBao },
    { name: 'bare node:http', start: () => startChild('bare.js') },
  ];
  const results = new Map<string, number[]>();
  console.log(
    `KV v2 reads, ${CONNECTIONS} keep-alive connections, ${SECONDS} s per run, ${ROUNDS} rounds (autocannon in its own process)`,
  );
  for (let round = 1; round <= ROUNDS; round++) {
    for (const kind of kinds) {
      const target = await kind.start();
      if (!target) {
        if (round === 1) console.log(`  ${kind.name}: not available, skipped`);
        continue;
      }
      try {
        await seed(target);
        const { rps, p99, errors } = await load(target, SECONDS);
        if (errors > 0) throw new Error(`${kind.name}: ${errors} failed requests`);
        results.set(kind.name, [...(results.get(kind.name) ?? []), rps]);
        console.log(
          `  round ${round} ${kind.name.padEnd(16)} ${Math.round(rps).toString().padStart(7)} req/s  p99 ${p99} ms`,
        );
      } finally {
        await target.stop();
      }
    }
  }
  const summary = (name: string) => {
    const values = results.get(name);
    if (!values) return undefined;
    return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
  };
  console.log('\nmedian req/s (min–max over rounds):');
  for (const kind of kinds) {
    const s = summary(kind.name);
    if (s)
      console.log(
        `  ${kind.name.padEnd(16)} ${Math.round(s.median).toString().padStart(7)}  (${Math.round(s.min)}–${Math.round(s.max)})`,
      );
  }
  const embedded = summary('embedded');
  const bare = summary('bare node:http');
  const bao = summary('bao server -dev');
  if (embedded && bare)
    console.log(
      `\nembedded / bare node:http = ${(embedded.median / bare.median).toFixed(2)} on the medians  (target >= 0.70)`,
    );
  if (embedded && bao)
    console.log(
      `embedded / bao server -dev = ${(embedded.median / bao.median).toFixed(2)} on the medians  (target >= 1.00)`,
    );
  // Per round, the servers ran back to back, so the ratio within a round is the least disturbed
  // by other load on the machine.
  const perRound = (name: string) => {
    const ours = results.get('embedded') ?? [];
    const theirs = results.get(name) ?? [];
    return ours.slice(0, theirs.length).map((value, i) => value / theirs[i]!);
  };
  for (const name of ['bare node:http', 'bao server -dev']) {
    const ratios = perRound(name);
    if (ratios.length)
      console.log(
        `per-round embedded / ${name}: ${ratios.map((r) => r.toFixed(2)).join(', ')} (median ${median(ratios).toFixed(2)})`,
      );
  }

  const ready: number[] = [];
  for (let i = 0; i < 5; i++) ready.push(await startToReady());
  console.log(
    `embedded start-to-ready (in process, first request answered): median ${median(ready).toFixed(1)} ms over 5 starts`,
  );
}

/** Time from calling startEmbeddedServer to a 200 from sys/health. */
async function startToReady(): Promise<number> {
  const { startEmbeddedServer } = await import('../src/vault/embedded/index.js');
  const started = performance.now();
  const server = await startEmbeddedServer();
  const response = await fetch(`${server.address}/v1/sys/health`);
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  await server.stop();
  return elapsed;
}

await main();
