import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * One HTTP exchange with one Vault node, nothing more: no redirect followed, no retry, the answer
 * handed back whatever its status, with its headers (X-Vault-Index, Retry-After, Location).
 * A failure to get an answer rejects with an Error carrying a Node `code` (ECONNREFUSED,
 * ECONNRESET, ETIMEDOUT…), which says whether the request can have reached Vault.
 */
export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
  /** VAULT_SKIP_VERIFY: accept any certificate (a lab Vault with a self-signed one). */
  insecure?: boolean;
}

export interface Answer {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export function send(sent: SentRequest): Promise<Answer> {
  const url = new URL(sent.url);
  const payload = sent.body === undefined ? undefined : Buffer.from(JSON.stringify(sent.body));
  const headers: Record<string, string> = { ...sent.headers, accept: 'application/json' };
  if (payload) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(payload.length);
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: sent.method, headers, ...(sent.insecure ? { rejectUnauthorized: false } : {}) },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ statusCode: incoming.statusCode ?? 0, headers: incoming.headers, body: parseBody(text) });
        });
      },
    );
    outgoing.setTimeout(sent.timeoutMs, () => {
      outgoing.destroy(Object.assign(new Error(`no answer within ${sent.timeoutMs / 1000} s`), { code: 'ETIMEDOUT' }));
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

function parseBody(text: string): unknown {
  if (text === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
