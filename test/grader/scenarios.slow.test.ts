import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gradeChallenge } from '../../src/grader/index.js';
import type { GradeEvent, GradeReport } from '../../src/grader/report.js';
import { availableProviders, programDir, failedIds, check } from './helpers.js';

/**
 * Broken programs for the rotation and orchestrator challenges, made at test time: each fails for
 * the named reason (an app that never re-reads, one that does not renew or log in again, one that
 * exits, one that unwraps twice, one that sends the wrapping token as its secret_id), on every
 * available provider. Programs that leak write what they got to a file in their folder, so the
 * test can prove that no report or shown output line holds it.
 */
const providers = await availableProviders();
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function grade(
  challenge: string,
  source: string,
  provider: string,
  events: GradeEvent[] = [],
): Promise<{ report: GradeReport; dir: string }> {
  const dir = await programDir({ 'main.mjs': `${PRELUDE}\n${source}\n` });
  made.push(dir);
  const report = await gradeChallenge({
    challengeId: challenge,
    dir,
    vault: provider as 'binary',
    timeoutSeconds: 40,
    onEvent: (event) => events.push(event),
  });
  return { report, dir };
}

/** Plain fetch, no dependency: `call(method, path, { token, body })` → { status, json }. */
const PRELUDE = `import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
const addr = process.env.VAULT_ADDR;
async function call(method, path, { token, body } = {}) {
  const headers = token ? { 'X-Vault-Token': token } : {};
  const response = await fetch(addr + '/v1/' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {} };
}
async function login(secretId = process.env.VAULT_SECRET_ID) {
  const { status, json } = await call('POST', 'auth/approle/login', { body: { role_id: process.env.VAULT_ROLE_ID, secret_id: secretId } });
  if (!json.auth) throw new Error('login failed: ' + status);
  return json.auth.client_token;
}`;

/** Reads secret/rotation/database every second with whatever token `token()` gives; `onDenied` decides what a 403 does. */
const rereadLoop = (onDenied: string) => `let token = await login();
let version;
for (;;) {
  const { status, json } = await call('GET', 'secret/data/rotation/database', { token });
  if (status === 403) { ${onDenied} }
  else if (json.data.metadata.version !== version) { version = json.data.metadata.version; console.log('using version ' + version); }
  await sleep(1000);
}`;

