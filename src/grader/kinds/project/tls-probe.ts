import { createServer } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunWatcher } from '../vault-app/app-run.js';

/**
 * Connects to the learner's app the way a client of their API would: TLS to 127.0.0.1:$PORT
 * (SNI: the name the README sets), then `GET /`. It keeps knocking while the program runs
 * (nothing listens until the app has its certificate from Vault) and has its answer at the first
 * completed handshake — which proves the app holds the certificate's private key — or once
 * something that accepts connections has refused TLS three times (plain HTTP, say). Certificates
 * are not verified here: the grader compares the one served with the one in Vault (tls-check.ts).
 */
export type ProbeAnswer =
  | {
      kind: 'served';
      /** The leaf certificate, DER. */
      certificate: Buffer;
      protocol: string;
      /** The first line of the answer to `GET /` (`HTTP/1.1 200 OK`), if one came. */
      statusLine?: string;
    }
  | { kind: 'not-tls'; error: string };

const POLL_MS = 100;
const ATTEMPT_MS = 3_000;
const NOT_TLS_ATTEMPTS = 3;

export class TlsProbe implements RunWatcher {
  #answer: ProbeAnswer | undefined;
  #accepted = false;
  #attempts = 0;
  #notTls = 0;
  #finished = false;
  #socket: TLSSocket | undefined;
  #changed: (() => void) | undefined;

  constructor(
    readonly port: number,
    private readonly serverName: string,
  ) {}

  get satisfied(): boolean {
    return this.#answer !== undefined;
  }

  get answer(): ProbeAnswer | undefined {
    return this.#answer;
  }

  /** Something accepted a TCP connection on the port at some point. */
  get accepted(): boolean {
    return this.#accepted;
  }

  get attempts(): number {
    return this.#attempts;
  }

  watch(changed: () => void): void {
    this.#changed = changed;
    void this.#knock();
  }

  /** The run is over: stop knocking. */
  finish(): void {
    this.#finished = true;
    this.#socket?.destroy();
  }

  async #knock(): Promise<void> {
    while (!this.#finished && !this.#answer) {
      this.#attempts++;
      const attempt = await this.#attempt();
      if (this.#finished) return;
      if (attempt.kind === 'served') this.#conclude(attempt);
      else if (attempt.kind === 'failed') {
        this.#notTls++;
        if (this.#notTls >= NOT_TLS_ATTEMPTS) this.#conclude({ kind: 'not-tls', error: attempt.error });
      }
      if (!this.#answer) await sleep(POLL_MS);
    }
  }

  #conclude(answer: ProbeAnswer): void {
    this.#answer = answer;
    this.#changed?.();
  }

  #attempt(): Promise<ProbeAnswer | { kind: 'refused' } | { kind: 'failed'; error: string }> {
    return new Promise((resolve) => {
      const socket = connect({
        host: '127.0.0.1',
        port: this.port,
        servername: this.serverName,
        rejectUnauthorized: false,
      });
      this.#socket = socket;
      let secure = false;
      let head = '';
      let served: Extract<ProbeAnswer, { kind: 'served' }> | undefined;
      const settle = (result: ProbeAnswer | { kind: 'refused' } | { kind: 'failed'; error: string }) => {
        clearTimeout(timer);
        socket.destroy();
        resolve(result);
      };
      const timer = setTimeout(() => {
        if (served) settle(served);
        else
          settle(
            secure || this.#accepted
              ? { kind: 'failed', error: `no TLS handshake within ${ATTEMPT_MS / 1000} s` }
              : { kind: 'refused' },
          );
      }, ATTEMPT_MS);
      socket.once('connect', () => {
        this.#accepted = true;
      });
      socket.once('secureConnect', () => {
        secure = true;
        served = {
          kind: 'served',
          certificate: socket.getPeerCertificate().raw,
          protocol: socket.getProtocol() ?? 'TLS',
        };
        socket.write(`GET / HTTP/1.1\r\nHost: ${this.serverName}\r\nConnection: close\r\n\r\n`);
      });
      socket.on('data', (chunk: Buffer) => {
        head += chunk.toString('latin1');
        const end = head.indexOf('\n');
        if (served && (end !== -1 || head.length > 4096)) {
          served.statusLine = (end === -1 ? head.slice(0, 200) : head.slice(0, end)).trim().slice(0, 200);
          settle(served);
        }
      });
      socket.once('close', () => {
        if (served) settle(served);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        if (served) return settle(served);
        if (error.code === 'ECONNREFUSED') return settle({ kind: 'refused' });
        settle({ kind: 'failed', error: error.code ?? error.message.split('\n')[0]! });
      });
    });
  }
}

/** A port nothing listens on now, on 127.0.0.1, for the app's PORT. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
