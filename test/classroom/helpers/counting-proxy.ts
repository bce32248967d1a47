import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of a Vault that records each HTTP request's method and path as it passes:
 * what the tool really sent, counted outside the tool (its own counters are not evidence). TCP,
 * not an HTTP server, because Node's HTTP parser refuses Vault's LIST method.
 */
export interface CountingProxy {
  address: string;
  requests: { method: string; path: string }[];
  /** The status of each answer, in order. */
  statuses: number[];
  reset(): void;
  close(): Promise<void>;
}

// A JSON body never holds a raw CR LF, so a request line cannot be faked by a body.
const REQUEST_LINE = /([A-Z]+) \/v1\/(\S*) HTTP\/1\.[01]\r\n/g;
const STATUS_LINE = /HTTP\/1\.[01] (\d{3}) [^\r\n]*\r\n/g;

/** Calls `found` for each match in a stream, however the chunks split it. */
function scanner(pattern: RegExp, found: (match: RegExpMatchArray) => void) {
  let pending = '';
  return (chunk: Buffer) => {
    pending += chunk.toString('latin1');
    let consumed = 0;
    for (const match of pending.matchAll(pattern)) {
      found(match);
      consumed = match.index + match[0].length;
    }
    // Keep only a tail that could still be the start of a line split across chunks.
    pending = pending.slice(Math.max(consumed, pending.length - 2048));
  };
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const requests: { method: string; path: string }[] = [];
  const statuses: number[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const server = connect(Number(upstream.port), upstream.hostname);
    sockets.add(client).add(server);
    client.on(
      'data',
      scanner(REQUEST_LINE, (match) => requests.push({ method: match[1]!, path: match[2]! })),
    );
    server.on(
      'data',
      scanner(STATUS_LINE, (match) => statuses.push(Number(match[1]))),
    );
    client.pipe(server).pipe(client);
    const end = () => {
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `http://127.0.0.1:${port}`,
    requests,
    statuses,
    reset: () => {
      requests.splice(0);
      statuses.splice(0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
