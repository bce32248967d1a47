import { capabilityNames } from '../acl/policy.js';
import { badRequest, multiError, VaultError } from '../core/errors.js';
import { getString, getStringList } from '../core/fields.js';
import type { Request, Response, Route } from '../core/logical.js';
import type { TokenEntry } from '../auth/token/store.js';
import type { SysContext } from './context.js';

/** sys/capabilities, sys/capabilities-self, sys/capabilities-accessor. */
export function capabilityRoutes(ctx: SysContext): Route[] {
  const answer = (token: TokenEntry | undefined, request: Request): Response => {
    const paths = getStringList(request.data, 'paths') ?? getStringList(request.data, 'path') ?? [];
    if (paths.length === 0) throw badRequest('paths must be supplied', null);
    const data: Record<string, unknown> = {};
    for (const path of paths) data[path] = token ? capabilitiesOf(ctx, token, path) : ['deny'];
    if (paths.length === 1) data.capabilities = data[paths[0]!];
    return { data };
  };
  return [
    {
      pattern: /^capabilities$/,
      operations: {
        update: (request) => {
          const id = getString(request.data, 'token');
          // OpenBao answers this one with a 500; the embedded server keeps every answer below 500.
          if (!id) throw new VaultError(400, [multiError('no token found')]);
          const token = ctx.tokens.lookup(id);
          const response = answer(token, request);
          if (!token) throw new VaultError(400, [multiError('invalid token')]);
          return response;
        },
      },
    },
    { pattern: /^capabilities-self$/, operations: { update: (request) => answer(request.token, request) } },
    {
      pattern: /^capabilities-accessor$/,
      operations: {
        update: (request) => {
          const accessor = getString(request.data, 'accessor');
          if (!accessor) throw badRequest('missing accessor', null);
          const token = ctx.tokens.lookupAccessor(accessor);
          if (!token) throw new VaultError(400, [multiError('invalid accessor')]);
          return answer(token, request);
        },
      },
    },
  ];
}

export function capabilitiesOf(ctx: SysContext, token: TokenEntry, path: string): string[] {
  const acl = ctx.policies.acl(token.policies, ctx.policies.entityOf(token.entityId));
  if (acl.root) return ['root'];
  // Vault asks as a list, so the trailing-slash fallbacks apply (acl.go Capabilities).
  const bits = acl.capabilities(path.replace(/^\/+/, ''), 'list');
  const names = capabilityNames(bits);
  return names.length ? names : ['deny'];
}
