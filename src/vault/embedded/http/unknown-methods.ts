import {
  STATUS_CODES,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Vault clients send the `LIST` verb (the bao/vault CLI, hvac, node-vault), which Node's HTTP
 * parser refuses: it reports `HPE_INVALID_METHOD` as a client error, with the bytes it was given.
 * Those bytes hold the whole request (clients do not pipeline), so it is parsed here and answered
 * by the normal handler through a minimal request/response pair, with `Connection: close` (the
 * parser of that connection is spent; the client simply reconnects). Every other request keeps
 * Node's native parser, so LIST support costs nothing on the hot path.
 */
export function installUnknownMethodFallback(server: Server, handler: Handler): void {
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    if (error.code === 'HPE_INVALID_METHOD' && error.rawPacket && answer(error.rawPacket, socket, handler)) return;
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(
      'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request',
    );
  });
}

function answer(packet: Buffer, socket: Socket, handler: Handler): boolean {
  const text = packet.toString('latin1');
  const start = text.search(/(^|\r\n)[A-Za-z][A-Za-z0-9_-]* \S+ HTTP\/1\.[01]\r\n/);
  const headEnd = text.indexOf('\r\n\r\n', start);
  if (start < 0 || headEnd < 0) return false;
  const lines = text.slice(start, headEnd).replace(/^\r\n/, '').split('\r\n');
  const [method, url] = lines[0]!.split(' ') as [string, string];
  const headers: IncomingHttpHeaders = {};
  const rawHeaders: string[] = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return false;
    rawHeaders.push(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const existing = headers[name];
    headers[name] = existing === undefined ? value : `${String(existing)}, ${value}`;
  }
  const length = Number(headers['content-length'] ?? '0');
  if (!Number.isFinite(length) || length < 0 || headEnd + 4 + length > packet.length || headers['transfer-encoding'])
    return false;
  const body = packet.subarray(headEnd + 4, headEnd + 4 + length);
  handler(fakeRequest(method, url, headers, rawHeaders, body, socket), fakeResponse(socket));
  return true;
}

function fakeRequest(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  rawHeaders: string[],
  body: Buffer,
  socket: Socket,
): IncomingMessage {
  const listeners: Record<string, Array<(value?: unknown) => void>> = {};
  const request = {
    method,
    url,
    headers,
    rawHeaders,
    socket,
    on(event: string, listener: (value?: unknown) => void) {
      (listeners[event] ??= []).push(listener);
      if (event === 'end') {
        queueMicrotask(() => {
          if (body.length) for (const onData of listeners.data ?? []) onData(body);
          for (const onEnd of listeners.end ?? []) onEnd();
        });
      }
      return request;
    },
    removeAllListeners() {
      return request;
    },
    resume() {
      return request;
    },
  };
  return request as unknown as IncomingMessage;
}

function fakeResponse(socket: Socket): ServerResponse {
  let head: string | undefined;
  const response = {
    headersSent: false,
    writeHead(status: number, headers: OutgoingHttpHeaders | string[] = {}) {
      const pairs: Array<[string, string]> = [];
      if (Array.isArray(headers))
        for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([headers[i]!, headers[i + 1]!]);
      else
        for (const [name, value] of Object.entries(headers)) if (value !== undefined) pairs.push([name, String(value)]);
      const lines = pairs
        .filter(([name]) => name.toLowerCase() !== 'connection')
        .map(([name, value]) => `${name}: ${value}`);
      lines.push(`Date: ${new Date().toUTCString()}`, 'Connection: close');
      head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n`;
      response.headersSent = true;
      return response;
    },
    end(body?: string) {
      if (!head) response.writeHead(200);
      socket.end(
        body ? Buffer.concat([Buffer.from(head!, 'latin1'), Buffer.from(body)]) : Buffer.from(head!, 'latin1'),
      );
      return response;
    },
    destroy() {
      socket.destroy();
    },
  };
  return response as unknown as ServerResponse;
}
