import type { AuditAuth, AuditRequest, AuditResponse, AuditResponseEntry, AuditRequestEntry, AuditOperation } from '../../audit/entry.js';
import { rfc3339, rfc3339Nano } from '../core/clock.js';
import type { AuthResult, Request, Response, WrapInfo } from '../core/logical.js';
import { RUNNING_PLUGIN_VERSION } from '../core/mounts.js';
import type { TokenEntry } from '../auth/token/store.js';
import type { AuditSalt } from './hash.js';

/** What the core knows about a request when it is audited. */
export interface AuditRecord {
  request: Request;
  /** The caller's valid token, if any. */
  token?: TokenEntry;
  /** Policies that granted the request (`policy_results`), when an ACL check ran and passed. */
  granting?: string[];
  /** The ACL check ran (authenticated path) or the path is unauthenticated and was allowed. */
  allowed?: boolean;
  clientId?: string;
  remainingTtl?: number;
}

export interface DeviceSettings {
  salt: AuditSalt;
  hmacAccessor: boolean;
  logRaw: boolean;
}

const NAMESPACE = Object.freeze({ id: 'root' });

/** Vault's JSON audit entries (OpenBao 2.7.2 field set and order, observed). */
export function formatRequestEntry(record: AuditRecord, device: DeviceSettings, time: number, error?: string): AuditRequestEntry {
  const entry: AuditRequestEntry = { time: rfc3339Nano(time), type: 'request', auth: callerAuth(record, device), request: formatRequest(record, device) };
  if (error) entry.error = error;
  return entry;
}

export function formatResponseEntry(
  record: AuditRecord,
  device: DeviceSettings,
  time: number,
  outcome: { response?: Response | null; error?: string; errorForLog?: string },
  request: AuditRequest,
  requestAuth: AuditAuth,
): AuditResponseEntry {
  const response = outcome.response;
  const mount = record.request.mount;
  const body: AuditResponse = {};
  if (response?.auth) body.auth = formatNewAuth(response.auth, device);
  if (mount) {
    body.mount_point = mountPoint(record.request);
    body.mount_type = mount.type;
    body.mount_accessor = mount.accessor;
    body.mount_running_plugin_version = RUNNING_PLUGIN_VERSION;
    body.mount_class = mount.class;
  }
  if (outcome.error !== undefined) {
    body.data = { error: hashString(outcome.error, device) };
  } else if (response?.wrapInfo) {
    body.wrap_info = formatWrapInfo(response.wrapInfo, device);
  } else if (response?.data) {
    body.data = hashData(response.data, device, response.auditRawKeys) as Record<string, unknown>;
  }
  if (response?.warnings?.length && !response.wrapInfo) body.warnings = response.warnings;
  const entry: AuditResponseEntry = {
    time: rfc3339Nano(time),
    type: 'response',
    auth: response?.auth ? formatNewAuth(response.auth, device) : requestAuth,
    request,
    response: body,
  };
  if (outcome.errorForLog ?? outcome.error) entry.error = outcome.errorForLog ?? outcome.error;
  return entry;
}

function callerAuth(record: AuditRecord, device: DeviceSettings): AuditAuth {
  const token = record.token;
  if (!token) {
    return record.allowed ? { policy_results: { allowed: true }, token_type: 'default' } : { token_type: 'default' };
  }
  const auth: AuditAuth = {
    client_token: hashString(token.id, device),
    accessor: device.hmacAccessor ? hashString(token.accessor, device) : token.accessor,
    display_name: token.displayName,
    policies: token.policies,
    token_policies: token.policies,
  };
  if (record.allowed) {
    auth.policy_results = record.granting?.length
      ? { allowed: true, granting_policies: record.granting.map((name) => ({ name, namespace_id: 'root', type: 'acl' })) }
      : { allowed: true };
  }
  if (token.meta) auth.metadata = token.meta;
  if (token.entityId) auth.entity_id = token.entityId;
  auth.token_type = 'service';
  if (token.creationTtl) auth.token_ttl = token.creationTtl;
  auth.token_issue_time = rfc3339(token.creationTime);
  if (token.numUses > 0) auth.remaining_uses = token.numUses;
  return auth;
}

export function formatRequest(record: AuditRecord, device: DeviceSettings): AuditRequest {
  const request = record.request;
  const out: AuditRequest = { id: request.id, operation: request.operation as AuditOperation, path: request.path };
  // Insertion order follows OpenBao's entries.
  const ordered: AuditRequest = { id: request.id } as AuditRequest;
  if (record.clientId) ordered.client_id = record.clientId;
  ordered.operation = out.operation;
  const mount = request.mount;
  if (mount) {
    ordered.mount_point = mountPoint(request);
    ordered.mount_type = mount.type;
    ordered.mount_accessor = mount.accessor;
    ordered.mount_running_version = RUNNING_PLUGIN_VERSION;
    ordered.mount_class = mount.class;
  }
  if (request.clientToken) {
    ordered.client_token = hashString(request.clientToken, device);
    if (record.token) ordered.client_token_accessor = device.hmacAccessor ? hashString(record.token.accessor, device) : record.token.accessor;
  }
  ordered.namespace = NAMESPACE;
  ordered.path = request.path;
  if (request.data && Object.keys(request.data).length > 0) ordered.data = hashData(request.data, device) as Record<string, unknown>;
  ordered.remote_address = request.remoteAddress;
  ordered.remote_port = request.remotePort;
  if (request.wrapTtl) ordered.wrap_ttl = request.wrapTtl;
  return ordered;
}

export function formatAuditAuth(record: AuditRecord, device: DeviceSettings): AuditAuth {
  return callerAuth(record, device);
}

function formatNewAuth(auth: AuthResult, device: DeviceSettings): AuditAuth {
  const out: AuditAuth = {
    client_token: hashString(auth.clientToken, device),
    accessor: device.hmacAccessor ? hashString(auth.accessor, device) : auth.accessor,
    display_name: auth.displayName,
    policies: auth.policies,
    token_policies: auth.tokenPolicies,
  };
  if (auth.metadata) out.metadata = auth.metadata;
  if (auth.entityId) out.entity_id = auth.entityId;
  out.token_type = auth.tokenType;
  if (auth.leaseDuration) out.token_ttl = auth.leaseDuration;
  if (auth.numUses) out.remaining_uses = auth.numUses;
  return out;
}

function formatWrapInfo(info: WrapInfo, device: DeviceSettings) {
  const out: NonNullable<AuditResponse['wrap_info']> = {
    ttl: info.ttl,
    token: hashString(info.token, device),
    accessor: device.hmacAccessor ? hashString(info.accessor, device) : info.accessor,
    creation_time: info.creationTime,
    creation_path: info.creationPath,
  };
  if (info.wrappedAccessor) out.wrapped_accessor = device.hmacAccessor ? hashString(info.wrappedAccessor, device) : info.wrappedAccessor;
  return out;
}

function mountPoint(request: Request): string {
  const mount = request.mount!;
  return mount.class === 'auth' ? `auth/${mount.path}` : mount.path;
}

function hashString(value: string, device: DeviceSettings): string {
  return device.logRaw ? value : device.salt.hash(value);
}

function hashData(data: Record<string, unknown>, device: DeviceSettings, rawKeys?: string[]): unknown {
  if (device.logRaw) return JSON.parse(JSON.stringify(data)) as unknown;
  return device.salt.hashStructure(data, rawKeys ? new Set(rawKeys) : undefined);
}
