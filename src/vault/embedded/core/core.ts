import { createHash } from 'node:crypto';
import type { Acl } from '../acl/acl.js';
import type { PolicyStore } from '../acl/store.js';
import type { AuditBroker } from '../audit/broker.js';
import type { AuditOutcome, AuditRecord } from '../audit/format.js';
import type { TokenEntry, TokenStore } from '../auth/token/store.js';
import { rfc3339Nano, type ServerClock } from './clock.js';
import { envelope } from './envelope.js';
import { rawAsLogical, rawAuditView, rawResponse } from './raw-response.js';
import { newRecord, usableToken } from './request-record.js';
import {
  bareRoutingError,
  multiError,
  noRoute,
  permissionDenied,
  policyDenied,
  VaultError,
  withBareRoutingErrors,
} from './errors.js';
import type { IdentityStore } from './identity.js';
import type { Request, Response } from './logical.js';
import { MountTable } from './mounts.js';

const WRAPPING_ERROR = 'wrapping token is not valid or does not exist';
const EMPTY_WRAPPING_TOKEN = 'error validating wrapping token: token is empty';
const WRAPPING_PATHS = new Set(['sys/wrapping/unwrap', 'sys/wrapping/lookup', 'sys/wrapping/rewrap']);
const ROOT_GRANTING: readonly string[] = Object.freeze(['root']);

export interface CoreParts {
  clock: ServerClock;
  mounts: MountTable;
  tokens: TokenStore;
  policies: PolicyStore;
  audit: AuditBroker;
  identity?: IdentityStore;
}

/**
 * The request pipeline of Vault's core (request_handling.go), in order: route to a mount,
 * check the token (unless the path is unauthenticated), decide create vs update with the
 * backend's existence check, check the ACL (plus sudo on root-protected paths), audit the
 * request, call the backend, wrap the response when asked, audit the response, and count the
 * token use (revoking a token that used its last one).
 */
export class Core {
  constructor(readonly parts: CoreParts) {}

