import type { AuditEntry } from '../../../vault/audit/entry.js';
import { firstLine } from './evidence.js';

/**
 * The program's own tokens, followed through the audit log: each successful AppRole login with
 * the issued role_id gives a token (known by the HMAC of its value and of its accessor, as the
 * log stores them); later requests are tied back to the login whose token they carried. A request
 * whose token is one of these but that Vault no longer knows (no accessor in the entry, refused)
 * was sent with an expired or revoked token.
 */
export interface AppLogin {
  index: number;
  /** Server time of the login (ms). */
  time: number;
  accessor: string;
  tokenHash: string;
}

export interface AppRequest {
  id: string;
  time: number;
  path: string;
  operation: string;
  success: boolean;
  error?: string;
  /** The login whose token it carried (also after the token expired), if any. */
  login?: AppLogin;
  /** Refused because its token had expired or been revoked (the token was one of the program's). */
  deadToken: boolean;
  /** The response entry, when there is one. */
  entry: AuditEntry;
}

export class AppTokens {
  readonly logins: AppLogin[] = [];
  readonly requests: AppRequest[] = [];
  readonly #byAccessor = new Map<string, AppLogin>();
  readonly #byToken = new Map<string, AppLogin>();
  /** Request ids already recorded (a refused request can have a request entry only). */
  readonly #seen = new Set<string>();
  readonly #loginPath: string;

  constructor(
    private readonly roleIdHash: string,
    approleMount = 'approle',
  ) {
    this.#loginPath = `auth/${approleMount}/login`;
  }

  /** Record one entry; returns the request it completed, if it was a response (or a request entry that failed). */
  add(entry: AuditEntry): AppRequest | undefined {
    const id = entry.request.id;
    if (entry.type === 'request' && !entry.error) return undefined;
    if (this.#seen.has(id)) return undefined;
    this.#seen.add(id);
    const time = auditTime(entry.time);
    const isLogin = entry.request.path === this.#loginPath;
    // A refused login can come without an `error` (a 400 from the backend): the new token is the proof.
    const success = !entry.error && (!isLogin || Boolean(entry.type === 'response' && entry.response?.auth?.accessor));
    if (isLogin && entry.type === 'response') {
      const auth = entry.response?.auth;
      if (success && entry.request.data?.role_id === this.roleIdHash && auth?.accessor && auth.client_token) {
        const login: AppLogin = {
          index: this.logins.length,
          time,
          accessor: auth.accessor,
          tokenHash: auth.client_token,
        };
        this.logins.push(login);
        this.#byAccessor.set(login.accessor, login);
        this.#byToken.set(login.tokenHash, login);
      }
    }
    const accessor = entry.auth?.accessor ?? entry.request.client_token_accessor;
    const tokenHash = entry.request.client_token;
    const login =
      (accessor ? this.#byAccessor.get(accessor) : undefined) ?? (tokenHash ? this.#byToken.get(tokenHash) : undefined);
    const request: AppRequest = {
      id,
      time,
      path: entry.request.path,
      operation: entry.request.operation,
      success,
      error: firstLine(entry.error),
      login,
      deadToken: !success && login !== undefined && !accessor,
      entry,
    };
    this.requests.push(request);
    return request;
  }

  get firstLogin(): AppLogin | undefined {
    return this.logins[0];
  }
}

/** Audit times are RFC 3339 with nanoseconds; milliseconds are plenty here. */
export function auditTime(time: string): number {
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? 0 : parsed;
}

/** `6s`, `1m`, `1h30m`, `90` (seconds) → seconds. */
export function durationSeconds(value: string | number): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let rest = text;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1 };
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)([hms])/g)) {
    total += Number(match[1]) * unit[match[2]!]!;
    rest = rest.replace(match[0], '');
  }
  if (rest !== '' || total === 0) throw new Error(`not a duration: ${value}`);
  return total;
}

/** Seconds with one decimal, for details ("2.4"). */
export function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(1);
}

/** The KV version a read returned (`data.metadata.version` is a number, so the audit log keeps it in clear). */
export function versionOf(request: AppRequest): number {
  const entry = request.entry;
  if (entry.type !== 'response') return 0;
  const metadata = (entry.response?.data as { metadata?: { version?: unknown } } | null | undefined)?.metadata;
  return typeof metadata?.version === 'number' ? metadata.version : 0;
}
