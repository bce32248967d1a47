import type { AuditEntry } from './entry.js';

/**
 * The audit log of one running Vault, as a stream the grader can read while a program runs.
 * `entries()` returns everything seen so far; `subscribe` reports each new entry once, in order.
 * `hash` asks the server for the HMAC of a value (`sys/audit-hash/<device>`), so evidence can be
 * matched against values we issued (a role_id, a token accessor) without logging them raw.
 */
export interface AuditTrail {
  /** Entries seen so far, oldest first. Reads any pending lines before answering. */
  entries(): Promise<AuditEntry[]>;
  /** Called for every entry from now on (and, with `replay`, for the ones already seen). */
  subscribe(listener: (entry: AuditEntry) => void, options?: { replay?: boolean }): () => void;
  /** The HMAC this audit device writes for `value` (`hmac-sha256:<hex>`). */
  hash(value: string): Promise<string>;
  /** Stop following the log and release what it holds. */
  close(): Promise<void>;
}

/**
 * Shared bookkeeping for trails: keeps entries in order and fans them out to listeners. With a
 * `maxEntries` limit the oldest entries are dropped (in batches, so pushing stays O(1)); listeners
 * still see every entry.
 */
export class AuditEntryBuffer {
  readonly #entries: AuditEntry[] = [];
  readonly #listeners = new Set<(entry: AuditEntry) => void>();

  constructor(private readonly maxEntries = Number.POSITIVE_INFINITY) {}

  push(entry: AuditEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.maxEntries + Math.ceil(this.maxEntries / 4)) {
      this.#entries.splice(0, this.#entries.length - this.maxEntries);
    }
    for (const listener of this.#listeners) {
      try {
        listener(entry);
      } catch {
        // A broken listener must not stop the log from being read.
      }
    }
  }

  snapshot(): AuditEntry[] {
    return [...this.#entries];
  }

  subscribe(listener: (entry: AuditEntry) => void, replay = false): () => void {
    if (replay) for (const entry of this.#entries) listener(entry);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  clearListeners(): void {
    this.#listeners.clear();
  }
}
