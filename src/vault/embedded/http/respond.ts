import type { ServerResponse } from 'node:http';
import { envelope, errorBody, injectsData, wrappedEnvelope } from '../core/envelope.js';
import type { Request, Response } from '../core/logical.js';

/** Headers every OpenBao response carries (the listener's defaults included). */
const COMMON = [
  'Cache-Control',
  'no-store',
  'Content-Type',
  'application/json',
  'Strict-Transport-Security',
  'max-age=31536000; includeSubDomains',
];

export function send(res: ServerResponse, status: number, body: string, contentType?: string): undefined {
  const headers = contentType ? COMMON.map((value, i) => (i === 3 ? contentType : value)) : COMMON;
  if (status === 204 || body === '') {
    res.writeHead(status, headers);
    res.end();
    return undefined;
  }
  res.writeHead(status, [...headers, 'Content-Length', String(Buffer.byteLength(body))]);
  res.end(body);
  return undefined;
}

export function sendError(res: ServerResponse, status: number, errors: string[]): undefined {
  return send(res, status, goJson(errorBody(errors)));
}

/** Go's encoding/json escapes `<`, `>`, `&`, U+2028 and U+2029 inside strings; so does OpenBao's every JSON body. */
function goJson(json: string): string {
  return /[<>&\u2028\u2029]/.test(json) ? json.replace(/[<>&\u2028\u2029]/g, goEscape) : json;
}

function goEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Vault's respondLogical: no response → 204 (404 for reads and lists); a list without keys →
 * 404; a wrapped response → only `wrap_info`; a backend-chosen status keeps the full envelope.
 */
export function sendLogical(res: ServerResponse, request: Request, response: Response | null): undefined {
  if (response?.raw) return send(res, response.raw.status, response.raw.body, response.raw.contentType);
  if (response?.wrapInfo) return send(res, 200, goJson(wrappedEnvelope(response.wrapInfo)));
  const op = request.operation;
  if (!response) {
    if (op === 'read' || op === 'list') return sendError(res, 404, []);
    return send(res, 204, '');
  }
  if (op === 'list' && !response.status) {
    const keys = response.data?.keys;
    if (!(Array.isArray(keys) && keys.length > 0) && !response.warnings?.length) return sendError(res, 404, []);
  }
  if (!response.status && op === 'read' && !response.data && !response.warnings?.length && !response.auth)
    return sendError(res, 404, []);
  return send(res, response.status ?? 200, goJson(envelope(request.id, response, injectsData(request.path))));
}
