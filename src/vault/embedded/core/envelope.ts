import { toJson } from './immutable.js';
import type { AuthResult, Response, WrapInfo } from './logical.js';

/**
 * Vault's response body (sdk/logical translate_response, as OpenBao 2.7.2 writes it — no
 * `mount_type`), serialised with a trailing newline like Go's json.Encoder.
 */
export function envelope(requestId: string, response: Response, injectData: boolean): string {
  const data = response.data ?? null;
  if (!injectData && !response.wrapInfo && !response.auth && !response.warnings?.length && !response.leaseDuration) {
    // The common case (a read): only `data` varies.
    return `{"request_id":${JSON.stringify(requestId)},"lease_id":"","renewable":false,"lease_duration":0,"data":${toJson(data)},"wrap_info":null,"warnings":null,"auth":null}\n`;
  }
  const body: Record<string, unknown> = injectData && data ? { ...data } : {};
  body.request_id = requestId;
  body.lease_id = '';
  body.renewable = false;
  body.lease_duration = response.leaseDuration ?? 0;
  body.data = data;
  body.wrap_info = response.wrapInfo ? wrapInfoJson(response.wrapInfo) : null;
  body.warnings = response.warnings?.length ? response.warnings : null;
  body.auth = response.auth ? authJson(response.auth) : null;
  return `${JSON.stringify(body)}\n`;
}

/** What a wrapped request answers: only `wrap_info`, with an empty request id. */
export function wrappedEnvelope(info: WrapInfo): string {
  return envelope('', { wrapInfo: info }, false);
}

export function errorBody(errors: string[]): string {
  return `${JSON.stringify({ errors })}\n`;
}

export function authJson(auth: AuthResult): Record<string, unknown> {
  const json: Record<string, unknown> = {
    client_token: auth.clientToken,
    accessor: auth.accessor,
    policies: auth.policies,
  };
  // token_policies is left out when empty (omitempty in Vault's struct).
  if (auth.tokenPolicies.length) json.token_policies = auth.tokenPolicies;
  Object.assign(json, {
    metadata: auth.metadata,
    lease_duration: auth.leaseDuration,
    renewable: auth.renewable,
    entity_id: auth.entityId,
    token_type: auth.tokenType,
    orphan: auth.orphan,
    mfa_requirement: null,
    num_uses: auth.numUses,
  });
  return json;
}

function wrapInfoJson(info: WrapInfo): Record<string, unknown> {
  const out: Record<string, unknown> = {
    token: info.token,
    accessor: info.accessor,
    ttl: info.ttl,
    creation_time: info.creationTime,
    creation_path: info.creationPath,
  };
  if (info.wrappedAccessor) out.wrapped_accessor = info.wrappedAccessor;
  return out;
}

/** sys paths whose `data` keys are also copied to the top level (backwards compatibility). */
export function injectsData(path: string): boolean {
  if (!path.startsWith('sys/')) return false;
  const rest = path.slice(4);
  return (
    rest === 'audit' ||
    rest.startsWith('audit/') ||
    rest.startsWith('audit-hash/') ||
    rest === 'auth' ||
    rest.startsWith('auth/') ||
    rest.startsWith('capabilities') ||
    rest === 'config/cors' ||
    rest.startsWith('config/auditing/request-headers') ||
    rest === 'key-status' ||
    rest === 'mounts' ||
    rest.startsWith('mounts/') ||
    rest === 'policy' ||
    rest.startsWith('policy/') ||
    rest === 'remount' ||
    rest === 'rotate' ||
    rest === 'wrapping/wrap'
  );
}
