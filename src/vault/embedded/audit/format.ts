import type {
  AuditAuth,
  AuditRequest,
  AuditResponse,
  AuditResponseEntry,
  AuditRequestEntry,
  AuditOperation,
} from '../../audit/entry.js';
import { rfc3339Nano } from '../core/clock.js';
import type { Request, Response, WrapInfo } from '../core/logical.js';
import { RUNNING_PLUGIN_VERSION } from '../core/mounts.js';
import type { TokenEntry } from '../auth/token/store.js';
import type { AuditSalt } from './hash.js';
import { callerAuth, formatNewAuth, hashData, hashString, withEntityCreated } from './auth-block.js';

/** What the core knows about a request when it is audited. */
export interface AuditRecord {
  request: Request;
  /** The caller's valid token, if any. */
  token?: TokenEntry;
  /** Policies that granted the request (`policy_results`), when an ACL check ran and passed. */
  granting?: readonly string[];
  /** The ACL check ran (authenticated path) or the path is unauthenticated and was allowed. */
  allowed?: boolean;
  clientId?: string;
  /** The existence check ran (create/update past the token check): the mount accessor is known early. */
  existenceChecked?: boolean;
  /** The request reached its backend. */
  routed?: boolean;
  /** The ACL refused the request (`policy_results.allowed: false`). */
  denied?: boolean;
  /** The token's remaining uses before this request counted one. */
  remainingUses?: number;
  /** A token refused because it was used from outside its bound CIDRs: logged by its accessor only. */
  outOfBounds?: TokenEntry;
  /** Log the caller as anonymous (`auth: {token_type: default}`), though the request carries a token. */
  anonymous?: boolean;
}

/** What the response entry records besides the response itself. */
export interface AuditOutcome {
  response?: Response | null;
  /** The entry's `error`. */
  error?: string;
  /** An error response's message, logged (hashed) as `response.data.error`. */
  dataError?: string;
}

export interface DeviceSettings {
  salt: AuditSalt;
  hmacAccessor: boolean;
  logRaw: boolean;
  /** Formatted `auth` blocks per token and variant: a token's block is built once, not per request. */
  authCache?: WeakMap<TokenEntry, Map<string, AuditAuth>>;
}

const NAMESPACE = Object.freeze({ id: 'root' });

/** Vault's JSON audit entries (OpenBao 2.7.2 field set and order, observed). */
export function formatRequestEntry(
  record: AuditRecord,
  device: DeviceSettings,
  time: number,
  error?: string,
): AuditRequestEntry {
  const entry: AuditRequestEntry = {
    time: rfc3339Nano(time),
    type: 'request',
    auth: callerAuth(record, device),
    request: formatRequest(record, device),
  };
  if (error) entry.error = error;
  return entry;
}

export function formatResponseEntry(
  record: AuditRecord,
  device: DeviceSettings,
  time: number,
  outcome: AuditOutcome,
  requestSection: AuditRequest,
  requestAuth: AuditAuth,
): AuditResponseEntry {
  let request = requestSection;
  const response = outcome.response;
  const view = response?.auditView;
  const newAuth = view ? view.auth : response?.auth;
  const mount = record.request.mount;
  const body: AuditResponse = {};
  if (newAuth) body.auth = formatNewAuth(newAuth, device);
  if (mount) {
    body.mount_point = mountPoint(record.request);
    body.mount_type = mount.type;
    if (record.routed || record.existenceChecked) body.mount_accessor = mount.accessor;
    body.mount_running_plugin_version = RUNNING_PLUGIN_VERSION;
    body.mount_class = mount.class;
  }
  // A leased secret (KV v1 read) has a `secret` section; without a lease id it is empty.
  if (response?.leaseDuration !== undefined) body.secret = {};
  if (mount && (record.routed || record.existenceChecked) && !request.mount_accessor) {
    request = formatRequest(record, device, true);
  }
  if (outcome.dataError !== undefined) {
    body.data = { error: hashString(outcome.dataError, device) };
  } else if (outcome.error !== undefined) {
    // a plain error: no response data
  } else if (response?.wrapInfo) {
    body.wrap_info = formatWrapInfo(response.wrapInfo, device);
  } else if (Object.keys((view ? view.data : response?.data) ?? {}).length) {
    // Go's omitempty leaves an empty data map out.
    body.data = hashData((view ? view.data : response!.data)!, device, response!.auditRawKeys) as Record<
      string,
      unknown
    >;
  }
  const warnings = view ? view.warnings : response?.warnings;
  if (warnings?.length) body.warnings = warnings;
  // The entry's own `auth` is the caller's; a login (no caller token) shows the new token.
  let auth = requestAuth;
  const entryAuth = newAuth ?? response?.auditEntryAuth;
  if (!record.token && entryAuth) {
    auth = formatNewAuth(entryAuth, device, true);
    if (entryAuth.entityCreated) auth = withEntityCreated(auth);
  } else if (!record.token && newAuth) {
    auth = formatNewAuth(newAuth, device, true);
    if (newAuth.entityCreated) auth = withEntityCreated(auth);
  } else if (
    (!record.token || record.anonymous) &&
    outcome.error &&
    (record.anonymous || record.request.mount?.class === 'auth')
  ) {
    // A failed login (or a request whose fields could not be decoded) shows no policy result.
    auth = { token_type: 'default' };
  }
  const entry: AuditResponseEntry = {
    time: rfc3339Nano(time),
    type: 'response',
    auth,
    request,
    response: body,
  };
  if (outcome.error) entry.error = outcome.error;
  return entry;
}

