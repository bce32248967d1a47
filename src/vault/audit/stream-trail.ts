import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseAuditLine, type AuditEntry } from './entry.js';
import { AuditEntryBuffer, type AuditTrail } from './trail.js';

/** Requests under this path are our own sync markers; they never appear in the trail. */
export const SYNC_PATH_PREFIX = 'cubbyhole/secrets-workbook-audit-sync/';

export interface StreamAuditTrailOptions {
  /** The HMAC the audit device writes for a value (`sys/audit-hash/<device>`). */
  hash: (value: string) => Promise<string>;
  /**
   * Read `path` with a token the server audits (a 404 is fine). `entries()` makes such a request
   * and waits until its response entry has come through the stream, so everything the server
   * audited before the call is in the answer, however late the stream delivers it.
   */
  readMarker?: (path: string) => Promise<void>;
  /** How long `entries()` waits for its marker before answering with what it has. */
  syncTimeoutMs?: number;
}

/**
 * An audit trail read from a stream of text lines: a `file` device with `file_path=stdout`
 * whose output arrives through a container's log stream, mixed with the server's own log lines
 * (which are not audit JSON and are skipped).
 */
export class StreamAuditTrail implements AuditTrail {
  readonly #buffer = new AuditEntryBuffer();
  readonly #decoder = new StringDecoder('utf8');
  readonly #options: StreamAuditTrailOptions;
  readonly #stream: Readable;
  readonly #markersSeen = new Set<string>();
  #pending = '';
  #markerCount = 0;
  #closed = false;
  readonly #onData = (chunk: Buffer | string) => this.feed(chunk);

  constructor(stream: Readable, options: StreamAuditTrailOptions) {
    this.#stream = stream;
    this.#options = options;
    stream.on('data', this.#onData);
    stream.on('error', () => undefined);
  }

  /** Push raw output (exposed for tests and for sources that are not streams). */
  feed(chunk: Buffer | string): void {
    if (this.#closed) return;
    this.#pending += typeof chunk === 'string' ? chunk : this.#decoder.write(chunk);
    const lines = this.#pending.split('\n');
    this.#pending = lines.pop() ?? '';
    for (const line of lines) this.#accept(parseAuditLine(line));
  }

  async entries(): Promise<AuditEntry[]> {
    if (this.#options.readMarker && !this.#closed) await this.#sync(this.#options.readMarker);
    return this.#buffer.snapshot();
  }

  subscribe(listener: Parameters<AuditTrail['subscribe']>[0], options: { replay?: boolean } = {}) {
    return this.#buffer.subscribe(listener, options.replay ?? false);
  }

  hash(value: string): Promise<string> {
    return this.#options.hash(value);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stream.off('data', this.#onData);
    this.#stream.destroy();
    this.#buffer.clearListeners();
  }

  #accept(entry: AuditEntry | undefined): void {
    if (!entry) return;
    if (entry.request.path.startsWith(SYNC_PATH_PREFIX)) {
      if (entry.type === 'response') this.#markersSeen.add(entry.request.path);
      return;
    }
    this.#buffer.push(entry);
  }

  async #sync(readMarker: (path: string) => Promise<void>): Promise<void> {
    const path = `${SYNC_PATH_PREFIX}${process.pid}-${++this.#markerCount}`;
    try {
      await readMarker(path);
    } catch {
      return; // The server is gone or refused: answer with what arrived.
    }
    const deadline = Date.now() + (this.#options.syncTimeoutMs ?? 5_000);
    while (!this.#markersSeen.has(path) && !this.#closed && Date.now() < deadline) await sleep(5);
    this.#markersSeen.delete(path);
  }
}
