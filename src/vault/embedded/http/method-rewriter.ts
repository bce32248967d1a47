import { METHODS, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';

/**
 * Vault clients send the `LIST` verb (the bao/vault CLI, hvac, node-vault), but Node's HTTP
 * parser only accepts the methods it knows and answers anything else with a bare 400. So each
 * connection's bytes go through a small HTTP/1.1 framer before the parser: a request line with
 * an unknown method is rewritten to `GET` plus a header carrying the real method (with a
 * per-server random name, so a client cannot fake it). Bodies (Content-Length or chunked) pass
 * through untouched; requests with known methods cost one scan of their header block.
 *
 * The socket is fed to the parser through its 'data' events instead of Node's native
 * `consume` fast path (marking the handle as consumed is how Node itself opts out).
 */
const KNOWN = new Set(METHODS);
const CRLFCRLF = Buffer.from('\r\n\r\n');
const MAX_HEAD = 64 * 1024;

export function installMethodRewriter(server: Server): string {
  const header = `x-embedded-method-${randomBytes(6).toString('hex')}`;
  server.prependListener('connection', (socket: Socket) => {
    const handle = (socket as unknown as { _handle?: { _consumed?: boolean } })._handle;
    if (handle) handle._consumed = true;
    const framer = new RequestFramer(header);
    const emit = socket.emit.bind(socket);
    socket.emit = ((event: string, ...args: unknown[]) => {
      if (event === 'data') {
        const out = framer.push(args[0] as Buffer);
        return out.length > 0 ? emit('data', out) : true;
      }
      return emit(event, ...args);
    }) as typeof socket.emit;
  });
  return header;
}

type State = 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers';

export class RequestFramer {
  #state: State = 'head';
  #pending: Buffer | undefined;
  #remaining = 0;

  constructor(private readonly header: string) {}

  push(chunk: Buffer): Buffer {
    // Fast path: a whole request without a body, alone in its chunk, with a known method.
    if (this.#state === 'head' && !this.#pending && chunk.indexOf(CRLFCRLF) === chunk.length - 4 && chunk.length > 4) {
      const space = chunk.indexOf(32);
      if (space > 0 && KNOWN.has(chunk.toString('latin1', 0, space))) {
        const head = chunk.toString('latin1');
        if (!/\r\n(content-length|transfer-encoding)\s*:/i.test(head)) return chunk;
      }
    }
    const out: Buffer[] = [];
    const data = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = undefined;
    let pos = 0;
    while (pos < data.length) {
      switch (this.#state) {
        case 'head': {
          const end = data.indexOf(CRLFCRLF, pos);
          if (end < 0) {
            if (data.length - pos > MAX_HEAD) {
              out.push(data.subarray(pos)); // let the parser reject an oversized head
              return Buffer.concat(out);
            }
            this.#pending = Buffer.from(data.subarray(pos));
            return Buffer.concat(out);
          }
          const head = data.toString('latin1', pos, end + 4);
          out.push(this.#rewrite(head));
          pos = end + 4;
          const chunked = /\r\ntransfer-encoding\s*:[^\r]*chunked/i.exec(head);
          const length = /\r\ncontent-length\s*:\s*(\d+)/i.exec(head);
          if (chunked) this.#state = 'chunk-size';
          else if (length && Number(length[1]) > 0) {
            this.#state = 'body';
            this.#remaining = Number(length[1]);
          }
          break;
        }
        case 'body': {
          const take = Math.min(this.#remaining, data.length - pos);
          out.push(data.subarray(pos, pos + take));
          pos += take;
          this.#remaining -= take;
          if (this.#remaining === 0) this.#state = 'head';
          break;
        }
        case 'chunk-size':
        case 'chunk-end':
        case 'trailers': {
          const eol = data.indexOf('\r\n', pos, 'latin1');
          if (eol < 0) {
            if (data.length - pos > MAX_HEAD) {
              out.push(data.subarray(pos)); // not HTTP we understand: the parser will say so
              this.#state = 'head';
              return Buffer.concat(out);
            }
            this.#pending = Buffer.from(data.subarray(pos));
            return Buffer.concat(out);
          }
          const line = data.toString('latin1', pos, eol);
          out.push(data.subarray(pos, eol + 2));
          pos = eol + 2;
          if (this.#state === 'chunk-size') {
            const size = Number.parseInt(line.split(';')[0]!.trim(), 16);
            if (!Number.isFinite(size) || size < 0) {
              // Not chunked framing we understand: hand the rest to the parser as is.
              out.push(data.subarray(pos));
              this.#state = 'head';
              return Buffer.concat(out);
            }
            if (size === 0) this.#state = 'trailers';
            else {
              this.#state = 'chunk-data';
              this.#remaining = size;
            }
          } else if (this.#state === 'chunk-end') {
            this.#state = 'chunk-size';
          } else if (line === '') {
            this.#state = 'head';
          }
          break;
        }
        case 'chunk-data': {
          const take = Math.min(this.#remaining, data.length - pos);
          out.push(data.subarray(pos, pos + take));
          pos += take;
          this.#remaining -= take;
          if (this.#remaining === 0) this.#state = 'chunk-end';
          break;
        }
      }
    }
    return out.length === 1 ? out[0]! : Buffer.concat(out);
  }

  #rewrite(head: string): Buffer {
    const space = head.indexOf(' ');
    const method = space > 0 ? head.slice(0, space) : '';
    if (space <= 0 || KNOWN.has(method) || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(method)) return Buffer.from(head, 'latin1');
    const lineEnd = head.indexOf('\r\n');
    return Buffer.from(`GET${head.slice(space, lineEnd)}\r\n${this.header}: ${method}${head.slice(lineEnd)}`, 'latin1');
  }
}
