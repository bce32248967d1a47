import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeChallenge } from '../../src/grader/index.js';
import { HIDDEN_LINE } from '../../src/grader/program/output-redactor.js';
import type { GradeEvent } from '../../src/grader/report.js';
import { loadChallenge } from '../../src/course/challenges.js';
import { packageRoot } from '../../src/util/package-info.js';
import { availableProviders, check, failedIds, programDir } from './helpers.js';

/**
 * The mini project's two parts, graded as an attacker and a confused learner would meet them: a
 * setup script that reaches for more than its token allows, keeps its token, prints or types its
 * secrets, leaves a key on disk; an app that serves another certificate, plain HTTP, TLS without
 * HTTP, or nothing. Small Node programs (plain fetch, no dependency) keep each grade quick; the
 * shipped solutions and starters run on every provider in solutions.slow.test.ts.
 */
const providers = await availableProviders();
const provider = providers.find((name) => name === 'binary') ?? providers[0];

/** A setup script (setup.mjs) with `api`, `must` (exits 1 on a refusal, saying so), `hex` and `certificate()`. */
function setupScript(body: string): string {
  return `import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const addr = process.env.VAULT_ADDR;
async function api(method, path, body, token = process.env.VAULT_TOKEN) {
  const response = await fetch(addr + '/v1/' + path, { method, headers: { 'X-Vault-Token': token }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}
async function must(method, path, body) {
  const answer = await api(method, path, body);
  if (answer.status >= 300) { console.error(method + ' ' + path + ': ' + (answer.json?.errors ?? []).join(', ').replace(/\\s+/g, ' ').trim()); process.exit(1); }
  return answer.json;
}
const hex = (bytes) => randomBytes(bytes).toString('hex');
function certificate(folder = mkdtempSync(join(tmpdir(), 'cert-')), keep = false) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-subj', '/CN=api.mini.internal', '-addext', 'subjectAltName=DNS:api.mini.internal',
    '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem')], { stdio: 'ignore' });
  const pair = { certificate: readFileSync(join(folder, 'cert.pem'), 'utf8'), private_key: readFileSync(join(folder, 'key.pem'), 'utf8') };
  if (!keep) rmSync(folder, { recursive: true, force: true });
  return pair;
}
const POLICY = ['database', 'api', 'tls'].map((name) => 'path "secret/data/mini/' + name + '" { capabilities = ["read"] }').join('\\n');
${body}
`;
}

/** What a good setup script does, in steps a test can replace. */
const GOOD_SETUP = {
  approle: `await must('POST', 'sys/auth/approle', { type: 'approle' });`,
  database: `await must('POST', 'secret/data/mini/database', { data: { url: 'postgres://mini_app:' + hex(24) + '@db.mini.internal:5432/mini' } });`,
  api: `await must('POST', 'secret/data/mini/api', { data: { key: 'mini_' + hex(20) } });`,
  tls: `await must('POST', 'secret/data/mini/tls', { data: certificate() });`,
  policy: `await must('PUT', 'sys/policies/acl/mini-app', { policy: POLICY });`,
  role: `await must('POST', 'auth/approle/role/mini-app', { token_policies: 'mini-app', token_ttl: '10m', token_max_ttl: '30m', secret_id_ttl: '24h' });`,
};
const goodSetup = (replace: Partial<typeof GOOD_SETUP> = {}, extra = '') =>
  setupScript([...Object.values({ ...GOOD_SETUP, ...replace }), extra].join('\n'));

/** An app (main.mjs) that logs in and reads all three, then does `serve` with `tls` (data.data of secret/mini/tls). */
function app(serve: string): string {
  return `import https from 'node:https';
import http from 'node:http';
import tlsModule from 'node:tls';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const addr = process.env.VAULT_ADDR;
const port = Number(process.env.PORT);
const login = await (await fetch(addr + '/v1/auth/approle/login', { method: 'POST', body: JSON.stringify({ role_id: process.env.VAULT_ROLE_ID, secret_id: process.env.VAULT_SECRET_ID }) })).json();
if (!login.auth) { console.error('login failed: ' + JSON.stringify(login.errors)); process.exit(1); }
const read = async (path) => {
  const answer = await (await fetch(addr + '/v1/secret/data/' + path, { headers: { 'X-Vault-Token': login.auth.client_token } })).json();
  if (!answer.data) console.error('reading ' + path + ': ' + (answer.errors ?? []).join(', '));
  return answer.data?.data;
};
await read('mini/database');
await read('mini/api');
const tls = await read('mini/tls');
${serve}
`;
}
const SERVES_HTTPS = `https.createServer({ cert: tls.certificate, key: tls.private_key }, (q, r) => r.end('ok')).listen(port, '127.0.0.1');`;

