import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { DockerEndpoint } from './endpoint.js';

/**
 * A small client for the Docker Engine API (https://docs.docker.com/engine/api/) over the
 * engine's socket: the dozen calls the docker provider needs, each with a deadline, since an
 * engine that accepts a connection and never answers must not hang the course. Paths carry no
 * API version: the engine then speaks its own, and every call used here is in all of them.
 */
export class DockerApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'DockerApiError';
  }
}

export class EngineTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(`the Docker engine did not answer ${what} within ${(timeoutMs / 1000).toFixed(timeoutMs % 1000 ? 1 : 0)} s`);
    this.name = 'EngineTimeoutError';
  }
}

export interface CallOptions {
  body?: unknown;
  /** Deadline for the whole answer (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

export class DockerEngine {
  constructor(readonly endpoint: DockerEndpoint) {}

  /** Request options for node:http(s); also handed to the watchdog process. */
  requestOptions(
    method: string,
    path: string,
  ): RequestOptions & { tlsFiles?: { ca: string; cert: string; key: string } } {
    const headers = { Host: 'docker', 'Content-Type': 'application/json' };
    if (this.endpoint.kind === 'unix') return { socketPath: this.endpoint.socketPath, method, path, headers };
    return { host: this.endpoint.host, port: this.endpoint.port, method, path, headers, tlsFiles: this.endpoint.tls };
  }

  /** One call whose answer is read whole; a 4xx/5xx becomes a DockerApiError with the engine's message. */
  async call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const response = await this.open(method, path, { ...options, timeoutMs });
    const text = await readAll(response, timeoutMs, `${method} ${path}`);
    if ((response.statusCode ?? 500) >= 400) throw new DockerApiError(response.statusCode ?? 500, errorMessage(text));
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      return text as T;
    }
  }

  /**
   * Open a call and return the response as soon as its headers arrive (logs, pulls). The
   * deadline covers only the headers; the caller owns the body and must destroy it.
   */
  open(method: string, path: string, options: CallOptions = {}): Promise<IncomingMessage> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const { tlsFiles, ...base } = this.requestOptions(method, path);
    const send = tlsFiles ? httpsRequest : httpRequest;
    const tls = tlsFiles
      ? { ca: readFileSync(tlsFiles.ca), cert: readFileSync(tlsFiles.cert), key: readFileSync(tlsFiles.key) }
      : {};
    return new Promise((resolve, reject) => {
      const request = send({ ...base, ...tls, agent: false }, resolve);
      const timer = setTimeout(
        () => request.destroy(new EngineTimeoutError(`${method} ${path}`, timeoutMs)),
        timeoutMs,
      );
      timer.unref();
      const onAbort = () => request.destroy(options.signal?.reason ?? new Error('aborted'));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      request.once('response', () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      });
      request.once('error', (error) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        reject(error);
      });
      request.end(options.body === undefined ? undefined : JSON.stringify(options.body));
    });
  }

  async ping(timeoutMs: number): Promise<void> {
    await this.call('GET', '/_ping', { timeoutMs });
  }

  version(
    timeoutMs: number,
  ): Promise<{ Version?: string; ApiVersion?: string; Os?: string; OperatingSystem?: string }> {
    return this.call('GET', '/version', { timeoutMs });
  }
}

async function readAll(response: IncomingMessage, timeoutMs: number, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  const timer = setTimeout(() => response.destroy(new EngineTimeoutError(what, timeoutMs)), timeoutMs);
  timer.unref();
  try {
    for await (const chunk of response) chunks.push(chunk as Buffer);
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The engine answers errors as `{"message": "…"}`. */
export function errorMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string' && message) return message.trim();
  } catch {
    // Not JSON: the text itself.
  }
  return text.trim().split('\n')[0] || 'no message';
}

/** Connection failures, in words: `ECONNREFUSED` → "refused the connection". */
export function describeConnectError(error: unknown): string {
  if (error instanceof EngineTimeoutError || error instanceof DockerApiError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'it refused the connection';
  if (code === 'ENOENT') return 'the socket does not exist';
  if (code === 'EACCES') return 'permission denied on the socket (is your user in the docker group?)';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'it closed the connection (not a Docker API?)';
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 160);
}
