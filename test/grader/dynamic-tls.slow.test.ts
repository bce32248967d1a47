import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { gradeChallenge } from '../../src/grader/index.js';
import { availableProviders, check, failedIds, nodeProgram, programDir } from './helpers.js';

/**
 * The dynamic-tls challenge against hostile and broken apps, on every provider (the solutions and
 * starters run in solutions.slow.test.ts): each serves something over TLS after an AppRole login,
 * and fails the check named for what it got wrong — a self-signed certificate, one from its own
 * CA, a new certificate issued but never served, a private key in the log.
 */
const providers = await availableProviders();
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Runs with login(), read() from nodeProgram, plus issue(token), serve(pair) and selfMade(...) (openssl). */
const TOOLS = `
import { createServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
async function issue(token) {
  const response = await fetch(addr + '/v1/pki/issue/web', { method: 'POST', headers: { 'X-Vault-Token': token }, body: JSON.stringify({ common_name: 'localhost' }) });
  const json = await response.json();
  if (!json.data) throw new Error('issue failed: ' + response.status);
  return { cert: json.data.certificate, key: json.data.private_key, expiration: json.data.expiration };
}
function serve(pair) {
  const server = createServer(pair, (_q, s) => s.end('hello\\n'));
  server.listen(Number(process.env.PORT), '127.0.0.1');
  return server;
}
/** A certificate for localhost made with openssl: self-signed, or signed by a CA of its own. */
function selfMade(withOwnCa) {
  const dir = mkdtempSync(join(tmpdir(), 'own-'));
  const run = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  const leafKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'leaf.key'];
  if (!withOwnCa) {
    run('req', '-x509', ...leafKey, '-out', 'leaf.crt', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-days', '1');
  } else {
    run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Mallory CA', '-days', '1');
    run('req', ...leafKey, '-out', 'leaf.csr', '-subj', '/CN=localhost');
    run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.crt', '-days', '1');
  }
  return { cert: readFileSync(join(dir, 'leaf.crt')), key: readFileSync(join(dir, 'leaf.key')) };
}
const token = await login();
await read(token, 'secret/data/dynamic-tls/database');
`;

const VARIANTS: Array<[string, string, string[], string?]> = [
  [
    'serves a self-signed certificate',
    `await issue(token); serve(selfMade(false));`,
    ['lifetime-within-role', 'reissues-before-expiry', 'serves-issued-certificate'],
    'self-signed',
  ],
  [
    'serves a certificate from a CA of its own',
    `await issue(token); serve(selfMade(true));`,
    ['lifetime-within-role', 'reissues-before-expiry', 'serves-issued-certificate'],
    'Mallory CA',
  ],
  [
    'issues a new certificate in time but keeps serving the first',
    `const first = await issue(token); serve(first); setTimeout(() => issue(token), 8000);`,
    ['reissues-before-expiry'],
    'issued 1 more without serving them',
  ],
  [
    'prints the private key it was issued',
    `const pair = await issue(token); console.log(pair.key); const server = serve(pair);
     setTimeout(async () => server.setSecureContext(await issue(token)), 8000);`,
    ['no-leak'],
    'PEM private key',
  ],
];

describe.skipIf(providers.length === 0)('dynamic-tls: broken apps fail for the named reason', () => {
  for (const provider of providers) {
    for (const [name, body, failing, detail] of VARIANTS) {
      it.concurrent(`${provider}: an app that ${name} fails ${failing.join(', ')}`, async () => {
        const dir = await programDir(nodeProgram(TOOLS + body));
        made.push(dir);
        const report = await gradeChallenge({ challengeId: 'dynamic-tls', dir, vault: provider, timeoutSeconds: 60 });
        expect(failedIds(report), JSON.stringify(report.checks, null, 2)).toEqual([...failing].sort());
        if (detail) expect(check(report, failing.at(-1)!).detail).toContain(detail);
        expect(check(report, 'issues-certificate').passed).toBe(true);
      });
    }
  }
});
