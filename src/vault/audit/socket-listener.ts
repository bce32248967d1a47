import { createServer, type Server, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { LOOPBACK } from '../../util/net.js';

/**
 * The receiving end of a Vault `socket` audit device (`socket_type = "tcp"`): a listener on
 * 127.0.0.1 that takes connections only from the server (`acceptPeer` decides, before a byte is
 * read) and hands on their newline-delimited JSON entries as one stream of whole lines. Unlike a
 * file, nothing else can write into it: a program that connects too is cut off unread.
 *
 * The device reconnects when its connection breaks (OpenBao opens one while it starts and another
 * once unsealed), so every accepted connection feeds the same stream, a line at a time.
 */
export interface AuditSocket {
  /** `127.0.0.1:<port>`, for the device's `address` option. */
  address: string;
  lines: PassThrough;
  /** Connections refused so far (a program that tried to write its own entries). */
  refused(): number;
  close(): Promise<void>;
}

/** The two ports of an incoming connection: the peer's, and ours (the listener's). */
export interface Connection {
  remotePort: number;
  localPort: number;
}

export async function listenForAudit(acceptPeer: (connection: Connection) => Promise<boolean>): Promise<AuditSocket> {
  const lines = new PassThrough();
  const sockets = new Set<Socket>();
  let refused = 0;
  const server: Server = createServer({ pauseOnConnect: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    void acceptPeer({ remotePort: socket.remotePort ?? 0, localPort: socket.localPort ?? 0 })
      .catch(() => false)
      .then((accepted) => {
        if (!accepted) {
          refused++;
          socket.destroy();
          return;
        }
        forwardLines(socket, lines);
        socket.resume();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    address: `${LOOPBACK}:${port}`,
    lines,
    refused: () => refused,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      lines.end();
    },
  };
}

/** Whole lines only: a connection that breaks mid-line must not glue half an entry to the next. */
function forwardLines(socket: Socket, lines: PassThrough): void {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  socket.on('data', (chunk: Buffer) => {
    pending += decoder.write(chunk);
    const end = pending.lastIndexOf('\n');
    if (end < 0) return;
    lines.write(pending.slice(0, end + 1));
    pending = pending.slice(end + 1);
  });
}
