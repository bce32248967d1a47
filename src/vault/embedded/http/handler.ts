import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/core.js';
import { VaultError } from '../core/errors.js';
import type { Operation } from '../core/logical.js';
import { withNumberLiterals } from '../core/number-literals.js';
import type { ServerInfo } from '../sys/health.js';
import { answerHttpEndpoint } from './http-endpoints.js';
import { redirect, redirectUncleanPath, requestedNamespace } from './paths.js';
import { BodyTooLarge, newRequest, parseBody, queryData, readBody, type ParsedBody } from './request.js';
import { helpAnswer } from './help.js';
import { send, sendError, sendLogical } from './respond.js';

const PATCH_TYPE = 'application/merge-patch+json';
const EMPTY_QUERY = new URLSearchParams();

/** The HTTP front of the server: /v1/ routing, verbs, bodies, errors (Vault's http package). */
export function createHandler(core: Core, info: ServerInfo) {
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

function handle(core: Core, info: ServerInfo, req: IncomingMessage, res: ServerResponse): Promise<void> | undefined {
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
  if (redirectUncleanPath(rawPath, queryAt < 0 ? '' : url.slice(queryAt + 1), req, res)) return undefined;
  if (!rawPath.startsWith('/v1/')) {
    if (rawPath === '/' || rawPath === '/ui') return void redirect(res, req.method ?? 'GET', '/ui/');
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
  const namespace = requestedNamespace(req) !== undefined;
  if (answerHttpEndpoint(core, info, path, query, namespace, req, res)) return undefined;
  if (query.get('help')) {
    if (namespace) return sendError(res, 404, ['namespace not found']);
    const answer = helpAnswer(core, path, newRequest(req, path, 'read', null).clientToken);
    return send(res, answer.status, `${JSON.stringify(answer.body)}\n`);
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
      // http/logical.go keeps a `list` query parameter of a LIST (only GET's is taken out).
      data = queryData(query);
      break;
    case 'DELETE':
      operation = 'delete';
      data = queryData(query);
      break;
    case 'POST':
    case 'PUT':
      return readBody(req).then((body) => {
        serve(core, req, res, path, 'update', parseBody(req, body), namespace);
      });
    case 'PATCH': {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== PATCH_TYPE) {
        return sendError(res, 415, [
          `PATCH requires Content-Type of ${PATCH_TYPE}, provided ${req.headers['content-type'] ?? ''}`,
        ]);
      }
      return readBody(req).then((body) => {
        serve(core, req, res, path, 'patch', parseBody(req, body), namespace);
      });
    }
    default:
      return sendError(res, 405, []);
  }
  serve(core, req, res, path, operation, { data }, namespace);
  return undefined;
}

function serve(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  operation: Operation,
  body: ParsedBody,
  namespace: boolean,
): void {
  // OpenBao builds the whole request (body, list flag, wrap TTL) before it looks the namespace up.
  const request = newRequest(
    req,
    operation === 'list' && !path.endsWith('/') ? `${path}/` : path,
    operation,
    body.data,
  );
  if (namespace) return sendError(res, 404, ['namespace not found']);
  if ((operation === 'update' || operation === 'patch') && path.endsWith('/'))
    return sendError(res, 400, ["cannot write to a path ending in '/'"]);
  request.bodySize = body.size;
  const response = withNumberLiterals(body.literals, () => core.handle(request));
  sendLogical(res, request, response);
}

function parseBool(value: unknown): boolean | undefined {
  if (typeof value !== 'string') return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}
