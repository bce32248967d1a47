import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { listenForAudit } from '../../../src/vault/audit/socket-listener.js';
import { isServerConnection } from '../../../src/vault/binary/server-peer.js';

/**
 * The binary provider's audit channel: only the server's own connection is read. Real sockets;
 * the "server" is a child process that connects, and this test process plays the intruder.
 */
function collect(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer | string) => (text += chunk.toString()));
  return () => text;
}

describe('the audit socket listener', () => {
  it('reads lines from the server process and cuts off any other connection unread', async () => {
    const server = { pid: undefined as number | undefined };
    const audit = await listenForAudit(({ remotePort, localPort }) =>
      server.pid === undefined ? Promise.resolve(false) : isServerConnection(server.pid, remotePort, localPort),
    );
    const text = collect(audit.lines);
    const [host, port] = audit.address.split(':');
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const s = require('node:net').connect(${port}, '${host}', () => { s.write('{"from":"server"}\\n{"half":'); setTimeout(() => s.end('"line"}\\n'), 50); });`,
      ],
      { stdio: 'ignore' },
    );
    server.pid = child.pid;
    const intruder = connect(Number(port), host!);
    intruder.on('error', () => undefined);
    await new Promise((resolve) => intruder.once('connect', resolve));
    intruder.write('{"from":"intruder"}\n');
    await new Promise((resolve) => child.once('exit', resolve));
    await sleep(200);
    expect(text()).toBe('{"from":"server"}\n{"half":"line"}\n');
    expect(audit.refused()).toBe(1);
    intruder.destroy();
    await audit.close();
  });
});
