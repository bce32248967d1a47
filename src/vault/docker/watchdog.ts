import { spawn } from 'node:child_process';
import type { DockerEngine } from './engine.js';

/**
 * Removes a container when this process ends without removing it itself (kill -9, a crash):
 * a detached Node process reads a pipe from us, and when the pipe closes (which the kernel does
 * however we die) it asks the engine to remove the container, then exits. It does what
 * testcontainers' reaper container (Ryuk) does, without a second image to pull, which is the
 * first thing that fails on a machine that cannot reach a registry.
 */
const SCRIPT = `
const options = JSON.parse(process.env.SW_DOCKER_REQUEST);
const tls = options.tlsFiles;
delete options.tlsFiles;
const send = tls ? require('node:https').request : require('node:http').request;
if (tls) for (const key of ['ca', 'cert', 'key']) options[key] = require('node:fs').readFileSync(tls[key]);
let sent = false;
function remove() {
  if (sent) return;
  sent = true;
  const request = send({ ...options, agent: false }, (response) => { response.resume(); response.on('end', () => process.exit(0)); });
  request.on('error', () => process.exit(1));
  request.setTimeout(30000, () => process.exit(1));
  request.end();
}
process.stdin.on('data', () => {});
process.stdin.on('end', remove);
process.stdin.on('close', remove);
process.stdin.on('error', remove);
`;

export interface Watchdog {
  /** Our own removal succeeded: let the watchdog go without doing anything. */
  dismiss(): void;
}

export function startWatchdog(engine: DockerEngine, containerId: string): Watchdog {
  const request = engine.requestOptions('DELETE', `/containers/${containerId}?force=true&v=true`);
  const child = spawn(process.execPath, ['-e', SCRIPT], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    env: { SW_DOCKER_REQUEST: JSON.stringify(request) },
  });
  child.on('error', () => undefined);
  child.stdin?.on('error', () => undefined);
  // Neither the child nor the pipe may keep this process alive.
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    dismiss: () => {
      try {
        if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      child.stdin?.destroy();
    },
  };
}
