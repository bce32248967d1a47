import type { IncomingMessage, ServerResponse } from 'node:http';
import { posix } from 'node:path';

/**
 * Go's http.ServeMux cleans request paths and redirects (307) to the clean one: `secret//data/x`,
 * `/v1/./sys/mounts`. Returns true when it answered with the redirect.
 */
export function redirectUncleanPath(rawPath: string, rawQuery: string, req: IncomingMessage, res: ServerResponse) {
  // Only below /v1/: OpenBao answers `//v1/…` 404, like any path outside the API.
  if (!rawPath.startsWith('/v1/') || (!rawPath.includes('//') && !rawPath.includes('/.'))) return false;
  let clean = posix.normalize(rawPath.startsWith('/') ? rawPath : `/${rawPath}`);
  // posix.normalize keeps a leading `//` and does not resolve `..` above the root the way path.Clean does.
  clean = posix.resolve('/', clean);
  if (rawPath.endsWith('/') && clean !== '/') clean += '/';
  if (clean === rawPath) return false;
  redirect(res, req.method ?? 'GET', rawQuery ? `${clean}?${rawQuery}` : clean);
  return true;
}

/** Go's http.Redirect with 307: an HTML note for GET and HEAD, an empty body otherwise. */
export function redirect(res: ServerResponse, method: string, location: string): void {
  const headers: Record<string, string> = {
    'Cache-Control': 'no-store',
    Location: location,
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  };
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(307, { ...headers, 'Content-Length': '0' });
    res.end();
    return;
  }
  const body = `<a href="${escapeHtml(location)}">Temporary Redirect</a>.\n\n`;
  res.writeHead(307, {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(method === 'HEAD' ? undefined : body);
}

function escapeHtml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

/**
 * `X-Vault-Namespace`: OpenBao has namespaces, but a dev server has only the root one. Empty,
 * `/` and `root` (any slashes around) mean the root namespace; anything else does not exist.
 */
export function requestedNamespace(req: IncomingMessage): string | undefined {
  const header = req.headers['x-vault-namespace'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim().replace(/^\/+|\/+$/g, '') ?? '';
  return value === '' || value === 'root' ? undefined : value;
}
