import type { TokenEntry } from '../auth/token/store.js';
import type { MountEntry } from './mounts.js';

/** Vault's logical operations (sdk/logical): what a request asks a backend to do. */
export type Operation = 'read' | 'list' | 'create' | 'update' | 'delete' | 'patch' | 'header';

export interface Request {
  id: string;
  operation: Operation;
  /** Full logical path below /v1/, e.g. `secret/data/app`; list paths end with `/`. */
  path: string;
  data: Record<string, unknown> | null;
  clientToken: string;
  /** Seconds; 0 when the response is not to be wrapped. */
  wrapTtl: number;
  remoteAddress: string;
  remotePort: number;
  /** Set by the router. */
  mount?: MountEntry;
  /** Path inside the mount (`data/app` for `secret/data/app`). */
  relativePath: string;
  /** The caller's token entry, when the path needs one and it is valid. */
  token?: TokenEntry;
  /** Length of the request body as received (what the audit trail may hold on to). */
  bodySize?: number;
}

/** The auth block of a login or token creation (sdk/logical Auth, JSON-facing subset). */
export interface AuthResult {
  clientToken: string;
  accessor: string;
  policies: string[];
  tokenPolicies: string[];
  metadata: Record<string, string> | null;
  leaseDuration: number;
  renewable: boolean;
  entityId: string;
  tokenType: string;
  orphan: boolean;
  numUses: number;
  /** Audit-only details of the new token. */
  displayName: string;
  issueTime: number;
  /** The token store's own responses carry the issue time into the audit log; logins do not. */
  auditIssueTime?: boolean;
  /** The login created the identity entity (`entity_created` in the audit log). */
  entityCreated?: boolean;
}

export interface WrapInfo {
  token: string;
  accessor: string;
  ttl: number;
  creationTime: string;
  creationPath: string;
  wrappedAccessor?: string;
}

export interface Response {
  data?: Record<string, unknown> | null;
  auth?: AuthResult;
  warnings?: string[];
  /** `lease_duration` of the envelope (KV v1 reads). */
  leaseDuration?: number;
  /** A non-200 status sent with the full success envelope (KV's deleted/destroyed version reads). */
  status?: number;
  wrapInfo?: WrapInfo;
  /** When this response gets wrapped, the `wrapped_accessor` to report (AppRole secret_id_accessor). */
  wrappedAccessor?: string;
  /** Response already serialised by the backend (unwrap returns the stored original response). */
  raw?: { status: number; body: string; contentType?: string };
  /** Keys of `data` to leave unhashed in the audit log. */
  auditRawKeys?: string[];
  /** The path takes no body fields: the audit log notes any that were sent. */
  ignoredFields?: boolean;
  /** A wrapped login: the new token shows as the audit entry's `auth`, not in the response. */
  auditEntryAuth?: AuthResult;
  /** What the audit log records instead of `data`/`auth` (raw HTTP responses, unwrapped responses). */
  auditView?: { data?: Record<string, unknown> | null; auth?: AuthResult; warnings?: string[] };
}

export type Handler = (request: Request, match: RegExpExecArray) => Response | null | undefined;

export interface Route {
  pattern: RegExp;
  operations: Partial<Record<Operation, Handler>>;
  /** Vault's existence check: decides between `create` and `update` for POST/PUT. */
  exists?: (request: Request, match: RegExpExecArray) => boolean;
  /**
   * The path's field schema (each field's converter, e.g. `getInt`): every field present is
   * converted before the existence check (a bad one fails there as is) and again before the
   * handler, where the framework prefixes the error with "Field validation failed: ".
   */
  fields?: Record<string, (data: Record<string, unknown> | null, field: string) => unknown>;
}

export interface Backend {
  readonly type: string;
  /** Answer one request (path relative to the mount); null means a nil response (204). */
  handle(request: Request): Response | null;
  /** Decide `create` vs `update` for POST/PUT; undefined when the path has no existence check. */
  exists(request: Request): boolean | undefined;
  /** Paths that need no token (relative to the mount). */
  isUnauthenticated(relativePath: string): boolean;
  /** Paths that need `sudo` on top of the normal capability. */
  isRootProtected(relativePath: string): boolean;
  /** Its routes, when it is built from a route table. */
  readonly routeTable?: readonly Route[];
}