export function formatRequest(record: AuditRecord, device: DeviceSettings, withAccessor = false): AuditRequest {
  const request = record.request;
  // Insertion order follows OpenBao's entries.
  const ordered: AuditRequest = { id: request.id } as AuditRequest;
  if (record.clientId && !record.anonymous) ordered.client_id = record.clientId;
  ordered.operation = request.operation as AuditOperation;
  const mount = request.mount;
  if (mount) {
    ordered.mount_point = mountPoint(request);
    ordered.mount_type = mount.type;
    // Vault knows the accessor this early only when the existence check routed the request.
    if (record.existenceChecked || withAccessor) ordered.mount_accessor = mount.accessor;
    ordered.mount_running_version = RUNNING_PLUGIN_VERSION;
    ordered.mount_class = mount.class;
  }
  if (request.clientToken) {
    ordered.client_token = hashString(request.clientToken, device);
    const token = record.token ?? request.token ?? record.outOfBounds;
    if (token?.accessor)
      ordered.client_token_accessor = device.hmacAccessor ? hashString(token.accessor, device) : token.accessor;
  }
  ordered.namespace = NAMESPACE;
  ordered.path = request.path;
  if (request.data && Object.keys(request.data).length > 0)
    ordered.data = hashData(request.data, device) as Record<string, unknown>;
  ordered.remote_address = request.remoteAddress;
  ordered.remote_port = request.remotePort;
  if (request.wrapTtl) ordered.wrap_ttl = request.wrapTtl;
  return ordered;
}

function formatWrapInfo(info: WrapInfo, device: DeviceSettings) {
  const out: NonNullable<AuditResponse['wrap_info']> = {
    ttl: info.ttl,
    token: hashString(info.token, device),
    accessor: device.hmacAccessor ? hashString(info.accessor, device) : info.accessor,
    creation_time: info.creationTime,
    creation_path: info.creationPath,
  };
  if (info.wrappedAccessor)
    out.wrapped_accessor = device.hmacAccessor ? hashString(info.wrappedAccessor, device) : info.wrappedAccessor;
  return out;
}

function mountPoint(request: Request): string {
  const mount = request.mount!;
  return mount.class === 'auth' ? `auth/${mount.path}` : mount.path;
}

/** The single entry Vault writes when a wrapping token fails validation (no response entry). */
export function formatWrappingFailure(
  request: Request,
  caller: TokenEntry | undefined,
  device: DeviceSettings,
  time: number,
  error: string,
): AuditRequestEntry {
  const auth: AuditAuth = {};
  const section: AuditRequest = { id: request.id, operation: request.operation } as AuditRequest;
  section.mount_point = 'sys/';
  if (request.clientToken) {
    auth.client_token = hashString(request.clientToken, device);
    section.client_token = auth.client_token;
    if (caller) {
      auth.accessor = device.hmacAccessor ? hashString(caller.accessor, device) : caller.accessor;
      section.client_token_accessor = auth.accessor;
    }
  }
  auth.token_type = 'default';
  section.namespace = NAMESPACE;
  section.path = request.path;
  if (request.data && Object.keys(request.data).length > 0)
    section.data = hashData(request.data, device) as Record<string, unknown>;
  section.remote_address = request.remoteAddress;
  section.remote_port = request.remotePort;
  return { time: rfc3339Nano(time), type: 'request', auth, request: section, error };
}
