import type { IncomingMessage } from 'node:http';
import { uuid } from '../core/ids.js';
import { parseDurationSeconds } from '../core/duration.js';
import { VaultError } from '../core/errors.js';
import type { Operation, Request } from '../core/logical.js';
import { decodeJsonBody } from './json-body.js';

/** Vault's default `max_request_size`: 32 MiB. */
export const MAX_REQUEST_SIZE = 32 * 1024 * 1024;

export class BodyTooLarge extends Error {}

/** Read the body up to the limit; the limit is checked on Content-Length first, then on the bytes. */
export function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_REQUEST_SIZE) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_SIZE) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

/**
 * The headers the core needs, read from `rawHeaders` in one pass (building `req.headers` is a
 * per-request cost a read does not need): the client token (`X-Vault-Token`, else
 * `Authorization: Bearer …`) and `X-Vault-Wrap-TTL`.
 */
export function newRequest(
  req: IncomingMessage,
  path: string,
  operation: Operation,
  data: Record<string, unknown> | null,
): Request {
  const raw = req.rawHeaders;
  let token = '';
  let bearer = '';
  let wrap = '';
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 13) {
      const lower = name.toLowerCase();
      if (lower === 'x-vault-token') token ||= raw[i + 1]!;
      else if (lower === 'authorization') bearer ||= raw[i + 1]!;
    } else if (name.length === 16 && name.toLowerCase() === 'x-vault-wrap-ttl') wrap ||= raw[i + 1]!;
  }
  if (!token && bearer.startsWith('Bearer ')) token = bearer.slice(7).trim();
  return {
    id: uuid(),
    operation,
    path,
    data,
    clientToken: token,
    wrapTtl: parseWrapTtl(wrap),
    remoteAddress: req.socket.remoteAddress ?? '127.0.0.1',
    remotePort: req.socket.remotePort ?? 0,
    mount: undefined,
    relativePath: path,
    token: undefined,
  };
}

/** `X-Vault-Wrap-TTL`: seconds or a duration string. */
function parseWrapTtl(header: string): number {
  if (header === '') return 0;
  let seconds: number;
  try {
    seconds = parseDurationSeconds(header);
  } catch (error) {
    throw new VaultError(400, [`error parsing X-Vault-Wrap-TTL header: ${(error as Error).message}`]);
  }
  // http/logical.go: requestWrapInfo's errors, the negative one included, under one prefix.
  if (seconds < 0)
    throw new VaultError(400, ['error parsing X-Vault-Wrap-TTL header: requested wrap ttl cannot be negative']);
  return seconds;
}

/** Query parameters as request data (GET/LIST/DELETE), single values as strings. */
export function queryData(query: URLSearchParams): Record<string, unknown> | null {
  if (query.size === 0) return null;
  let data: Record<string, unknown> | null = null;
  for (const key of new Set(query.keys())) {
    data ??= {};
    const values = query.getAll(key);
    data[key] = values.length === 1 ? values[0] : values;
  }
  return data;
}

/** A form body (`a=1&b=2`), as Vault accepts for `application/x-www-form-urlencoded`. */
export function formData(body: string): Record<string, unknown> | null {
  return queryData(new URLSearchParams(body));
}

export interface ParsedBody {
  data: Record<string, unknown> | null;
  /** Characters in the body as received. */
  size?: number;
  /** The text of numbers not written as plain integers (see number-literals.ts). */
  literals?: Map<number, string>;
}

export function parseBody(req: IncomingMessage, body: string): ParsedBody {
  const type = req.headers['content-type'] ?? '';
  const trimmed = body.trimStart();
  if (
    type.startsWith('application/x-www-form-urlencoded') &&
    trimmed !== '' &&
    trimmed[0] !== '{' &&
    trimmed[0] !== '['
  ) {
    return { data: formData(body), size: body.length };
  }
  const decoded = decodeJsonBody(body);
  if (!decoded.ok) throw new VaultError(400, [decoded.error]);
  return { data: decoded.data, literals: decoded.literals, size: body.length };
}
