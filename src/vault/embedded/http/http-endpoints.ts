import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/core.js';
import { healthBody, healthStatus, sealStatusBody, type ServerInfo } from '../sys/health.js';
import { readBody } from './request.js';
import { send, sendError } from './respond.js';

const NOT_IN_NAMESPACES = 'operation unavailable in namespaces';

/**
 * Paths Vault's HTTP layer answers itself, before the core (unauthenticated, not audited):
 * sys/health, sys/seal-status, sys/leader (what `bao status` asks), sys/init. Returns false for
 * any other path.
 */
export function answerHttpEndpoint(
  core: Core,
  info: ServerInfo,
  path: string,
  query: URLSearchParams,
  namespace: boolean,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const method = req.method ?? 'GET';
  switch (path) {
    case 'sys/health': {
      if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return done(sendError(res, 405, []));
      if (namespace) return done(sendError(res, 400, [NOT_IN_NAMESPACES]));
      const status = healthStatus(query);
      if (status === undefined) return done(sendError(res, 400, []));
      if (method === 'HEAD') {
        res.writeHead(status, {
          'Cache-Control': 'no-store',
          'Content-Type': 'application/json',
          'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
        });
        res.end();
        return true;
      }
      return done(send(res, status, healthBody(core.parts.clock, info)));
    }
    case 'sys/seal-status':
      return done(method === 'GET' ? send(res, 200, sealStatusBody(info)) : sendError(res, 405, []));
    case 'sys/leader':
      // A dev server is a single node: no HA, so only `ha_enabled` (the other fields are omitempty).
      return done(method === 'GET' ? send(res, 200, '{"ha_enabled":false}\n') : sendError(res, 405, []));
    case 'sys/init':
      if (method === 'GET') return done(send(res, 200, '{"initialized":true}\n'));
      if (method !== 'PUT' && method !== 'POST') return done(sendError(res, 405, []));
      if (namespace) return done(sendError(res, 400, [NOT_IN_NAMESPACES]));
      void readBody(req)
        .then((body) => sendError(res, 400, [initError(body)]))
        .catch(() => sendError(res, 400, ['failed to read request body']));
      return true;
    default:
      return false;
  }
}

const done = (_sent: undefined): true => true;

/** sys/init on a server that is already initialised: the seal configuration is checked first. */
function initError(body: string): string {
  let shares: unknown;
  try {
    shares = (JSON.parse(body || '{}') as { secret_shares?: unknown }).secret_shares;
  } catch {
    return 'failed to parse JSON input';
  }
  return typeof shares !== 'number' || shares < 1
    ? 'invalid seal configuration: shares must be at least one'
    : 'Vault is already initialized';
}