async function grade(
  files: Record<string, string>,
  onEvent?: (event: GradeEvent) => void,
  timeoutSeconds = 60,
  vault = provider,
) {
  return gradeChallenge({
    challengeId: 'mini-project',
    dir: await programDir(files),
    vault,
    timeoutSeconds,
    onEvent,
  });
}

describe.skipIf(!provider)(`the mini project's two parts, on ${provider}`, () => {
  it('ships one setup script for every language, the same in starters and in solutions', async () => {
    const { summary } = await loadChallenge('mini-project');
    const read = (...path: string[]) => readFile(join(summary.dir, ...path), 'utf8');
    const solution = await read('solutions', 'shell', 'setup.sh');
    const starter = await read('starter', 'python', 'setup.sh');
    for (const language of summary.solutions) expect(await read('solutions', language, 'setup.sh')).toBe(solution);
    for (const language of summary.starters) expect(await read('starter', language, 'setup.sh')).toBe(starter);
  });

  it('part 2 runs on the state part 1 left: a policy that forgets a secret fails that read, and the hint points back at part 1', async () => {
    const narrow = `await must('PUT', 'sys/policies/acl/mini-app', { policy: 'path "secret/data/mini/database" { capabilities = ["read"] }\\npath "secret/data/mini/tls" { capabilities = ["read"] }' });`;
    // It keeps serving without the key, so the grade waits for a read that never succeeds: a short timeout.
    const report = await grade(
      { 'setup.mjs': goodSetup({ policy: narrow }), 'main.mjs': app(SERVES_HTTPS) },
      undefined,
      15,
    );
    expect(failedIds(report)).toEqual(['exit', 'read-api-key', 'write-policy']);
    expect(check(report, 'write-policy').detail).toBe('"mini-app" does not grant read on secret/data/mini/api');
    expect(check(report, 'read-api-key').detail).toMatch(
      /asked for secret\/data\/mini\/api, but the read failed \(Vault answered: .*permission denied/,
    );
    expect(check(report, 'read-api-key').hint).toContain(
      'This ran on the Vault your setup script configured, where part 1 found problems (`write-policy`): fix those first.',
    );
    expect(check(report, 'login').detail).toMatch(/on the Vault your setup script configured$/);
    // The app served the certificate part 1 made.
    expect(check(report, 'serves-tls').passed).toBe(true);
  }, 120_000);

  it('with no setup script, part 2 runs on a Vault the grader sets up, and says so', async () => {
    const report = await grade({ 'main.mjs': app(SERVES_HTTPS) });
    expect(failedIds(report)).toEqual(
      [
        'setup-exit',
        'enable-approle',
        'store-database-url',
        'store-api-key',
        'store-tls',
        'write-policy',
        'create-role',
      ].sort(),
    );
    expect(check(report, 'setup-exit').detail).toBe(
      'no setup script in the folder (looked for setup.sh, setup.py, setup.mjs, setup.js)',
    );
    expect(check(report, 'login').detail).toMatch(
      /on a Vault the grader set up \(your setup script stored nothing at secret\/mini\/database\)$/,
    );
    expect(check(report, 'serves-tls').detail).toMatch(
      /served the certificate in secret\/mini\/tls \(CN=api\.mini\.internal/,
    );
  }, 120_000);

  it('a setup script that types its secret and prints it fails both setup-no-leak and setup-no-hardcoded-secret, and its line is hidden', async () => {
    const key = `mini_${randomBytes(20).toString('hex')}`;
    const url = `postgres://mini_app:${randomBytes(24).toString('hex')}@db.mini.internal:5432/mini`;
    const printing = goodSetup(
      {
        api: `await must('POST', 'secret/data/mini/api', { data: { key: '${key}' } });`,
        database: `const url = 'postgres://mini_app:' + hex(24) + '@db.mini.internal:5432/mini';
await must('POST', 'secret/data/mini/database', { data: { url } });`,
      },
      `console.log('stored ' + '${key}'); console.log('url ' + Buffer.from(url).toString('base64'));`,
    );
    const shown: string[] = [];
    const report = await grade({ 'setup.mjs': printing, 'main.mjs': app(SERVES_HTTPS) }, (event) =>
      shown.push(JSON.stringify(event)),
    );
    expect(failedIds(report)).toEqual(['setup-no-hardcoded-secret', 'setup-no-leak']);
    expect(check(report, 'setup-no-leak').detail).toMatch(
      /it printed secret\/mini\/api key \(as is\); secret\/mini\/database url \(base64\)/,
    );
    expect(check(report, 'setup-no-hardcoded-secret').detail).toMatch(/^setup\.mjs:\d+ holds secret\/mini\/api key/);
    expect(shown.filter((text) => text.includes(HIDDEN_LINE))).toHaveLength(2);
    for (const text of [...shown, JSON.stringify(report)]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(Buffer.from(url).toString('base64').slice(0, 40));
    }
  }, 120_000);

  it('a setup script that leaves its key on disk fails setup-no-hardcoded-secret; the app is not blamed, and the folder is untouched', async () => {
    const leaves = goodSetup({
      tls: `await must('POST', 'secret/data/mini/tls', { data: certificate('.', true) });
(await import('node:fs')).writeFileSync('mini-app.hcl', POLICY);`,
    });
    const dir = await programDir({ 'setup.mjs': leaves, 'main.mjs': app(SERVES_HTTPS) });
    const report = await gradeChallenge({ challengeId: 'mini-project', dir, vault: provider, timeoutSeconds: 60 });
    // It ran in a copy of the folder: what it wrote is judged, and gone with the grade.
    expect((await readdir(dir)).sort()).toEqual(['main.mjs', 'setup.mjs']);
    expect(failedIds(report)).toEqual(['setup-no-hardcoded-secret']);
    expect(check(report, 'setup-no-hardcoded-secret').detail).toMatch(
      /key\.pem:1 holds secret\/mini\/tls private_key \(written by the script\)/,
    );
    expect(check(report, 'setup-no-hardcoded-secret').hint).toMatch(/private temporary folder \(mktemp -d\)/);
    expect(check(report, 'no-hardcoded-secret').passed).toBe(true);
  }, 120_000);

  it('a setup script that reaches for a secret_id fails setup-exit with the reason, and part 2 still runs on its state', async () => {
    const greedy = goodSetup({}, `await must('POST', 'auth/approle/role/mini-app/secret-id', {});`);
    const report = await grade({ 'setup.mjs': greedy, 'main.mjs': app(SERVES_HTTPS) });
    expect(failedIds(report)).toEqual(['setup-exit']);
    expect(check(report, 'setup-exit').detail).toMatch(
      /^node setup\.mjs exited with status 1 after [\d.]+ s; its last words: "POST auth\/approle\/role\/mini-app\/secret-id: .*permission denied"$/,
    );
    expect(check(report, 'setup-exit').hint).toMatch(
      /Issuing secret_ids is not among them: that is the orchestrator’s job/,
    );
  }, 120_000);

  it('the setup script meets its sibling files and its dependencies as at home, in its copy of the folder', async () => {
    const dir = await programDir({
      'mini-app.hcl':
        'path "secret/data/mini/database" { capabilities = ["read"] }\npath "secret/data/mini/api" { capabilities = ["read"] }\npath "secret/data/mini/tls" { capabilities = ["read"] }\n',
      'setup.mjs': goodSetup({
        policy: `const nodeVault = (await import('node-vault')).default;
await nodeVault({ endpoint: addr, token: process.env.VAULT_TOKEN }).write('sys/policies/acl/mini-app', { policy: readFileSync('mini-app.hcl', 'utf8') });`,
      }),
      'main.mjs': app(SERVES_HTTPS),
    });
    await symlink(join(packageRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const report = await gradeChallenge({ challengeId: 'mini-project', dir, vault: provider, timeoutSeconds: 60 });
    expect(failedIds(report)).toEqual([]);
  }, 120_000);

  it('a role without limits and with a second policy fails create-role by what Vault reports', async () => {
    const loose = goodSetup({
      role: `await must('POST', 'auth/approle/role/mini-app', { token_policies: 'mini-app,default' });`,
    });
    const report = await grade({ 'setup.mjs': loose, 'main.mjs': app(SERVES_HTTPS) });
    expect(failedIds(report)).toEqual(['create-role']);
    expect(check(report, 'create-role').detail).toBe(
      `role "mini-app" leaves token_ttl at 0 (the server's default: 32 days): set it, at most 1h`,
    );
  }, 120_000);

  const serving: Array<[string, string, RegExp, RegExp]> = [
    [
      'another certificate',
      `const own = mkdtempSync(join(tmpdir(), 'own-'));
execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-keyout', join(own, 'k'), '-out', join(own, 'c')], { stdio: 'ignore' });
https.createServer({ cert: readFileSync(join(own, 'c')), key: readFileSync(join(own, 'k')) }, (q, r) => r.end('ok')).listen(port, '127.0.0.1');`,
      /^it served CN=localhost, sha256 [0-9A-F:]+…, not the certificate in secret\/mini\/tls \(CN=api\.mini\.internal, sha256 [0-9A-F:]+…\)$/,
      /Serve the certificate and key read from secret\/mini\/tls/,
    ],
    [
      'plain HTTP',
      `http.createServer((q, r) => r.end('ok')).listen(port, '127.0.0.1');`,
      /but did not speak TLS \(ERR_SSL_\w+\): plain HTTP\?$/,
      /^Serve HTTPS, not HTTP/,
    ],
    [
      'TLS without HTTP',
      `tlsModule.createServer({ cert: tls.certificate, key: tls.private_key }, (socket) => socket.end()).listen(port, '127.0.0.1');`,
      /completed a TLS handshake with the certificate in secret\/mini\/tls, but sent no HTTP answer to GET \/$/,
      /Serve HTTP inside the TLS connection/,
    ],
    [
      'nothing (it exits once it has read)',
      `console.log('read all three');`,
      /^nothing listened on 127\.0\.0\.1:\d+ \(the PORT it was given\) before it exited \(status 0\)$/,
      /an API serves/,
    ],
  ];
  for (const [what, serve, detail, hint] of serving) {
    it(`an app that serves ${what} fails serves-tls, saying what the grader met`, async () => {
      const report = await grade(
        { 'setup.mjs': goodSetup(), 'main.mjs': app(serve) },
        undefined,
        what.startsWith('nothing') ? 60 : 20,
      );
      expect(failedIds(report)).toEqual(['serves-tls']);
      expect(check(report, 'serves-tls').detail).toMatch(detail);
      expect(check(report, 'serves-tls').hint).toMatch(hint);
    }, 120_000);
  }
});

// What the setup script's token may do is decided by each server's policy engine: on every provider.
describe.each(providers)('the setup token on %s', (name) => {
  it('the setup script gets a token of its own, not root: it cannot issue secret_ids or touch other policies, and dies with the script', async () => {
    // Somewhere outside the folder, as a script that tries to keep its token for later would.
    const kept = join(tmpdir(), `sw-kept-token-${randomBytes(6).toString('hex')}`);
    const probeToken = `
const self = await api('GET', 'auth/token/lookup-self');
console.log('policies: ' + self.json.data.policies.join(','));
console.log('other policy: ' + (await api('PUT', 'sys/policies/acl/other', { policy: 'path "*" { capabilities = ["sudo", "read"] }' })).status);
console.log('secret_id: ' + (await api('POST', 'auth/approle/role/mini-app/secret-id', {})).status);
console.log('role without secret_id: ' + (await api('POST', 'auth/approle/role/mini-app', { bind_secret_id: false, token_bound_cidrs: '127.0.0.1' })).status);
console.log('role with explicit bind_secret_id: ' + (await api('POST', 'auth/approle/role/mini-app', { bind_secret_id: 0 })).status);
console.log('role update: ' + (await api('POST', 'auth/approle/role/mini-app', { token_ttl: '10m' })).status);
console.log('other secret: ' + (await api('POST', 'secret/data/database/backend', { data: { password: hex(16) } })).status);
console.log('role_id: ' + (await api('GET', 'auth/approle/role/mini-app/role-id')).status);
console.log('app variables: ' + ['VAULT_ROLE_ID', 'VAULT_SECRET_ID', 'PORT'].filter((name) => name in process.env).length);
(await import('node:fs')).writeFileSync(${JSON.stringify(kept)}, process.env.VAULT_TOKEN);`;
    const lines: string[] = [];
    const report = await grade(
      {
        'setup.mjs': goodSetup({}, probeToken),
        'main.mjs': app(`
const kept = readFileSync(${JSON.stringify(kept)}, 'utf8');
const answer = await fetch(addr + '/v1/auth/token/lookup-self', { headers: { 'X-Vault-Token': kept } });
console.log('kept token after the setup: ' + answer.status);
console.log('VAULT_TOKEN given to the app: ' + ('VAULT_TOKEN' in process.env));
${SERVES_HTTPS}`),
      },
      (event) => event.type === 'program-output' && lines.push(event.line),
      60,
      name,
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        '[setup.mjs] policies: default,mini-project-setup',
        '[setup.mjs] other policy: 403',
        '[setup.mjs] secret_id: 403',
        '[setup.mjs] role without secret_id: 403',
        '[setup.mjs] role with explicit bind_secret_id: 403',
        '[setup.mjs] role update: 204',
        '[setup.mjs] other secret: 403',
        '[setup.mjs] role_id: 200',
        '[setup.mjs] app variables: 0',
        'kept token after the setup: 403',
        'VAULT_TOKEN given to the app: false',
      ]),
    );
    expect(failedIds(report)).toEqual([]);
    await rm(kept, { force: true });
  }, 120_000);
});
