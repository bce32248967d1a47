import { rfc3339Nano, type ServerClock } from '../../core/clock.js';
import { badRequest } from '../../core/errors.js';
import { GoTime } from '../../core/go-time.js';
import { uuid } from '../../core/ids.js';
import type { Role } from './roles.js';

export interface SecretIdEntry {
  secretId: string;
  accessor: string;
  /** Remaining uses; 0 = unlimited. */
  numUses: number;
  ttl: number;
  creationTime: number;
  /** ms; 0 = never. */
  expirationTime: number;
  lastUpdatedTime: number;
  metadata: Record<string, string>;
  cidrList: string[];
  tokenBoundCidrs: string[];
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** The secret IDs of one role, by value and by accessor. Expired ones vanish when looked at. */
export class SecretIds {
  readonly #byId = new Map<string, SecretIdEntry>();
  readonly #byAccessor = new Map<string, string>();

  constructor(private readonly clock: ServerClock) {}

  /**
   * A new secret ID. An explicit `num_uses`/`ttl` may only narrow the role's limits, and an
   * explicit 0 (unlimited) is "higher" than any limit; when not given, the role's apply.
   */
  issue(
    role: Role,
    options: {
      secretId?: string;
      ttl?: number;
      numUses?: number;
      metadata: Record<string, string>;
      cidrList: string[];
      tokenBoundCidrs: string[];
    },
  ): SecretIdEntry {
    if (
      options.numUses !== undefined &&
      role.secretIdNumUses > 0 &&
      (options.numUses === 0 || options.numUses > role.secretIdNumUses)
    ) {
      throw badRequest("num_uses cannot be higher than the role's secret_id_num_uses", null);
    }
    if (options.ttl !== undefined && role.secretIdTtl > 0 && (options.ttl === 0 || options.ttl > role.secretIdTtl)) {
      throw badRequest("ttl cannot be longer than the role's secret_id_ttl", null);
    }
    const now = this.clock.now();
    const ttl = options.ttl || role.secretIdTtl;
    const entry: SecretIdEntry = {
      secretId: options.secretId ?? uuid(),
      accessor: uuid(),
      numUses: options.numUses ?? role.secretIdNumUses,
      ttl,
      creationTime: now,
      expirationTime: ttl > 0 ? now + ttl * 1000 : 0,
      lastUpdatedTime: now,
      metadata: options.metadata,
      cidrList: options.cidrList,
      tokenBoundCidrs: options.tokenBoundCidrs,
    };
    if (this.#byId.has(entry.secretId)) throw badRequest('SecretID is already registered');
    this.#byId.set(entry.secretId, entry);
    this.#byAccessor.set(entry.accessor, entry.secretId);
    return entry;
  }

  get(secretId: string): SecretIdEntry | undefined {
    const entry = this.#byId.get(secretId);
    if (!entry) return undefined;
    if (entry.expirationTime && entry.expirationTime <= this.clock.now()) {
      this.remove(entry);
      return undefined;
    }
    return entry;
  }

  byAccessor(accessor: string): SecretIdEntry | undefined {
    const id = this.#byAccessor.get(accessor);
    return id === undefined ? undefined : this.get(id);
  }

  remove(entry: SecretIdEntry): void {
    this.#byId.delete(entry.secretId);
    this.#byAccessor.delete(entry.accessor);
  }

  accessors(): string[] {
    const now = this.clock.now();
    return [...this.#byId.values()]
      .filter((entry) => !entry.expirationTime || entry.expirationTime > now)
      .map((entry) => entry.accessor);
  }

  /** Consume one use at login; the login that uses the last one deletes the secret ID. */
  use(entry: SecretIdEntry): void {
    if (entry.numUses === 0) return;
    entry.numUses -= 1;
    entry.lastUpdatedTime = this.clock.now();
    if (entry.numUses === 0) this.remove(entry);
  }

  clear(): void {
    this.#byId.clear();
    this.#byAccessor.clear();
  }
}

export function secretIdLookupData(entry: SecretIdEntry): Record<string, unknown> {
  return {
    cidr_list: entry.cidrList,
    creation_time: new GoTime(rfc3339Nano(entry.creationTime)),
    expiration_time: new GoTime(entry.expirationTime ? rfc3339Nano(entry.expirationTime) : ZERO_TIME),
    last_updated_time: new GoTime(rfc3339Nano(entry.lastUpdatedTime)),
    metadata: entry.metadata,
    secret_id_accessor: entry.accessor,
    secret_id_num_uses: entry.numUses,
    secret_id_ttl: entry.ttl,
    token_bound_cidrs: entry.tokenBoundCidrs,
  };
}

/** `metadata` is a JSON-encoded string of string values. */
export function parseSecretIdMetadata(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'string')
    throw badRequest('failed to parse metadata: failed to parse the input: invalid <key,value> format', null);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('failed to parse metadata: failed to parse the input: invalid <key,value> format', null);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw badRequest('failed to parse metadata: failed to parse the input: invalid <key,value> format', null);
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
}
