import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../../src/util/net.js';

/**
 * A server-mode `bao` (not -dev) on 127.0.0.1 with the storage and settings of the compose file's
 * VAULT_LOCAL_CONFIG, only the paths and ports moved: what `docker compose --profile server up`
 * runs, without Docker; its audit log is `<dataDir>/../audit.log`. Stopping and starting it again on the same folder is a container restart.
 */
export interface ServerModeVault {
  address: string;
  stop(): Promise<void>;
}

export async function startServerMode(
  localConfig: string,
  dataDir: string,
  ports?: { api: number; cluster: number },
): Promise<ServerModeVault & { ports: { api: number; cluster: number } }> {
  const chosen = ports ?? { api: await freePort(), cluster: await freePort() };
  const config = JSON.parse(localConfig) as Record<string, any>;
  config.storage.raft.path = dataDir;
  config.listener[0].tcp.address = `127.0.0.1:${chosen.api}`;
  config.listener[0].tcp.cluster_address = `127.0.0.1:${chosen.cluster}`;
  config.api_addr = `http://127.0.0.1:${chosen.api}`;
  config.cluster_addr = `http://127.0.0.1:${chosen.cluster}`;
  // The declared audit devices write next to the data folder instead of the container's /vault/logs.
  for (const declared of (config.audit ?? []) as Record<string, Record<string, { options: Record<string, string> }>>[])
    for (const devices of Object.values(declared))
      for (const device of Object.values(devices))
        if (device.options.file_path) device.options.file_path = join(dataDir, '..', 'audit.log');
  const file = join(dataDir, '..', 'server.json');
  await writeFile(file, JSON.stringify(config));
  const child = spawn('bao', ['server', `-config=${file}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { PATH: process.env.PATH!, HOME: dataDir },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const address = `http://127.0.0.1:${chosen.api}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    // Any answer from sys/health (501 uninitialised, 503 sealed) means the listener is up.
    const status = await fetch(`${address}/v1/sys/health`).then(
      (response) => response.status,
      () => 0,
    );
    if (status > 0) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      kill(child);
      throw new Error(`bao server did not start: ${output.slice(-2000)}`);
    }
    await sleep(100);
  }
  return { address, ports: chosen, stop: () => stop(child) };
}

function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  kill(child, 'SIGTERM');
  const timer = setTimeout(() => kill(child), 5_000);
  await exited;
  clearTimeout(timer);
}
