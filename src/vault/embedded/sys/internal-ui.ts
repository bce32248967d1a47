import { errorResponse, VaultError } from '../core/errors.js';
import type { Request, Response, Route } from '../core/logical.js';
import { MountTable, mountInfo, type MountEntry } from '../core/mounts.js';
import type { SysContext } from './context.js';

/**
 * The CLI's preflight: sys/internal/ui/mounts[/<path>] (and sys/mounts-all/<path>, which one
 * Vault CLI revision calls instead; OpenBao 2.7.2 answers it 404 — served here on purpose so
 * that CLI does not silently fall back to KV v1).
 */
export function internalUiRoutes(ctx: SysContext): Route[] {
  // Without a token only mounts tuned to listing_visibility=unauth show, and only what they
  // are; with one, the mounts the token has any access below.
  const listAll = (request: Request): Response => {
    const secret: Record<string, unknown> = {};
    const auth: Record<string, unknown> = {};
    const acl = request.token ? ctx.policies.acl(request.token.policies) : undefined;
    const add = (into: Record<string, unknown>, mounts: MountEntry[]) => {
      for (const mount of mounts) {
        if (acl) {
          if (acl.hasAccessBelow(MountTable.routePrefix(mount))) into[mount.path] = mountInfo(mount);
        } else if (mount.config.listingVisibility === 'unauth') {
          into[mount.path] = { description: mount.description, options: mount.options, type: mount.type };
        }
      }
    };
    add(secret, ctx.mounts.secretMounts());
    add(auth, ctx.mounts.authMounts());
    return { data: { auth, secret } };
  };
  const one = (request: Request, match: RegExpExecArray): Response => {
    const target = match[1]!;
    const mount = ctx.mounts.match(target);
    const denied = () =>
      errorResponse(
        403,
        `preflight capability check returned 403, please ensure client's policies grant access to path ${JSON.stringify(target.endsWith('/') ? target : `${target}/`)}`,
        'permission denied',
      );
    // The path form needs a token (the listing does not).
    if (!request.token) throw new VaultError(403, ['permission denied'], { error: 'permission denied' });
    if (!mount) throw denied();
    const prefix = MountTable.routePrefix(mount);
    if (!ctx.policies.acl(request.token.policies).hasAccessBelow(prefix)) throw denied();
    return { data: { ...mountInfo(mount), path: prefix } };
  };
  return [
    { pattern: /^internal\/ui\/mounts$/, operations: { read: listAll } },
    { pattern: /^internal\/ui\/mounts\/(.+)$/, operations: { read: one } },
    { pattern: /^mounts-all\/(.+)$/, operations: { read: one } },
  ];
}
