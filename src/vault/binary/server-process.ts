import { spawn, type ChildProcess } from 'node:child_process';
import { signalProcessGroup } from '../../util/process-group.js';

/**
 * The server is started through a small shell watchdog whose stdin is a pipe from us: if this
 * process dies without cleaning up (even `kill -9`), the pipe closes, the watcher's `read` returns
 * and it stops the server; the watchdog then removes the server's folder. The watchdog also ends
 * as soon as the server does (a failed start must not wait for a health check timeout).
 */
const WATCHDOG = [
  'exec 3<&0',
  '"$@" </dev/null &',
  'server=$!',
  'finish() { kill -TERM $server 2>/dev/null; wait $server; rm -rf -- "$SW_VAULT_WORKDIR"; exit 0; }',
  'trap finish TERM INT HUP',
  // An explicit redirection: a background list's stdin would otherwise be /dev/null.
  '( while read -r _; do :; done; kill -TERM $server 2>/dev/null ) <&3 &',
  'watcher=$!',
  'wait $server',
  'status=$?',
  'kill $watcher 2>/dev/null',
  'rm -rf -- "$SW_VAULT_WORKDIR"',
  'exit $status',
].join('\n');

/** Starts `binary serverArgs…` under the watchdog, in its own process group, with only `env`. */
export function spawnServer(binary: string, serverArgs: string[], env: Record<string, string>): ChildProcess {
  return spawn('/bin/sh', ['-c', WATCHDOG, 'vault-watchdog', binary, ...serverArgs], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
}

export function captureTail(child: ChildProcess) {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-16384);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    /** The last few lines of server output for error messages, without the dev root token. */
    lastLine: () => {
      const lines = tail
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !/Root Token|Unseal Key/i.test(line));
      return lines.slice(-6).join(' | ') || 'no output';
    },
  };
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) signalProcessGroup(child.pid, signal);
}

export async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }
  child.stdin?.destroy();
  child.stdout?.destroy();
  child.stderr?.destroy();
}
