import { open, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { parseAuditLine } from './entry.js';
import { AuditEntryBuffer, type AuditTrail } from './trail.js';

const POLL_MS = 25;

/**
 * Follows a Vault file audit device by polling the file from the last offset. Polling (not
 * fs.watch) because file events are unreliable on some filesystems and a 25 ms poll of one
 * local file costs nothing. A torn last line is kept until its newline arrives.
 */
export class FileAuditTrail implements AuditTrail {
  readonly #buffer = new AuditEntryBuffer();
  readonly #path: string;
  readonly #hash: (value: string) => Promise<string>;
  #handle: FileHandle | undefined;
  #offset = 0;
  #pending = '';
  readonly #decoder = new StringDecoder('utf8');
  #timer: NodeJS.Timeout | undefined;
  #reading: Promise<void> | undefined;
  #closed = false;

  /**
   * `startOffset`: where to start reading, e.g. the file's size when we start following a shared
   * server's log, so entries written before are not ours to read.
   */
  constructor(path: string, hash: (value: string) => Promise<string>, options: { startOffset?: number } = {}) {
    this.#path = path;
    this.#hash = hash;
    this.#offset = options.startOffset ?? 0;
    this.#timer = setInterval(() => void this.#readNew(), POLL_MS);
    this.#timer.unref();
  }

  async entries() {
    await this.#readNew();
    return this.#buffer.snapshot();
  }

  subscribe(listener: Parameters<AuditTrail['subscribe']>[0], options: { replay?: boolean } = {}) {
    return this.#buffer.subscribe(listener, options.replay ?? false);
  }

  hash(value: string) {
    return this.#hash(value);
  }

  async close() {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#reading?.catch(() => undefined);
    this.#buffer.clearListeners();
    await this.#handle?.close().catch(() => undefined);
    this.#handle = undefined;
  }

  #readNew(): Promise<void> {
    // Serialise reads: a poll tick and an explicit entries() call must not interleave.
    this.#reading = (this.#reading ?? Promise.resolve()).then(() => this.#readChunk()).catch(() => undefined);
    return this.#reading;
  }

  async #readChunk(): Promise<void> {
    if (this.#closed) return;
    if (!this.#handle) {
      try {
        this.#handle = await open(this.#path, 'r');
      } catch {
        return; // Not created yet: the device writes its first line on the first audited request.
      }
    }
    const chunk = Buffer.alloc(64 * 1024);
    for (;;) {
      const { bytesRead } = await this.#handle.read(chunk, 0, chunk.length, this.#offset);
      if (bytesRead === 0) return;
      this.#offset += bytesRead;
      this.#pending += this.#decoder.write(chunk.subarray(0, bytesRead));
      const lines = this.#pending.split('\n');
      this.#pending = lines.pop() ?? '';
      for (const line of lines) {
        const entry = parseAuditLine(line);
        if (entry) this.#buffer.push(entry, 2 * line.length + 256);
      }
    }
  }
}
