import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Large values do not pile up in the embedded server: 150 writes of a 30 MiB value to one key
 * (the load that used to kill it at the 137th write, its audit trail holding every request
 * body), then 1,300 writes of 1 MB values to another key, with the
 * server's resident memory sampled from /proc after every write. The bound: the ten versions KV
 * keeps (10 × 30 MiB), plus the requests in flight and garbage V8 has not collected yet, plus the
 * runtime (measured: peak 1,194 MiB, 769 MiB after the 30 MiB writes, 679 MiB at the end).
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const RSS_BOUND_MIB = 1536;
let child: ChildProcess | undefined;

afterAll(() => {
  if (child?.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
});

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}

async function startServer(): Promise<{ address: string; rootToken: string; pid: number }> {
  child = spawn(process.execPath, ['scripts/run-ts.mjs', 'test/vault/embedded/helpers/serve-embedded.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child!.stdout! }).once('line', resolve);
    child!.once('exit', (code) => reject(new Error(`embedded server exited (${code})`)));
  });
  return { ...(JSON.parse(line) as { address: string; rootToken: string }), pid: child.pid! };
}

describe.runIf(process.platform === 'linux')('embedded server memory under large values', () => {
  it(`stays under ${RSS_BOUND_MIB} MiB RSS through 150 writes of 30 MiB and 1,300 writes of 1 MB`, async () => {
    const server = await startServer();
    const write = async (path: string, value: string) => {
      const response = await fetch(`${server.address}/v1/${path}`, {
        method: 'POST',
        headers: { 'X-Vault-Token': server.rootToken, 'Content-Type': 'application/json' },
        body: `{"data":{"v":"${value}"}}`,
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    };
    const big = randomBytes(30 * 1024 * 1024 * 0.75).toString('base64');
    let peak = 0;
    for (let i = 0; i < 150; i++) {
      await write('secret/data/soak/big', big.slice(i) + big.slice(0, i));
      if (i % 10 === 9) {
        const read = await fetch(`${server.address}/v1/secret/data/soak/big`, {
          headers: { 'X-Vault-Token': server.rootToken },
        });
        expect(read.status).toBe(200);
        await read.arrayBuffer();
      }
      peak = Math.max(peak, rssMiB(server.pid));
    }
    const afterBig = rssMiB(server.pid);
    const medium = randomBytes(750_000).toString('base64');
    for (let i = 0; i < 1300; i++) {
      await write('secret/data/soak/medium', medium.slice(i % 1000) + medium.slice(0, i % 1000));
      if (i % 25 === 0) peak = Math.max(peak, rssMiB(server.pid));
    }
    const end = rssMiB(server.pid);
    console.log(
      `memory soak: peak RSS ${peak.toFixed(0)} MiB (after the 30 MiB writes ${afterBig.toFixed(0)} MiB, at the end ${end.toFixed(0)} MiB; bound ${RSS_BOUND_MIB} MiB)`,
    );
    expect(peak).toBeLessThan(RSS_BOUND_MIB);
  }, 600_000);
});
