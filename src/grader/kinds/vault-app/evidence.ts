import type { ReadDefinition } from '../../../course/challenge-schema.js';
import type { AuditEntry, AuditResponseEntry } from '../../../vault/audit/entry.js';

/**
 * What the program did, from Vault's audit log (the program's own entries only). A login counts
 * when it succeeded with the issued role_id (compared by HMAC, as the log stores it); a read
 * counts when it succeeded with a token whose accessor came out of such a login. Only a response
 * that answers a request logged before it counts.
 */
export interface LoginAttempt {
  time: string;
  success: boolean;
  /** The role_id sent was the one issued (HMAC match). */
  issuedRole: boolean;
  /** No role_id / secret_id at all in the request (an unset variable). */
  missingRoleId: boolean;
  missingSecretId: boolean;
  error?: string;
}

export interface RequestSummary {
  time: string;
  path: string;
  operation: string;
  /** Sent with any token. */
  withToken: boolean;
  /** Sent with a token from a successful login with the issued credentials. */
  withLoginToken: boolean;
  success: boolean;
  error?: string;
}

export interface Evidence {
  /** Requests the program sent (one per audited request). */
  requestCount: number;
  logins: LoginAttempt[];
  /** Read id → time of the first successful read by a login token. */
  reads: Map<string, string>;
  /** Every other request, in order (for hints: wrong paths, missing tokens, v1-style paths). */
  requests: RequestSummary[];
}

export interface EvidenceOptions {
  mount: string;
  approleMount?: string;
  reads: readonly ReadDefinition[];
  /** `hash(role_id)` from the audit device. */
  roleIdHash: string;
}

/** Accumulates evidence entry by entry, so the grader can tell live when every read has been seen. */
export class EvidenceCollector {
  readonly evidence: Evidence = { requestCount: 0, logins: [], reads: new Map(), requests: [] };
  readonly #loginAccessors = new Set<string>();
  /** Requests logged and not yet answered, by id. */
  readonly #unanswered = new Set<string>();
  readonly #readPaths: Map<string, string>;
  readonly #loginPath: string;

  constructor(private readonly options: EvidenceOptions) {
    this.#readPaths = new Map(options.reads.map((read) => [`${options.mount}/data/${read.path}`, read.id]));
    this.#loginPath = `auth/${options.approleMount ?? 'approle'}/login`;
  }

  add(entry: AuditEntry): void {
    if (entry.type === 'request') {
      this.evidence.requestCount++;
      this.#unanswered.add(entry.request.id);
      return;
    }
    // Vault logs a request before its response, once each: a response to no request, or a second
    // one, was not written by the server and is no evidence of anything.
    if (!this.#unanswered.delete(entry.request.id)) return;
    this.#addResponse(entry);
  }

  get allReadsSeen(): boolean {
    return this.options.reads.every((read) => this.evidence.reads.has(read.id));
  }

  #addResponse(entry: AuditResponseEntry): void {
    const { request } = entry;
    const success = !entry.error;
    if (request.path === this.#loginPath) {
      const data = request.data ?? {};
      const attempt: LoginAttempt = {
        time: entry.time,
        success: success && Boolean(entry.response?.auth?.accessor),
        issuedRole: data.role_id === this.options.roleIdHash,
        missingRoleId: data.role_id === null || data.role_id === undefined || data.role_id === '',
        missingSecretId: data.secret_id === null || data.secret_id === undefined || data.secret_id === '',
        error: firstLine(entry.error),
      };
      this.evidence.logins.push(attempt);
      const accessor = entry.response?.auth?.accessor;
      if (attempt.success && attempt.issuedRole && accessor) this.#loginAccessors.add(accessor);
      return;
    }
    const accessor = entry.auth?.accessor ?? request.client_token_accessor;
    const withLoginToken = accessor !== undefined && this.#loginAccessors.has(accessor);
    const summary: RequestSummary = {
      time: entry.time,
      path: request.path,
      operation: request.operation,
      withToken: Boolean(request.client_token),
      withLoginToken,
      success,
      error: firstLine(entry.error),
    };
    this.evidence.requests.push(summary);
    const readId = this.#readPaths.get(request.path);
    if (readId && success && withLoginToken && request.operation === 'read' && !this.evidence.reads.has(readId)) {
      this.evidence.reads.set(readId, entry.time);
    }
  }
}

export function collectEvidence(entries: readonly AuditEntry[], options: EvidenceOptions): Evidence {
  const collector = new EvidenceCollector(options);
  for (const entry of entries) collector.add(entry);
  return collector.evidence;
}

/** Vault's errors come as "1 error occurred:\n\t* permission denied\n\n": keep the message. */
export function firstLine(error: string | undefined): string | undefined {
  if (!error) return undefined;
  const bullet = /\*\s*(.+)/.exec(error);
  return (bullet?.[1] ?? error).trim().split('\n')[0];
}
