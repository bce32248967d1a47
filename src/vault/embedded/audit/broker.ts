import { createWriteStream, type WriteStream } from 'node:fs';
import type { AuditEntry, AuditRequestEntry } from '../../audit/entry.js';
import { AuditEntryBuffer, estimateBytes, type AuditTrail, type LazyAuditEntry } from '../../audit/trail.js';
import type { ServerClock } from '../core/clock.js';
import type { Request, Response } from '../core/logical.js';
import type { TokenEntry } from '../auth/token/store.js';
import { AuditSalt } from './hash.js';
import {
  formatRequestEntry,
  formatResponseEntry,
  formatWrappingFailure,
  type AuditOutcome,
  type AuditRecord,
  type DeviceSettings,
} from './format.js';

/** The device the in-process trail follows (the binary provider enables the same name on bao). */
export const TRAIL_DEVICE = 'file/';

export interface AuditDevice extends DeviceSettings {
  path: string;
  type: 'file';
  description: string;
  local: boolean;
  options: Record<string, string>;
  write?: (line: string) => void;
  close?: () => void;
}

export interface AuditBrokerOptions {
  clock: ServerClock;
  /** Where `file_path=stdout` devices write (default: process.stdout). */
  stdout?: NodeJS.WritableStream;
  /** Bytes of entries kept in memory for the in-process trail (subscribers see every entry). */
  maxBytes: number;
}

/** What a lazy entry costs besides the request body and response it holds on to. */
const LAZY_OVERHEAD = 2048;
/**
 * An entry that would hold more than this is built at once: the built entry holds HMACs of the
 * values (fixed size), so a 30 MiB secret is not kept alive by the trail.
 */
const EAGER_BYTES = 32 * 1024;

/**
 * Enabled audit devices and the in-process trail. Each device has its own salt, like Vault's.
 * A request is written to every device before it is served and again with its response.
 */
export class AuditBroker {
  readonly #devices = new Map<string, AuditDevice>();
  readonly #buffer: AuditEntryBuffer;

  constructor(private readonly options: AuditBrokerOptions) {
    this.#buffer = new AuditEntryBuffer(options.maxBytes);
  }

  get enabled(): boolean {
    return this.#devices.size > 0;
  }