describe.skipIf(providers.length === 0)('rotation: broken apps fail for the named reason', () => {
  for (const provider of providers) {
    it.concurrent(`${provider}: an app that never re-reads`, async () => {
      const { report } = await grade(
        'rotation',
        `const token = await login();\nawait call('GET', 'secret/data/rotation/database', { token });\nconsole.log('serving');\nfor (;;) await sleep(1000);`,
        provider,
      );
      expect(failedIds(report)).toEqual(['read-rotated', 'token-renewed']);
      expect(check(report, 'read-rotated').hint).toMatch(/^An app that never re-reads/);
      expect(check(report, 'exit').passed).toBe(true);
    });

    it.concurrent(`${provider}: an app that re-reads but never renews or logs in again`, async () => {
      const { report } = await grade('rotation', rereadLoop(`console.log('refused, carrying on');`), provider);
      expect(failedIds(report)).toEqual(['expired-token-recovered', 'token-renewed']);
      expect(check(report, 'read-rotated').passed).toBe(true);
      expect(check(report, 'token-renewed').detail).toMatch(
        /it neither renewed its token nor logged in again; after .*, \d+ requests? with its expired token (was|were) refused/,
      );
      expect(check(report, 'token-renewed').hint).toMatch(/^An app that does not renew or log in again/);
      expect(check(report, 'expired-token-recovered').hint).toMatch(/When Vault answers 403 permission denied/);
    });

    it.concurrent(
      `${provider}: an app that only logs in again after a 403 passes, and the report says it recovered`,
      async () => {
        const { report } = await grade('rotation', rereadLoop(`token = await login(); continue;`), provider);
        expect(failedIds(report)).toEqual([]);
        expect(check(report, 'expired-token-recovered').detail).toMatch(
          /with an expired token (was|were) refused, and it logged in again and read successfully/,
        );
      },
    );

    it.concurrent(
      `${provider}: an app that renews ahead of time but never handles a 403 (the one designed difference between providers)`,
      async () => {
        // Renews at two thirds of the TTL and logs in again when the renewal is capped by token_max_ttl,
        // but treats any 403 as fatal. A real Vault never makes it see one; the built-in server's
        // fast-forward expires its token between two renewals, as a paused machine would.
        const { report } = await grade(
          'rotation',
          `let token;
let ttl;
let refreshAt;
async function fresh() {
  const { json } = await call('POST', 'auth/approle/login', { body: { role_id: process.env.VAULT_ROLE_ID, secret_id: process.env.VAULT_SECRET_ID } });
  token = json.auth.client_token;
  ttl = json.auth.lease_duration;
  refreshAt = Date.now() + (ttl * 2000) / 3;
}
await fresh();
for (;;) {
  if (Date.now() > refreshAt) {
    const renewed = await call('POST', 'auth/token/renew-self', { token });
    if (renewed.status !== 200) throw new Error('renewal refused: ' + renewed.status);
    if (renewed.json.auth.lease_duration < ttl) await fresh();
    else refreshAt = Date.now() + (renewed.json.auth.lease_duration * 2000) / 3;
  }
  const { status } = await call('GET', 'secret/data/rotation/database', { token });
  if (status !== 200) throw new Error('read refused: ' + status);
  await sleep(1000);
}`,
          provider,
        );
        if (provider === 'embedded') {
          expect(failedIds(report)).toEqual(expect.arrayContaining(['exit', 'token-renewed']));
          expect(check(report, 'exit').detail).toMatch(/exited with status 1.*refused: 403/);
        } else {
          expect(failedIds(report)).toEqual([]);
        }
      },
    );

    it.concurrent(`${provider}: an app that reads once and exits fails \`exit\``, async () => {
      const { report } = await grade(
        'rotation',
        `const token = await login();\nawait call('GET', 'secret/data/rotation/database', { token });`,
        provider,
      );
      expect(failedIds(report)).toEqual(['exit', 'read-rotated', 'token-renewed']);
      expect(check(report, 'exit').detail).toMatch(/^it exited with status 0 after [\d.]+ s, before the rotation$/);
      expect(check(report, 'exit').hint).toMatch(/^This app must keep running/);
    });

    it.concurrent(
      `${provider}: an app that prints the rotated password is caught, and nothing holds the value`,
      async () => {
        const events: GradeEvent[] = [];
        const { report, dir } = await grade(
          'rotation',
          rereadLoop(`token = await login(); continue;`).replace(
            "console.log('using version ' + version);",
            "writeFileSync('seen-' + version, json.data.data.password); if (version > 1) console.log('now using ' + json.data.data.password);",
          ),
          provider,
          events,
        );
        expect(failedIds(report)).toEqual(['no-leak']);
        expect(check(report, 'no-leak').detail).toMatch(
          /secret\/rotation\/database password \(the rotated version\) \(as is\) on stdout/,
        );
        const values = await Promise.all(['seen-1', 'seen-2'].map((name) => readFile(join(dir, name), 'utf8')));
        const shown = JSON.stringify(events);
        for (const value of values) {
          expect(value.length).toBe(32);
          expect(JSON.stringify(report)).not.toContain(value);
          expect(shown).not.toContain(value);
        }
      },
    );
  }
});

/** Unwraps the token in the file (as the client token): `unwrap()` → the answer. */
const UNWRAP = `const file = process.env.VAULT_WRAPPED_SECRET_ID_FILE;
const wrappingToken = readFileSync(file, 'utf8').trim();
const unwrap = () => call('POST', 'sys/wrapping/unwrap', { token: wrappingToken });`;

