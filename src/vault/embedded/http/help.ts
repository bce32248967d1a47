import type { Core } from '../core/core.js';
import { multiError } from '../core/errors.js';
import { MountTable } from '../core/mounts.js';
import approle from '../help/approle.json' with { type: 'json' };
import cubbyhole from '../help/cubbyhole.json' with { type: 'json' };
import kvV1 from '../help/kv-v1.json' with { type: 'json' };
import kvV2 from '../help/kv-v2.json' with { type: 'json' };
import token from '../help/token.json' with { type: 'json' };

/**
 * `?help=1` on any path (what `bao path-help` asks): a valid token is enough, no policy is
 * checked. The help of a mount's root is OpenBao 2.7.2's own text and OpenAPI document for that
 * backend (recorded from `bao server -dev`); help for paths below a root is not kept here.
 */
const ROOT_HELP: Record<string, unknown> = {
  'kv-v2': kvV2,
  'kv-v1': kvV1,
  approle,
  token,
  cubbyhole,
};

export function helpAnswer(core: Core, path: string, clientToken: string): { status: number; body: unknown } {
  if (!core.parts.tokens.lookup(clientToken)) return { status: 403, body: { errors: ['permission denied'] } };
  const mount = core.parts.mounts.match(path);
  if (!mount)
    return { status: 404, body: { errors: [`no handler for route ${JSON.stringify(path)}. route entry not found.`] } };
  const relative = path.slice(MountTable.routePrefix(mount).length - 1).replace(/^\//, '');
  const kind = mount.type === 'kv' ? (mount.options?.version === '2' ? 'kv-v2' : 'kv-v1') : mount.type;
  const help = relative === '' ? ROOT_HELP[kind] : undefined;
  if (help) return { status: 200, body: help };
  return {
    status: 404,
    body: {
      errors: [
        relative === ''
          ? `help for ${mount.type} mounts is not available on the embedded server`
          : multiError('help below the root of a mount is not available on the embedded server'),
      ],
    },
  };
}
