/**
 * One line of Vault's JSON audit log (file device), as Vault and OpenBao write it
 * (vault-api-facts.md §9). Every provider yields entries of exactly this shape, so the grader
 * reads the embedded server and a real Vault the same way.
 *
 * Sensitive strings are HMAC'd (`hmac-sha256:<hex>`): client tokens, accessors, wrap tokens and
 * every string inside request/response `data`. Paths, operations, policies, metadata and error
 * strings are plain. Fields are omitted when empty.
 */
export type AuditOperation = 'read' | 'list' | 'update' | 'create' | 'delete' | 'patch' | 'header' | 'help';

export interface AuditAuth {
  client_token?: string;
  accessor?: string;
  display_name?: string;
  policies?: string[];
  token_policies?: string[];
  identity_policies?: string[];
  metadata?: Record<string, string> | null;
  entity_id?: string;
  token_type?: string;
  token_ttl?: number;
  token_issue_time?: string;
  remaining_uses?: number;
  policy_results?: {
    allowed: boolean;
    granting_policies?: Array<{ name: string; namespace_id?: string; namespace_path?: string; type?: string }>;
  };
}

export interface AuditRequest {
  id: string;
  client_id?: string;
  operation: AuditOperation;
  mount_point?: string;
  mount_type?: string;
  mount_accessor?: string;
  mount_running_version?: string;
  mount_class?: string;
  client_token?: string;
  client_token_accessor?: string;
  namespace?: { id: string; path?: string };
  path: string;
  data?: Record<string, unknown> | null;
  remote_address?: string;
  remote_port?: number;
  wrap_ttl?: number;
  headers?: Record<string, string[]>;
}

export interface AuditWrapInfo {
  token?: string;
  accessor?: string;
  ttl?: number;
  creation_time?: string;
  creation_path?: string;
  wrapped_accessor?: string;
}

export interface AuditResponse {
  auth?: AuditAuth;
  mount_point?: string;
  mount_type?: string;
  mount_accessor?: string;
  mount_running_plugin_version?: string;
  mount_class?: string;
  secret?: { lease_id?: string };
  data?: Record<string, unknown> | null;
  warnings?: string[];
  redirect?: string;
  wrap_info?: AuditWrapInfo;
  headers?: Record<string, string[]>;
}

export interface AuditRequestEntry {
  time: string;
  type: 'request';
  auth?: AuditAuth;
  request: AuditRequest;
  error?: string;
}

export interface AuditResponseEntry {
  time: string;
  type: 'response';
  auth?: AuditAuth;
  request: AuditRequest;
  response?: AuditResponse;
  error?: string;
}

export type AuditEntry = AuditRequestEntry | AuditResponseEntry;

export const HMAC_PREFIX = 'hmac-sha256:';

/** Parse one audit-log line; undefined for blank or malformed lines (a torn last line while tailing). */
export function parseAuditLine(line: string): AuditEntry | undefined {
  const trimmed = line.trim();
  if (!trimmed) return undefined;
  try {
    const value = JSON.parse(trimmed) as Partial<AuditEntry>;
    if (
      (value.type === 'request' || value.type === 'response') &&
      value.request &&
      typeof value.request.path === 'string'
    ) {
      return value as AuditEntry;
    }
  } catch {
    // Not JSON (yet): ignored, the caller re-reads once the line is complete.
  }
  return undefined;
}