describe.skipIf(providers.length === 0)('orchestrator: broken programs fail for the named reason', () => {
  for (const provider of providers) {
    it.concurrent(`${provider}: a program that unwraps twice`, async () => {
      const { report } = await grade(
        'orchestrator',
        `${UNWRAP}
const first = await unwrap();
const second = await unwrap();
console.log('second unwrap answered ' + second.status);
const token = await login(first.json.data.secret_id);
await call('GET', 'secret/data/orchestrator/api', { token });`,
        provider,
      );
      expect(failedIds(report)).toEqual(['unwrap-once']);
      expect(check(report, 'unwrap-once').detail).toBe(
        'it unwrapped the token twice: Vault refused the second time (wrapping token is not valid or does not exist): a wrapping token works once',
      );
      expect(check(report, 'unwrap').passed).toBe(true);
    });

    it.concurrent(`${provider}: a program that sends the wrapping token as its secret_id`, async () => {
      const { report } = await grade(
        'orchestrator',
        `${UNWRAP}\nconst token = await login(wrappingToken);\nawait call('GET', 'secret/data/orchestrator/api', { token });`,
        provider,
      );
      expect(failedIds(report)).toEqual(['exit', 'login', 'read-api-key', 'unwrap']);
      expect(check(report, 'login').detail).toMatch(
        /^1 login attempt with the wrapping token as the secret_id \(Vault answered: invalid (credentials|role or secret ID)\)$/,
      );
      for (const id of ['login', 'unwrap'])
        expect(check(report, id).hint).toMatch(/^The file holds a wrapping token, not the secret_id: unwrap it first/);
    });

    it.concurrent(`${provider}: a program that looks for VAULT_SECRET_ID gets a hint about the file`, async () => {
      const { report } = await grade(
        'orchestrator',
        `const token = await login(process.env.VAULT_SECRET_ID);`,
        provider,
      );
      expect(failedIds(report)).toEqual(['exit', 'login', 'read-api-key', 'unwrap']);
      expect(check(report, 'login').hint).toMatch(/there is no VAULT_SECRET_ID in this challenge/);
    });

    it.concurrent(
      `${provider}: the token file is private, holds only the token, and is gone afterwards; a leaked secret_id is caught`,
      async () => {
        const events: GradeEvent[] = [];
        const { report, dir } = await grade(
          'orchestrator',
          `${UNWRAP}
const mode = (path) => (statSync(path).mode & 0o777).toString(8);
console.log('file ' + file + ' mode ' + mode(file) + ' folder mode ' + mode(dirname(file)) + ' secret_id variable ' + (process.env.VAULT_SECRET_ID === undefined ? 'absent' : 'present'));
console.log('token has ' + readFileSync(file, 'utf8').split('\\n').length + ' line(s)');
const { json } = await unwrap();
writeFileSync('seen', json.data.secret_id + '\\n' + wrappingToken);
console.log('debug: secret_id=' + json.data.secret_id);
const token = await login(json.data.secret_id);
await call('GET', 'secret/data/orchestrator/api', { token });`,
          provider,
          events,
        );
        expect(failedIds(report)).toEqual(['no-leak']);
        expect(check(report, 'no-leak').detail).toMatch(/the unwrapped secret_id \(as is\) on stdout/);
        const lines = events.flatMap((event) => (event.type === 'program-output' ? [event.line] : []));
        const described = lines.find((line) => line.startsWith('file '))!;
        expect(described).toMatch(/ mode 600 folder mode 700 secret_id variable absent$/);
        expect(lines).toContain('token has 1 line(s)');
        const file = /^file (\S+) /.exec(described)![1]!;
        await expect(access(file)).rejects.toThrow();
        await expect(access(dirname(file))).rejects.toThrow();
        const [secretId, wrappingToken] = (await readFile(join(dir, 'seen'), 'utf8')).split('\n');
        for (const value of [secretId!, wrappingToken!]) {
          expect(value.length).toBeGreaterThan(20);
          expect(JSON.stringify(report)).not.toContain(value);
          expect(JSON.stringify(events)).not.toContain(value);
        }
      },
    );
  }
});

function dirname(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}
