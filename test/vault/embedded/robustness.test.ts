import { connect } from 'node:net';
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer, type EmbeddedServer } from '../../../src/vault/embedded/index.js';

/**
 * Malformed input never breaks the server: every bad request gets a 4xx with Vault's error
 * envelope (exact Content-Type), and correct requests keep getting correct answers afterwards.
 */
let server: EmbeddedServer;
let port: number;
beforeAll(async () => {
  server = await startEmbeddedServer({ userLockout: false });
  port = Number(new URL(server.address).port);
  await call('POST', '/v1/secret/data/robust/check', JSON.stringify({ data: { value: 'still-here' } }));
});
afterAll(async () => {
  await server.stop();
});

interface Answer {
  status: number;
  contentType: string | undefined;
  location?: string | undefined;
  body: string;
}

function call(
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = { 'X-Vault-Token': server.rootToken },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { ...headers, ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            location: res.headers.location,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function stillServing(): Promise<void> {
  const health = await call('GET', '/v1/sys/health');
  expect(health.status).toBe(200);
  const read = await call('GET', '/v1/secret/data/robust/check');
  expect(read.status).toBe(200);
  expect(JSON.parse(read.body).data.data).toEqual({ value: 'still-here' });
}

function expectErrorEnvelope(answer: Answer): string[] {
  expect(answer.contentType).toBe('application/json');
  const parsed = JSON.parse(answer.body) as { errors?: unknown };
  expect(Array.isArray(parsed.errors)).toBe(true);
  return parsed.errors as string[];
}

const PATHS = [
  '/v1/sys/policies/acl/fuzz',
  '/v1/secret/data/fuzz',
  '/v1/auth/token/create',
  '/v1/sys/mounts/fuzz',
  '/v1/secret/metadata/fuzz',
  '/v1/sys/wrapping/wrap',
];

/** JSON text that JSON.parse refuses but that starts like an object, so the server must parse it. */
const brokenJson = fc
  .tuple(fc.json(), fc.nat(), fc.constantFrom('', '}', ',', ':', '"', '{', ']', 'x', '\\', '\u0000', ' garbage'))
  .map(([json, cut, junk]) => {
    const text = `{"a":${json}}`;
    return text.slice(0, 1 + (cut % (text.length - 1))) + junk;
  })
  .filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

describe('robustness of the embedded server', () => {
  it('answers malformed JSON with 400 and a decode error', async () => {
    await fc.assert(
      fc.asyncProperty(brokenJson, fc.constantFrom(...PATHS), async (body, path) => {
        const answer = await call('POST', path, body, {
          'X-Vault-Token': server.rootToken,
          'Content-Type': 'application/json',
        });
        expect(answer.status).toBe(400);
        const errors = expectErrorEnvelope(answer);
        expect(errors[0]).toMatch(/^failed to decode JSON input: /);
      }),
      { numRuns: 150 },
    );
    await stillServing();
  });

  it('answers odd paths, methods and bodies with a 4xx and an envelope, never a crash', async () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9._~%!$&'()*+,;=:@-]{0,12}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'LIST', 'HEAD', 'OPTIONS', 'FOO', 'PROPFIND'),
        fc.array(segment, { maxLength: 6 }),
        fc.constantFrom(
          '',
          'sys',
          'secret/data',
          'secret/metadata',
          'auth/token',
          'auth/nope',
          'cubbyhole',
          'identity',
          'sys/internal/ui/mounts',
        ),
        fc.option(fc.oneof(fc.json(), fc.string()), { nil: undefined }),
        fc.boolean(),
        async (method, segments, prefix, body, withToken) => {
          const path = `/v1/${[prefix, ...segments].filter(Boolean).join('/')}`;
          const headers: Record<string, string> = withToken ? { 'X-Vault-Token': server.rootToken } : {};
          if (method === 'PATCH') headers['Content-Type'] = 'application/merge-patch+json';
          const sendBody = method === 'GET' || method === 'HEAD' || method === 'DELETE' ? undefined : body;
          const answer = await call(method, path, sendBody, headers);
          expect(answer.status).toBeGreaterThanOrEqual(200);
          expect(answer.status).toBeLessThan(500);
          if (method === 'HEAD' || answer.status === 204) return;
          if (answer.status === 307) {
            // Go's mux sends `a//b`, `./` and `../` to the clean path, below /v1/.
            expect(path).toMatch(/\/\/|\/\.\.?(\/|$)/);
            expect(answer.location).toMatch(/^\/v1(\/|$)/);
            expect(answer.location).not.toMatch(/\/\/|\/\.\.?(\/|$)/);
            return;
          }
          expect(answer.contentType).toBe('application/json');
          const parsed = JSON.parse(answer.body) as Record<string, unknown>;
          if (answer.status >= 400 && !('request_id' in parsed)) expect(Array.isArray(parsed.errors)).toBe(true);
          if (!withToken && answer.status === 403) expect(parsed.errors).toEqual(['permission denied']);
        },
      ),
      { numRuns: 300 },
    );
    await stillServing();
  });

  it('refuses bodies over 32 MiB with 413', async () => {
    const big = Buffer.alloc(32 * 1024 * 1024 + 10, 'a');
    const declared = await call('POST', '/v1/secret/data/big', big);
    expect(declared.status).toBe(413);
    expect(expectErrorEnvelope(declared)).toEqual(['http: request body too large']);
    // Chunked (no Content-Length): the limit is counted on the bytes.
    const chunked = await new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/secret/data/big',
          headers: { 'X-Vault-Token': server.rootToken, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: res.headers['content-type'],
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 33; i++) req.write(Buffer.alloc(1024 * 1024, 'b'));
      req.end();
    });
    expect(chunked.status).toBe(413);
    await stillServing();
  });

  it('survives random bytes on the socket', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2048 }), async (bytes) => {
        const reply = await new Promise<string>((resolve) => {
          const socket = connect(port, '127.0.0.1');
          let data = '';
          socket.on('data', (chunk) => (data += chunk.toString('latin1')));
          socket.on('close', () => resolve(data));
          socket.on('error', () => resolve(data));
          socket.end(Buffer.from(bytes));
          setTimeout(() => socket.destroy(), 2000).unref();
        });
        if (reply) expect(reply).toMatch(/^HTTP\/1\.1 [45]\d\d /);
      }),
      { numRuns: 100 },
    );
    await stillServing();
  });

  it('rejects a missing or unknown token with the bare permission-denied body', async () => {
    const variants: Array<Record<string, string>> = [
      {},
      { 'X-Vault-Token': 'nope' },
      { Authorization: 'Bearer nope' },
      { Authorization: 'Basic abc' },
    ];
    for (const headers of variants) {
      const answer = await call('GET', '/v1/secret/data/robust/check', undefined, headers);
      expect(answer.status).toBe(403);
      expect(expectErrorEnvelope(answer)).toEqual(['permission denied']);
    }
    await stillServing();
  });
});