  handle(request: Request): Response | null {
    const { mounts, tokens, policies } = this.parts;
    // Policy names are case-insensitive: Vault lower-cases these paths before anything else.
    if (request.path.startsWith('sys/policy/') || request.path.startsWith('sys/policies/'))
      request.path = request.path.toLowerCase();
    const mount = mounts.match(request.path);
    if (mount) {
      request.mount = mount;
      const prefix = MountTable.routePrefix(mount);
      request.relativePath = request.path.length >= prefix.length ? request.path.slice(prefix.length) : '';
    }
    const record = newRecord(request);
    this.#checkWrappingToken(request);
    const found = usableToken(record, tokens.lookup(request.clientToken));
    // A disabled entity's tokens are not revoked, but refused as if they were not there.
    const token = found?.entityId && this.parts.identity?.isDisabled(found.entityId) ? undefined : found;
    const unauthenticated = mount?.backend.isUnauthenticated(request.relativePath) ?? false;
    if (token) {
      record.token = token;
      record.clientId = clientId(token);
    }

    let lastUse = false;
    try {
      if (!unauthenticated) {
        if (!token) {
          this.#refuse(record, 'permission denied', {
            error: multiError('permission denied'),
            dataError: 'permission denied',
          });
          throw permissionDenied();
        }
        request.token = token;
        record.remainingUses = token.numUses;
        // A use counts as soon as the token is checked, even if the request is then refused.
        lastUse = tokens.use(token);
        if (!mount) {
          record.allowed = true;
          record.granting = policies.acl(token.policies).root ? ROOT_GRANTING : [];
          this.#refuse(record, undefined, {
            error: multiError('unsupported path'),
            dataError: noRoute(request.path).errors[0],
          });
          throw noRoute(request.path);
        }
        if (request.operation === 'update') {
          record.existenceChecked = true;
          this.#existenceCheck(record);
        }
        const acl = aclOf(token, policies);
        if (
          !acl.allows(
            request.path,
            request.operation,
            mount.backend.isRootProtected(request.relativePath),
            request.data,
          )
        ) {
          record.denied = true;
          this.#refuse(record, multiError('permission denied'), {
            error: multiError('permission denied'),
            dataError: 'permission denied',
          });
          throw policyDenied();
        }
        record.allowed = true;
        record.granting = acl.root ? ROOT_GRANTING : acl.granting(request.path, request.operation);
      } else {
        record.allowed = true;
        if (token) request.token = token;
        if (!mount) throw noRoute(request.path);
        if (request.operation === 'update') {
          record.existenceChecked = true;
          if (mount.backend.exists(request) === false) request.operation = 'create';
        }
        // A plugin's unauthenticated path (PKI's cert/…) audits the bare error too; sys/ keeps the wrapped one.
        return withBareRoutingErrors(() => this.#serve(record, mount.type !== 'system'));
      }
      return this.#serve(record);
    } finally {
      if (lastUse && token) tokens.revoke(token);
    }
  }

  /** Audit the request, call the backend, wrap if asked, audit the response. */
  #serve(record: AuditRecord, bareErrors = false): Response | null {
    const request = record.request;
    const exchange = this.parts.audit.logRequest(record);
    record.routed = true;
    try {
      let response = request.mount!.backend.handle(request);
      if (response?.status && !response.raw) response = rawResponse(request, response);
      else if (response?.raw && !response.auditView) response = { ...response, auditView: rawAuditView(response.raw) };
      // OpenBao wraps any response that is not an error, those a backend answers raw included.
      if (request.wrapTtl > 0 && !response?.wrapInfo) {
        // wrapping.go: an empty list (a backend's ListResponse of nothing) is not wrapped but
        // answered 404 with the bare error.
        if (request.operation === 'list' && emptyList(response)) throw new VaultError(404, ['unsupported path']);
        if (response) response = this.wrap(request, response);
      }
      exchange.respond(response);
      return response;
    } catch (thrown) {
      const error = bareErrors ? bareRoutingError(thrown) : thrown;
      if (error instanceof VaultError && error.audit.beforeRouting) record.routed = false;
      const outcome = auditOutcome(error);
      exchange.respond(outcome.response, outcome.error, outcome.dataError);
      throw error;
    }
  }

  /**
   * Response wrapping: the serialised response goes into a new single-use token (policy
   * `response-wrapping`, TTL = the requested wrap TTL); the caller only gets `wrap_info`.
   */
  wrap(request: Request, answer: Response): Response {
    const now = this.parts.clock.now();
    const creationTime = rfc3339Nano(now);
    // A raw answer is stored as sent, and unwrapping gives it back with its own status.
    const raw = answer.raw;
    const response = raw ? rawAsLogical(answer) : answer;
    const body = raw ? raw.body : envelope(request.id, response, false);
    const wrapping = this.parts.tokens.create({
      policies: ['response-wrapping'],
      path: request.path,
      displayName: response.auth?.displayName ?? request.token?.displayName ?? 'token',
      numUses: 1,
      ttl: request.wrapTtl,
      explicitMaxTtl: request.wrapTtl,
      noParent: true,
      renewable: false,
      wrapped: { body, raw, creationPath: request.path, creationTime, ttl: request.wrapTtl, response },
    });
    return {
      wrapInfo: {
        token: wrapping.id,
        accessor: wrapping.accessor,
        ttl: request.wrapTtl,
        creationTime,
        creationPath: request.path,
        wrappedAccessor: response.auth?.accessor ?? response.wrappedAccessor,
      },
      warnings: response.warnings,
      auditEntryAuth: response.auth,
    };
  }

  /** A wrapping token's stored response, consuming the token; undefined when not valid. */
  unwrap(tokenId: string): TokenEntry['wrapped'] {
    const entry = this.parts.tokens.lookup(tokenId);
    if (!entry?.wrapped) return undefined;
    this.parts.tokens.revoke(entry);
    return entry.wrapped;
  }

  /**
   * sys/wrapping/unwrap, lookup and rewrap check the wrapping token (from the body, else the
   * client token) before anything else, whatever the method (Vault's HTTP layer does it): an
   * invalid one is answered 400 and audited as a single request entry; none at all is a 403.
   */
  #checkWrappingToken(request: Request): void {
    if (!WRAPPING_PATHS.has(request.path)) return;
    const fromBody = typeof request.data?.token === 'string' ? request.data.token : '';
    const candidate = fromBody || request.clientToken;
    if (!candidate) {
      // Audited as any invalid token; answered with what was missing.
      this.parts.audit.logWrappingFailure(request, undefined, WRAPPING_ERROR);
      throw new VaultError(403, [EMPTY_WRAPPING_TOKEN]);
    }
    if (this.parts.tokens.lookup(candidate)?.wrapped) return;
    this.parts.audit.logWrappingFailure(request, this.parts.tokens.lookup(request.clientToken), WRAPPING_ERROR);
    throw new VaultError(400, [WRAPPING_ERROR]);
  }

  /**
   * create vs update. When the backend cannot even decode the fields (a conversion error),
   * Vault's token check fails with that error: audited without the token's details, answered
   * with the backend's message.
   */
  #existenceCheck(record: AuditRecord): void {
    const request = record.request;
    try {
      if (request.mount!.backend.exists(request) === false) request.operation = 'create';
    } catch (error) {
      if (!(error instanceof VaultError)) throw error;
      const bare: AuditRecord = { request, existenceChecked: true, routed: true, anonymous: true };
      const outcome = auditOutcome(error);
      this.parts.audit.logRequest(bare, error.errors[0]).respond(undefined, outcome.error, outcome.dataError);
      throw error;
    }
  }

  #refuse(record: AuditRecord, requestError: string | undefined, outcome: AuditOutcome): void {
    this.parts.audit.logRequest(record, requestError).respond(outcome.response, outcome.error, outcome.dataError);
  }
}

/** How a thrown error appears in the response audit entry. */
/** wrapInCubbyhole's test for a list with nothing in it (no keys, no other data, no warnings). */
function emptyList(response: Response | null): boolean {
  if (response?.raw) return false;
  const data = response?.data ?? {};
  if (!('keys' in data) || data.keys == null) return Object.keys(data).length === 0 && !response?.warnings?.length;
  return !Array.isArray(data.keys) || data.keys.length === 0;
}

function auditOutcome(error: unknown): AuditOutcome {
  if (!(error instanceof VaultError)) return { error: String(error) };
  const message = error.errors[0] ?? '';
  const entryError = error.audit.error === undefined ? message : error.audit.error;
  return { error: entryError ?? undefined, dataError: error.audit.data ? message : undefined };
}

/** The token's compiled ACL, kept on the token until a policy changes. */
function aclOf(token: TokenEntry, policies: PolicyStore): Acl {
  const cached = token.acl;
  if (cached && cached.generation === policies.generation) return cached.acl;
  const acl = policies.acl(token.policies, policies.entityOf(token.entityId));
  token.acl = { generation: policies.generation, acl };
  return acl;
}

/**
 * Vault's client id: the entity id when the token has one, otherwise (a token without entity)
 * base64(sha256(sorted policies joined by 0x7f, 0x00, namespace id)) — checked against bao.
 */
function clientId(token: TokenEntry): string {
  if (token.entityId) return token.entityId;
  return (token.clientId ??= createHash('sha256')
    .update(`${[...token.policies].sort().join('\x7f')}\x00root`)
    .digest('base64'));
}
