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
 * still see every entry. `pushLazy` takes an entry that is only built when someone looks (an
 * in-process server with nobody subscribed then pays almost nothing per request).
 */
/** An entry built only when it is read (see `AuditEntryBuffer.pushLazy`). */
export interface LazyAuditEntry {
  build(): AuditEntry;
}

export class AuditEntryBuffer {
  readonly #entries: Array<AuditEntry | LazyAuditEntry> = [];
  readonly #listeners = new Set<(entry: AuditEntry) => void>();

  constructor(private readonly maxEntries = Number.POSITIVE_INFINITY) {}

  push(entry: AuditEntry): void {
    this.#store(entry);
    this.#notify(entry);
  }

  pushLazy(lazy: LazyAuditEntry): void {
    if (this.#listeners.size === 0) {
      this.#store(lazy);
      return;
    }
    const entry = lazy.build();
    this.#store(entry);
    this.#notify(entry);
  }

  #store(item: AuditEntry | LazyAuditEntry): void {
    this.#entries.push(item);
    if (this.#entries.length > this.maxEntries + Math.ceil(this.maxEntries / 4)) {
      this.#entries.splice(0, this.#entries.length - this.maxEntries);
    }
  }

  #resolved(): AuditEntry[] {
    for (let i = 0; i < this.#entries.length; i++) {
      const item = this.#entries[i]!;
      if ('build' in item) this.#entries[i] = item.build();
    }
    return this.#entries as AuditEntry[];
  }

  #notify(entry: AuditEntry): void {
    for (const listener of this.#listeners) {
      try {
        listener(entry);
      } catch {
        // A broken listener must not stop the log from being read.
      }
    }
  }

  snapshot(): AuditEntry[] {
    return [...this.#resolved()];
  }

  subscribe(listener: (entry: AuditEntry) => void, replay = false): () => void {
    if (replay) for (const entry of this.#resolved()) listener(entry);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  clearListeners(): void {
    this.#listeners.clear();
  }
}
