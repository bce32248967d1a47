import { createHash } from 'node:crypto';
import type { PolicyStore } from '../acl/store.js';
import type { AuditBroker } from '../audit/broker.js';
import type { AuditRecord } from '../audit/format.js';
import type { TokenEntry, TokenStore } from '../auth/token/store.js';
import { rfc3339Nano, type ServerClock } from './clock.js';
import { envelope } from './envelope.js';
import { multiError, noRoute, permissionDenied, policyDenied, VaultError } from './errors.js';
import type { Request, Response } from './logical.js';
import { MountTable } from './mounts.js';

/** Paths that are neither audited nor token-checked (Vault's http layer answers them directly). */
const WRAPPING_TOKEN_PATHS = new Set(['sys/wrapping/unwrap']);
const WRAPPING_ERROR = 'wrapping token is not valid or does not exist';

export interface CoreParts {
  clock: ServerClock;
  mounts: MountTable;
  tokens: TokenStore;
  policies: PolicyStore;
  audit: AuditBroker;
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
    const { mounts, tokens, policies, audit } = this.parts;
    const mount = mounts.match(request.path);
    if (mount) {
      request.mount = mount;
      const prefix = MountTable.routePrefix(mount);
      request.relativePath = request.path.length >= prefix.length ? request.path.slice(prefix.length) : '';
    }
    const record: AuditRecord = { request };
    const token = tokens.lookup(request.clientToken);
    const unauthenticated = mount?.backend.isUnauthenticated(request.relativePath) ?? false;
    if (token) {
      record.token = token;
      record.clientId = clientId(token);
    }

    let lastUse = false;
    if (!unauthenticated) {
      if (!token) {
        if (WRAPPING_TOKEN_PATHS.has(request.path) && request.clientToken) {
          this.#refuse(record, WRAPPING_ERROR, WRAPPING_ERROR);
          throw new VaultError(400, [WRAPPING_ERROR]);
        }
        this.#refuse(record, 'permission denied', multiError('permission denied'));
        throw permissionDenied();
      }
      request.token = token;
      if (!mount) throw noRoute(request.path);
      if (request.operation === 'update' && mount.backend.exists(request) === false) request.operation = 'create';
      const acl = policies.acl(token.policies);
      if (!acl.allows(request.path, request.operation, mount.backend.isRootProtected(request.relativePath))) {
        this.#refuse(record, 'permission denied', multiError('permission denied'));
        throw policyDenied();
      }
      record.allowed = true;
      record.granting = acl.root ? ['root'] : acl.granting(request.path, request.operation);
      lastUse = tokens.use(token);
    } else {
      record.allowed = true;
      if (token) request.token = token;
      if (!mount) throw noRoute(request.path);
      if (request.operation === 'update' && mount.backend.exists(request) === false) request.operation = 'create';
    }

    const finish = audit.logRequest(record);
    try {
      let response = mount.backend.handle(request);
      if (response && request.wrapTtl > 0 && !response.raw && !response.wrapInfo) response = this.wrap(request, response);
      finish({ response });
      return response;
    } catch (error) {
      finish(error instanceof VaultError ? { error: error.errors[0] ?? '' } : { error: String(error) });
      throw error;
    } finally {
      if (lastUse && token) tokens.revoke(token);
    }
  }

  /**
   * Response wrapping: the serialised response goes into a new single-use token (policy
   * `response-wrapping`, TTL = the requested wrap TTL); the caller only gets `wrap_info`.
   */
  wrap(request: Request, response: Response): Response {
    const now = this.parts.clock.now();
    const creationTime = rfc3339Nano(now);
    const body = envelope(request.id, response, false);
    const wrapping = this.parts.tokens.create({
      policies: ['response-wrapping'],
      path: request.path,
      displayName: 'response-wrapping',
      numUses: 1,
      ttl: request.wrapTtl,
      explicitMaxTtl: request.wrapTtl,
      noParent: true,
      renewable: false,
      wrapped: { body, creationPath: request.path, creationTime, ttl: request.wrapTtl },
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
    };
  }

  /** A wrapping token's stored response, consuming the token; undefined when not valid. */
  unwrap(tokenId: string): TokenEntry['wrapped'] {
    const entry = this.parts.tokens.lookup(tokenId);
    if (!entry?.wrapped) return undefined;
    this.parts.tokens.revoke(entry);
    return entry.wrapped;
  }

  #refuse(record: AuditRecord, requestError: string, responseError: string): void {
    this.parts.audit.logRequest(record, requestError)({ error: requestError, errorForLog: responseError });
  }
}

/**
 * Vault's client id: the entity id when the token has one, otherwise a hash of its policies
 * (how Vault counts "clients" for tokens without an entity).
 */
function clientId(token: TokenEntry): string {
  if (token.entityId) return token.entityId;
  return createHash('sha256').update([...token.policies].sort().join('') + 'root').digest('base64');
}
