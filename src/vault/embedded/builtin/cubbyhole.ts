import type { Request, Response } from '../core/logical.js';
import { RoutedBackend } from '../core/routes.js';
import { badRequest, multiError, VaultError } from '../core/errors.js';

/** cubbyhole/: private storage per token (gone with the token's id; no sharing between tokens). */
export function cubbyholeBackend(): RoutedBackend {
  const boxes = new Map<string, Map<string, Record<string, unknown>>>();
  const box = (request: Request) => {
    const id = request.token?.id ?? '';
    let found = boxes.get(id);
    if (!found) {
      found = new Map();
      boxes.set(id, found);
    }
    return found;
  };
  return new RoutedBackend('cubbyhole', [
    {
      pattern: /^(.*)$/,
      operations: {
        read: (request, match): Response | null => {
          const data = box(request).get(match[1]!);
          return data ? { data } : null;
        },
        list: (request, match) => {
          const prefix = match[1]!;
          const keys = new Set<string>();
          for (const key of box(request).keys()) {
            if (!key.startsWith(prefix)) continue;
            const rest = key.slice(prefix.length);
            const slash = rest.indexOf('/');
            keys.add(slash < 0 ? rest : rest.slice(0, slash + 1));
          }
          return { data: { keys: [...keys].sort() } };
        },
        create: (request, match) => write(request, match),
        update: (request, match) => write(request, match),
        delete: (request, match) => {
          box(request).delete(match[1]!);
          return null;
        },
      },
      exists: (request, match) => box(request).has(match[1]!),
    },
  ]);

  function write(request: Request, match: RegExpExecArray): Response | null {
    if (!match[1]) throw badRequest('missing path');
    if (!request.data || Object.keys(request.data).length === 0)
      throw new VaultError(500, [multiError('missing data fields')]);
    box(request).set(match[1], request.data);
    return null;
  }
}
