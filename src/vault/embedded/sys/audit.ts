import { badRequest } from '../core/errors.js';
import { getBool, getString } from '../core/fields.js';
import type { Request, Response, Route } from '../core/logical.js';
import type { SysContext } from './context.js';

/** sys/audit (sudo) and sys/audit-hash: file devices only, like the course needs. */
export function auditRoutes(ctx: SysContext): Route[] {
  const normalise = (path: string) => (path.endsWith('/') ? path : `${path}/`);
  return [
    {
      pattern: /^audit$/,
      operations: {
        read: () => {
          const data: Record<string, unknown> = {};
          for (const device of ctx.audit.devices()) {
            data[device.path] = {
              description: device.description,
              local: device.local,
              options: device.options,
              path: device.path,
              type: device.type,
            };
          }
          return { data };
        },
      },
    },
    {
      pattern: /^audit\/(.+)$/,
      operations: {
        update: (request, match) => enable(ctx, request, normalise(match[1]!)),
        delete: (_request, match) => {
          ctx.audit.disable(normalise(match[1]!));
          return null;
        },
      },
    },
    {
      pattern: /^audit-hash\/(.+)$/,
      operations: {
        update: (request, match): Response => {
          const path = normalise(match[1]!);
          const input = getString(request.data, 'input');
          if (!input) throw badRequest('the "input" parameter is empty', null);
          const hash = ctx.audit.hash(path, input);
          if (hash === undefined) throw badRequest(`unknown audit backend ${JSON.stringify(path)}`, null);
          return { data: { hash } };
        },
      },
    },
  ];
}

function enable(ctx: SysContext, request: Request, path: string): Response | null {
  const type = getString(request.data, 'type');
  if (type !== 'file') throw badRequest(`unknown backend type: ${JSON.stringify(type)}`);
  if (ctx.audit.device(path)) throw badRequest('path already in use');
  const raw = request.data?.options;
  const options: Record<string, string> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw))
      options[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  if (!options.file_path) throw badRequest('file_path is required');
  ctx.audit.enable(path, getString(request.data, 'description'), options, getBool(request.data, 'local'));
  return null;
}