  devices(): AuditDevice[] {
    return [...this.#devices.values()];
  }

  device(path: string): AuditDevice | undefined {
    return this.#devices.get(path);
  }

  /** Adds a file device. `file_path`: `stdout`, `discard`, or a file appended to (mode 0600). */
  enable(path: string, description: string, options: Record<string, string>, local: boolean): AuditDevice {
    const filePath = options.file_path ?? '';
    const device: AuditDevice = {
      path,
      type: 'file',
      description,
      local,
      options,
      salt: new AuditSalt(),
      hmacAccessor: options.hmac_accessor === undefined ? true : options.hmac_accessor !== 'false',
      logRaw: options.log_raw === 'true',
    };
    if (filePath === 'stdout') {
      const out = this.options.stdout ?? process.stdout;
      device.write = (line) => void out.write(line);
    } else if (filePath !== 'discard' && filePath !== '' && filePath !== 'memory') {
      const mode = Number.parseInt(options.mode ?? '0600', 8) || 0o600;
      const stream: WriteStream = createWriteStream(filePath, { flags: 'a', mode });
      stream.on('error', () => undefined);
      device.write = (line) => void stream.write(line);
      device.close = () => stream.end();
    }
    this.#devices.set(path, device);
    return device;
  }

  disable(path: string): boolean {
    const device = this.#devices.get(path);
    if (!device) return false;
    device.close?.();
    this.#devices.delete(path);
    return true;
  }

  /** HMAC of a value as the device writes it (sys/audit-hash). */
  hash(path: string, value: string): string | undefined {
    return this.#devices.get(path)?.salt.hash(value);
  }

  /**
   * Log the request; the returned exchange logs the matching response. Entries for the
   * in-process trail are built lazily (on read, or at once for a subscriber); the core stops
   * changing the record once the response is logged, so a late build reads it as it was (only
   * `routed` differs between the two moments, and the request entry never looks at it).
   */
  logRequest(record: AuditRecord, error?: string): AuditExchange {
    if (this.#devices.size === 0) return NO_EXCHANGE;
    const time = this.options.clock.now();
    if (this.#devices.size === 1) {
      const device = this.#devices.values().next().value!;
      const entry = new LazyRequestEntry(this, record, device, time, error);
      this.#emit(device, entry, entry.size);
      return entry;
    }
    const entries: LazyRequestEntry[] = [];
    for (const device of this.#devices.values()) {
      const entry = new LazyRequestEntry(this, record, device, time, error);
      this.#emit(device, entry, entry.size);
      entries.push(entry);
    }
    return {
      respond: (response, outcomeError, dataError) =>
        entries.forEach((entry) => entry.respond(response, outcomeError, dataError)),
    };
  }

  /** Called by a request entry: log its response on the same device. */
  logResponse(
    requestEntry: LazyRequestEntry,
    response: Response | null | undefined,
    error: string | undefined,
    dataError: string | undefined,
  ): void {
    const device = requestEntry.device;
    if (!this.#devices.has(device.path) && device.path !== TRAIL_DEVICE) return;
    const entry = new LazyResponseEntry(requestEntry, this.options.clock.now(), response, error, dataError);
    this.#emit(device, entry, requestEntry.size + responseBytes(response));
  }

  logWrappingFailure(request: Request, caller: TokenEntry | undefined, error: string): void {
    const time = this.options.clock.now();
    for (const device of this.#devices.values()) {
      const entry = formatWrappingFailure(request, caller, device, time, error);
      this.#emit(device, { build: () => entry }, estimateBytes(entry));
    }
  }

  /** `size`: what the lazy entry holds until it is built. */
  #emit(device: AuditDevice, entry: LazyAuditEntry, size: number): void {
    // (called for every entry: keep it small)
    if (device.write) device.write(`${JSON.stringify(entry.build())}\n`);
    if (device.path !== TRAIL_DEVICE) return;
    if (size <= EAGER_BYTES) return this.#buffer.pushLazy(entry, size);
    const built = entry.build();
    this.#buffer.push(built, estimateBytes(built));
  }

  /** The in-process view of the `file` device's entries. */
  trail(): AuditTrail {
    const buffer = this.#buffer;
    return {
      entries: async () => buffer.snapshot(),
      subscribe: (listener, options) => buffer.subscribe(listener, options?.replay ?? false),
      hash: async (value: string) => {
        const hashed = this.hash(TRAIL_DEVICE, value);
        if (hashed === undefined) throw new Error(`unknown audit backend "${TRAIL_DEVICE}"`);
        return hashed;
      },
      close: async () => buffer.clearListeners(),
    };
  }

  closeAll(): void {
    for (const device of this.#devices.values()) device.close?.();
  }
}

/** Logs the response of an audited request. */
export interface AuditExchange {
  respond(response: Response | null | undefined, error?: string, dataError?: string): void;
}

const NO_EXCHANGE: AuditExchange = { respond: () => undefined };

/** One request's entry on one device; also the exchange that logs its response. */
class LazyRequestEntry implements LazyAuditEntry, AuditExchange {
  #built: AuditRequestEntry | undefined;
  /** What it holds until built: the request body, mostly. */
  readonly size: number;

  constructor(
    readonly broker: AuditBroker,
    readonly record: AuditRecord,
    readonly device: AuditDevice,
    readonly time: number,
    readonly error: string | undefined,
  ) {
    this.size = LAZY_OVERHEAD + (record.request.bodySize ?? 0);
  }

  build(): AuditRequestEntry {
    return (this.#built ??= formatRequestEntry(this.record, this.device, this.time, this.error));
  }

  respond(response: Response | null | undefined, error?: string, dataError?: string): void {
    this.broker.logResponse(this, response, error, dataError);
  }
}

class LazyResponseEntry implements LazyAuditEntry {
  constructor(
    readonly requestEntry: LazyRequestEntry,
    readonly time: number,
    readonly response: Response | null | undefined,
    readonly error: string | undefined,
    readonly dataError: string | undefined,
  ) {}

  build(): AuditEntry {
    const { record, device } = this.requestEntry;
    const request = this.requestEntry.build();
    const outcome: AuditOutcome = { response: this.response, error: this.error, dataError: this.dataError };
    return formatResponseEntry(record, device, this.time, outcome, request.request, request.auth!);
  }
}

/** Roughly what a response holds (its data, a raw body), counted only up to what makes it big. */
function responseBytes(response: Response | null | undefined): number {
  if (!response) return 0;
  let total = response.raw ? response.raw.body.length : 0;
  if (response.data) total += estimateBytes(response.data, EAGER_BYTES);
  if (response.auditView?.data) total += estimateBytes(response.auditView.data, EAGER_BYTES);
  return total;
}
