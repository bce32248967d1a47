import { badRequest, VaultError } from '../core/errors.js';
import { GoTime } from '../core/go-time.js';
import { getString } from '../core/fields.js';
import type { Request, Response, Route } from '../core/logical.js';
import type { SysContext } from './context.js';

const INVALID = 'wrapping token is not valid or does not exist';

/** sys/wrapping/{wrap,unwrap,lookup} (wrapping.go, logical_system.go). */
export function wrappingRoutes(ctx: SysContext): Route[] {
  const wrappingToken = (request: Request): string => {
    const fromBody = getString(request.data, 'token');
    if (fromBody && request.token?.wrapped)
      throw badRequest(
        'specifying a wrapping token in the body is not allowed when the client token is a wrapping token',
      );
    return fromBody || (request.token?.wrapped ? request.token.id : '');
  };
  const lookup = (request: Request): Response => {
    const token = getString(request.data, 'token') || request.clientToken;
    const entry = token ? ctx.tokens.lookup(token) : undefined;
    if (!entry?.wrapped) throw new VaultError(400, [INVALID]);
    return {
      data: {
        creation_path: entry.wrapped.creationPath,
        creation_time: new GoTime(entry.wrapped.creationTime),
        creation_ttl: entry.wrapped.ttl,
      },
    };
  };
  return [
    {
      pattern: /^wrapping\/unwrap$/,
      operations: {
        update: (request): Response => {
          const token = wrappingToken(request);
          if (!token) throw badRequest(INVALID);
          const wrapped = ctx.core().unwrap(token);
          if (!wrapped) throw new VaultError(400, [INVALID]);
          return {
            raw: wrapped.raw ? { ...wrapped.raw, body: wrapped.body } : { status: 200, body: wrapped.body },
            auditView: {
              data: wrapped.response.data ?? null,
              auth: wrapped.response.auth && { ...wrapped.response.auth, displayName: '' },
            },
          };
        },
      },
    },
    { pattern: /^wrapping\/lookup$/, operations: { update: lookup, read: lookup } },
    {
      pattern: /^wrapping\/rewrap$/,
      operations: {
        // The same response in a new wrapping token (same creation path; the requested wrap TTL,
        // else the old one's); the old token is revoked.
        update: (request): Response => {
          const token = wrappingToken(request);
          const old = token ? ctx.tokens.lookup(token) : undefined;
          if (!old?.wrapped) throw new VaultError(400, [INVALID]);
          const wrapped = old.wrapped;
          ctx.tokens.revoke(old);
          const rewrapped = ctx
            .core()
            .wrap(
              { ...request, path: wrapped.creationPath, wrapTtl: request.wrapTtl || wrapped.ttl },
              wrapped.response,
            );
          // Unwrapping gives the original response as it was first sent.
          const fresh = ctx.tokens.lookup(rewrapped.wrapInfo!.token);
          if (fresh?.wrapped) Object.assign(fresh.wrapped, { body: wrapped.body, raw: wrapped.raw });
          return { ...rewrapped, wrapInfo: { ...rewrapped.wrapInfo!, wrappedAccessor: undefined } };
        },
      },
    },
    {
      pattern: /^wrapping\/wrap$/,
      operations: {
        update: (request): Response => {
          if (!request.wrapTtl) throw badRequest('endpoint requires response wrapping to be used');
          return { data: request.data ?? {} };
        },
      },
    },
  ];
}
