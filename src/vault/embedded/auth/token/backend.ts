import type { PolicyStore } from '../../acl/store.js';
import { DurationError, humanDuration, parseDurationSeconds } from '../../core/duration.js';
import { badRequest, errorResponse, multiError, VaultError } from '../../core/errors.js';
import { getString, getWeakString } from '../../core/fields.js';
import type { Request, Response, Route } from '../../core/logical.js';
import { RoutedBackend } from '../../core/routes.js';
import { CREATE_FIELDS, createToken } from './create.js';
import type { TokenEntry, TokenStore } from './store.js';

/** The token auth method mounted at `auth/token/` (OpenBao token_store.go, the parts a course uses). */
export function tokenBackend(tokens: TokenStore, policies: PolicyStore): RoutedBackend {
  const create =
    (orphan: boolean) =>
    (request: Request): Response =>
      createToken(tokens, policies, request, orphan);
  return new RoutedBackend(
    'token',
    [
      ...lookupRoutes(tokens),
      ...renewRoutes(tokens),
      ...revokeRoutes(tokens),
      { pattern: /^create$/, fields: CREATE_FIELDS, operations: { update: create(false) } },
      { pattern: /^create-orphan$/, fields: CREATE_FIELDS, operations: { update: create(true) } },
      { pattern: /^accessors\/$/, operations: { list: () => ({ data: { keys: tokens.accessors() } }) } },
    ],
    { root: (path) => path.startsWith('accessors') || path.startsWith('revoke-orphan') },
  );
}

/** The `accessor` field, which these endpoints require (a Go error there, so the multierror text). */
function accessorOf(request: Request): string {
  const accessor = getString(request.data, 'accessor');
  if (!accessor) throw new VaultError(400, [multiError('missing accessor')]);
  return accessor;
}

/** The `token` field of renew, revoke and revoke-orphan. */
function tokenIdOf(request: Request): string {
  const id = getString(request.data, 'token');
  if (!id) throw badRequest('missing token ID');
  return id;
}

function byAccessor(tokens: TokenStore, request: Request): TokenEntry {
  const entry = tokens.lookupAccessor(accessorOf(request));
  if (!entry) throw new VaultError(400, [multiError('invalid accessor')]);
  return entry;
}

function lookupRoutes(tokens: TokenStore): Route[] {
  const lookupOther = (request: Request): Response => {
    const id = getString(request.data, 'token');
    const entry = id ? tokens.lookup(id) : request.token;
    if (!entry) throw errorResponse(403, 'bad token', multiError('permission denied'));
    return { data: tokens.lookupData(entry, true) };
  };
  const self = (request: Request): Response => ({ data: tokens.lookupData(request.token!, true) });
  // token_store.go's schemas: lookup-self takes a `token` it never uses.
  const tokenField = { token: getWeakString };
  return [
    { pattern: /^lookup-self$/, fields: tokenField, operations: { read: self, update: self } },
    { pattern: /^lookup$/, fields: tokenField, operations: { read: lookupOther, update: lookupOther } },
    {
      pattern: /^lookup-accessor$/,
      fields: { accessor: getWeakString },
      operations: { update: (request) => ({ data: tokens.lookupData(byAccessor(tokens, request), false) }) },
    },
  ];
}

function renewRoutes(tokens: TokenStore): Route[] {
  const renew = (entry: TokenEntry | undefined, request: Request): Response => {
    // A token on its last use is already marked for revocation.
    if (!entry || entry.numUses < 0) throw badRequest('token not found');
    if (entry.type === 'batch') throw badRequest('batch tokens cannot be renewed', null);
    if (!entry.renewable) throw badRequest('lease is not renewable');
    let increment: number;
    try {
      increment = parseDurationSeconds(request.data?.increment ?? 0);
    } catch (error) {
      if (error instanceof DurationError) throw badRequest(error.message);
      throw error;
    }
    const { capped } = tokens.renew(entry, increment);
    // The auth block shows the use count the token was created with.
    const response: Response = {
      auth: { ...tokens.authResult(entry), numUses: entry.initialNumUses, auditIssueTime: true },
    };
    if (capped) {
      response.warnings = [
        `TTL of ${JSON.stringify(humanDuration(capped.requested))} exceeded the effective max_ttl of ${JSON.stringify(humanDuration(capped.max))}; TTL value is capped accordingly`,
      ];
    }
    return response;
  };
  return [
    { pattern: /^renew-self$/, operations: { update: (request) => renew(request.token, request) } },
    {
      pattern: /^renew$/,
      operations: { update: (request) => renew(tokens.lookup(tokenIdOf(request)), request) },
    },
    {
      pattern: /^renew-accessor$/,
      operations: { update: (request) => renew(byAccessor(tokens, request), request) },
    },
  ];
}

function revokeRoutes(tokens: TokenStore): Route[] {
  const revoke = (entry: TokenEntry): null => {
    if (entry.type === 'batch') throw badRequest('batch tokens cannot be revoked', null);
    tokens.revoke(entry);
    return null;
  };
  return [
    { pattern: /^revoke-self$/, operations: { update: (request) => revoke(request.token!) } },
    {
      pattern: /^revoke$/,
      operations: {
        update: (request) => {
          const entry = tokens.lookup(tokenIdOf(request));
          return entry ? revoke(entry) : null;
        },
      },
    },
    {
      // Root-protected (sudo), like `accessors/`.
      pattern: /^revoke-orphan$/,
      operations: {
        update: (request) => {
          const entry = tokens.lookup(tokenIdOf(request));
          if (!entry) throw badRequest('token to revoke not found');
          if (entry.type === 'batch') throw badRequest('batch tokens cannot be revoked', null);
          tokens.revokeOrphan(entry);
          return null;
        },
      },
    },
    {
      pattern: /^revoke-accessor$/,
      operations: {
        update: (request) => {
          const entry = tokens.lookupAccessor(accessorOf(request));
          if (!entry) return { warnings: ['No token found with this accessor'] };
          tokens.revoke(entry);
          return null;
        },
      },
    },
  ];
}
