import { badRequest, multiError } from '../core/errors.js';
import { getBool, getDuration, getString } from '../core/fields.js';
import type { Request, Response, Route } from '../core/logical.js';
import { MountTable, mountInfo, newMount } from '../core/mounts.js';
import type { SysContext } from './context.js';

const UNMOUNTABLE_SECRET = new Set(['sys/', 'cubbyhole/', 'identity/']);
const SECRET_TYPES = new Set(['kv', 'cubbyhole', 'identity', 'system']);

/** sys/mounts and sys/auth: list, read, enable, disable (logical_system.go handleMount & co). */
export function mountRoutes(ctx: SysContext): Route[] {
  const list = (cls: 'secret' | 'auth') => (): Response => {
    const mounts = cls === 'secret' ? ctx.mounts.secretMounts() : ctx.mounts.authMounts();
    const data: Record<string, unknown> = {};
    for (const mount of mounts) data[mount.path] = mountInfo(mount);
    return { data };
  };
  const read =
    (cls: 'secret' | 'auth') =>
    (_request: Request, match: RegExpExecArray): Response => {
      const path = normalise(match[1]!);
      const mount = ctx.mounts.get(path, cls);
      if (!mount)
        throw badRequest(cls === 'secret' ? `No secret engine mount at ${path}` : `No auth engine at ${path}`, null);
      return { data: mountInfo(mount) };
    };
  return [
    { pattern: /^mounts$/, operations: { read: list('secret') } },
    {
      pattern: /^mounts\/(.+)$/,
      operations: {
        read: read('secret'),
        update: (request, match) => enable(ctx, 'secret', request, match[1]!),
        delete: (_request, match) => disable(ctx, 'secret', match[1]!),
      },
    },
    { pattern: /^auth$/, operations: { read: list('auth') } },
    {
      pattern: /^auth\/(.+)$/,
      operations: {
        read: read('auth'),
        update: (request, match) => enable(ctx, 'auth', request, match[1]!),
        delete: (_request, match) => disable(ctx, 'auth', match[1]!),
      },
    },
  ];
}

function normalise(path: string): string {
  const trimmed = path.replace(/^\/+/, '');
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

function enable(ctx: SysContext, cls: 'secret' | 'auth', request: Request, rawPath: string): Response | null {
  const data = request.data;
  const path = normalise(rawPath);
  let type = typeof data?.type === 'string' ? data.type : '';
  if (!type)
    throw badRequest(
      cls === 'secret' ? 'backend type must be specified as a string' : 'backend type must be specified as a string',
    );
  const rawOptions = data?.options;
  const options: Record<string, string> = {};
  if (rawOptions && typeof rawOptions === 'object' && !Array.isArray(rawOptions)) {
    for (const [key, value] of Object.entries(rawOptions)) options[key] = String(value);
  }
  if (type === 'kv-v1' || type === 'kv-v2') {
    options.version = type === 'kv-v2' ? '2' : '1';
    type = 'kv';
  }
  if (cls === 'auth' && type === 'token') throw badRequest('token credential backend cannot be instantiated');
  if (cls === 'secret' && (path.startsWith('sys/') || path.startsWith('auth/')))
    throw badRequest(`cannot mount ${JSON.stringify(path)}`);
  const prefix = cls === 'auth' ? `auth/${path}` : path;
  const conflict = ctx.mounts.conflict(prefix);
  if (conflict) {
    const message = `path is already in use at ${MountTable.routePrefix(conflict).replace(/^auth\//, cls === 'auth' ? '' : 'auth/')}`;
    throw badRequest(message, multiError(message));
  }
  if (cls === 'secret' && SECRET_TYPES.has(type) && type !== 'kv')
    throw badRequest(`plugin not found in the catalog: ${type}`);
  const backend = ctx.createBackend(cls, type, options);
  if (!backend) throw badRequest(`plugin not found in the catalog: ${type}`);
  const config = data?.config && typeof data.config === 'object' ? (data.config as Record<string, unknown>) : null;
  ctx.mounts.add(
    newMount({
      path,
      class: cls,
      type,
      description: getString(data, 'description'),
      local: getBool(data, 'local'),
      sealWrap: getBool(data, 'seal_wrap'),
      options,
      config: {
        defaultLeaseTtl: getDuration(config, 'default_lease_ttl'),
        maxLeaseTtl: getDuration(config, 'max_lease_ttl'),
      },
      backend,
    }),
  );
  return null;
}

function disable(ctx: SysContext, cls: 'secret' | 'auth', rawPath: string): Response | null {
  const path = normalise(rawPath);
  if (cls === 'auth' && path === 'token/') throw badRequest('token credential backend cannot be disabled');
  if (cls === 'secret' && UNMOUNTABLE_SECRET.has(path)) throw badRequest(`cannot unmount ${JSON.stringify(path)}`);
  const mount = ctx.mounts.get(path, cls);
  if (mount) ctx.mounts.remove(mount);
  return null;
}
