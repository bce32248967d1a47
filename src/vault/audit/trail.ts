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

/** An entry built only when it is read (see `AuditEntryBuffer.pushLazy`). */
export interface LazyAuditEntry {
  build(): AuditEntry;
}

/** What a trail keeps in memory by default: the newest 64 MiB of entries (listeners see all). */
export const DEFAULT_TRAIL_BYTES = 64 * 1024 * 1024;

/**
 * Shared bookkeeping for trails: keeps entries in order and fans them out to listeners. Memory is
 * bounded by bytes, not by count: each entry is stored with an estimate of what it holds, and
 * past `maxBytes` the oldest quarter is dropped at once (so pushing stays O(1) amortised).
 * Listeners still see every entry: a reader that needs all of them subscribes. `pushLazy` takes
 * an entry that is only built when someone looks (an in-process server with nobody subscribed
 * then pays almost nothing per request), with the size of what it holds until then.
 */
export class AuditEntryBuffer {
  #entries: Array<AuditEntry | LazyAuditEntry> = [];
  #sizes: number[] = [];
  #bytes = 0;
  readonly #listeners = new Set<(entry: AuditEntry) => void>();

  constructor(private readonly maxBytes = DEFAULT_TRAIL_BYTES) {}

  /** Bytes the kept entries hold (an estimate). */
  get bytes(): number {
    return this.#bytes;
  }

  push(entry: AuditEntry, size = estimateBytes(entry)): void {
    this.#store(entry, size);
    this.#notify(entry);
  }

  pushLazy(lazy: LazyAuditEntry, size: number): void {
    if (this.#listeners.size === 0) {
      this.#store(lazy, size);
      return;
    }
    const entry = lazy.build();
    this.#store(entry, estimateBytes(entry));
    this.#notify(entry);
  }

  #store(item: AuditEntry | LazyAuditEntry, size: number): void {
    this.#entries.push(item);
    this.#sizes.push(size);
    this.#bytes += size;
    if (this.#bytes <= this.maxBytes) return;
    let drop = 0;
    while (drop < this.#entries.length && this.#bytes > (this.maxBytes * 3) / 4) this.#bytes -= this.#sizes[drop++]!;
    this.#entries = this.#entries.slice(drop);
    this.#sizes = this.#sizes.slice(drop);
  }

  #resolved(): AuditEntry[] {
    for (let i = 0; i < this.#entries.length; i++) {
      const item = this.#entries[i]!;
      if (!('build' in item)) continue;
      const entry = item.build();
      this.#entries[i] = entry;
      const size = estimateBytes(entry);
      this.#bytes += size - this.#sizes[i]!;
      this.#sizes[i] = size;
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

/**
 * Roughly what a parsed JSON value holds in memory: string lengths plus a fixed cost per value
 * and per key. Stops counting past `limit` (enough to know a value is big).
 */
export function estimateBytes(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= limit) {
    const item = stack.pop();
    if (typeof item === 'string') total += 16 + item.length;
    else if (Array.isArray(item)) {
      total += 16 + 8 * item.length;
      for (const element of item) stack.push(element);
    } else if (item && typeof item === 'object') {
      total += 32;
      for (const [key, element] of Object.entries(item)) {
        total += 24 + key.length;
        stack.push(element);
      }
    } else total += 8;
  }
  return total;
}
