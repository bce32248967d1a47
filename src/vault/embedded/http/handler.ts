import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/core.js';
import { VaultError } from '../core/errors.js';
import type { Operation } from '../core/logical.js';
import { healthBody, healthStatus, sealStatusBody } from '../sys/health.js';
import { BodyTooLarge, newRequest, parseBody, queryData, readBody } from './request.js';
import { send, sendError, sendLogical } from './respond.js';

const PATCH_TYPE = 'application/merge-patch+json';
const EMPTY_QUERY = new URLSearchParams();

/** The HTTP front of the server: /v1/ routing, verbs, bodies, errors (Vault's http package). */
export function createHandler(core: Core, info: { version: string; clusterName: string; clusterId: string }) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    // Synchronous unless there is a body to read: a read costs no promise.
    try {
      handle(core, info, req, res)?.catch((error: unknown) => fail(res, error));
    } catch (error) {
      fail(res, error);
    }
  };
}

function fail(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof BodyTooLarge) {
    res.writeHead(413, { 'Content-Type': 'application/json', Connection: 'close' });
    res.end(JSON.stringify({ errors: ['http: request body too large'] }) + '\n');
    return;
  }
  if (error instanceof VaultError) return sendError(res, error.status, error.errors);
  sendError(res, 500, [String((error as Error)?.message ?? error)]);
}

function handle(
  core: Core,
  info: { version: string; clusterName: string; clusterId: string },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> | undefined {
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
  if (!rawPath.startsWith('/v1/')) {
    if (rawPath === '/' || rawPath === '/ui') {
      res.writeHead(307, { 'Cache-Control': 'no-store', 'Content-Type': 'text/html; charset=utf-8', Location: '/ui/' });
      res.end('<a href="/ui/">Temporary Redirect</a>.\n\n');
      return undefined;
    }
    return sendError(res, 404, []);
  }
  let path: string;
  try {
    path = rawPath.includes('%') ? decodeURIComponent(rawPath.slice(4)) : rawPath.slice(4);
  } catch {
    return sendError(res, 400, ['invalid URL escape']);
  }
  const query = queryAt < 0 ? EMPTY_QUERY : new URLSearchParams(url.slice(queryAt + 1));
  const method = req.method ?? 'GET';

  // Answered by the HTTP layer itself: unauthenticated and not audited.
  if (path === 'sys/health') {
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return sendError(res, 405, []);
    const status = healthStatus(query);
    if (status === undefined) return sendError(res, 400, []);
    if (method === 'HEAD') {
      res.writeHead(status, {
        'Cache-Control': 'no-store',
        'Content-Type': 'application/json',
        'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
      });
      res.end();
      return undefined;
    }
    return send(res, status, healthBody(core.parts.clock, info));
  }
  if (path === 'sys/seal-status') {
    if (method !== 'GET') return sendError(res, 405, []);
    return send(res, 200, sealStatusBody(info));
  }

  let operation: Operation;
  let data: Record<string, unknown> | null;
  switch (method) {
    case 'GET': {
      data = queryData(query);
      const list = data?.list;
      operation = 'read';
      if (list !== undefined) {
        const flag = parseBool(list);
        if (flag === undefined) return sendError(res, 400, []);
        delete data!.list;
        if (Object.keys(data!).length === 0) data = null;
        if (flag) operation = 'list';
      }
      break;
    }
    case 'LIST':
      operation = 'list';
      data = queryData(query);
      if (data && 'list' in data) delete data.list;
      if (data && Object.keys(data).length === 0) data = null;
      break;
    case 'DELETE':
      operation = 'delete';
      data = queryData(query);
      break;
    case 'POST':
    case 'PUT':
      return readBody(req).then((body) => serve(core, req, res, path, 'update', parseBody(req, body)));
    case 'PATCH': {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== PATCH_TYPE) {
        return sendError(res, 415, [
          `PATCH requires Content-Type of ${PATCH_TYPE}, provided ${req.headers['content-type'] ?? ''}`,
        ]);
      }
      return readBody(req).then((body) => serve(core, req, res, path, 'patch', parseBody(req, body)));
    }
    default:
      return sendError(res, 405, []);
  }
  serve(core, req, res, path, operation, data);
  return undefined;
}

function serve(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  operation: Operation,
  data: Record<string, unknown> | null,
): void {
  const request = newRequest(req, operation === 'list' && !path.endsWith('/') ? `${path}/` : path, operation, data);
  const response = core.handle(request);
  sendLogical(res, request, response);
}

function parseBool(value: unknown): boolean | undefined {
  if (typeof value !== 'string') return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}
