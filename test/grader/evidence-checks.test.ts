import { describe, expect, it } from 'vitest';
import { loadVaultChallenge } from '../../src/course/challenges.js';
import { evaluateChecks, type CheckInputs, type ProgramOutcome } from '../../src/grader/kinds/vault-app/checks.js';
import { collectEvidence } from '../../src/grader/kinds/vault-app/evidence.js';
import type { AuditEntry } from '../../src/vault/audit/entry.js';

/** Audit entries shaped as OpenBao writes them (captured from a real run, values replaced). */
const ROLE = 'hmac-sha256:role';
const ACCESSOR = 'hmac-sha256:accessor-from-login';
let id = 0;

function pair(
  path: string,
  operation: 'read' | 'update',
  options: {
    data?: Record<string, unknown>;
    accessor?: string;
    token?: boolean;
    error?: string;
    loginAccessor?: string;
  } = {},
): AuditEntry[] {
  const request = {
    id: `req-${++id}`,
    operation,
    path,
    data: options.data,
    client_token: options.token === false ? undefined : options.accessor ? 'hmac-sha256:token' : undefined,
  };
  const auth = options.accessor ? { accessor: options.accessor, client_token: 'hmac-sha256:token' } : {};
  return [
    { time: '2026-11-28T10:00:00.1Z', type: 'request', auth, request, error: options.error },
    {
      time: '2026-11-28T10:00:00.2Z',
      type: 'response',
      auth,
      request,
      response: options.loginAccessor
        ? { auth: { accessor: options.loginAccessor, client_token: 'hmac-sha256:token' } }
        : { data: options.error ? { error: 'hmac-sha256:x' } : { data: {} } },
      error: options.error,
    },
  ];
}

const login = (role = ROLE, error?: string) =>
  pair('auth/approle/login', 'update', {
    data: { role_id: role, secret_id: 'hmac-sha256:s' },
    loginAccessor: error ? undefined : ACCESSOR,
    error,
  });
const read = (path: string, accessor: string | undefined = ACCESSOR, error?: string) =>
  pair(path, 'read', { accessor, error, token: accessor !== undefined });

const { definition } = await loadVaultChallenge('approle');
const exited = (
  exitCode: number,
  extra: Partial<Extract<ProgramOutcome, { kind: 'ran' }>['result']> = {},
): ProgramOutcome => ({
  kind: 'ran',
  allReadsSeen: false,
  result: { exitCode, timedOut: false, stoppedByGrader: false, durationMs: 100, ...extra },
});

function grade(entries: AuditEntry[], overrides: Partial<CheckInputs> = {}) {
  const evidence = collectEvidence(entries, { mount: 'secret', reads: definition.reads, roleIdHash: ROLE });
  const checks = evaluateChecks({
    definition,
    evidence,
    outcome: exited(0),
    timeoutSeconds: 30,
    leaks: [],
    sourceFindings: [],
    envFiles: { kind: 'not-a-repo' },
    hints: { wrongVariables: [], fixedAddresses: [] },
    ...overrides,
  });
  return Object.fromEntries(checks.map((check) => [check.id, check]));
}

describe('evidence from the audit trail', () => {
  it('links a read to the login through the token accessor', () => {
    const checks = grade([...login(), ...read('secret/data/database/backend')]);
    expect(checks.login!.passed).toBe(true);
    expect(checks['read-password']).toMatchObject({
      passed: true,
      hint: '',
      detail: 'read secret/data/database/backend at 10:00:00 with the token from the login',
    });
  });

  it('does not count a read by a token that came from elsewhere, nor a login with another role_id', () => {
    const checks = grade([
      ...login('hmac-sha256:other-role'),
      ...read('secret/data/database/backend', 'hmac-sha256:someone-else'),
    ]);
    expect(checks.login).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/role_id that is not the one issued/),
    });
    expect(checks['read-password']).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/token that did not come from its AppRole login/),
    });
  });

  it('names a KV v1 path without /data/', () => {
    const checks = grade([
      ...login(),
      ...read('secret/database/backend', ACCESSOR, '1 error occurred:\n\t* permission denied\n\n'),
    ]);
    expect(checks['read-password']!.detail).toBe(
      'it asked for secret/database/backend (Vault answered: permission denied), not secret/data/database/backend',
    );
    expect(checks['read-password']!.hint).toMatch(/^A KV v1 path without \/data\/: secret\/ is a KV version 2 engine/);
  });

  it('names a read of the metadata, and a read of a wrong path', () => {
    expect(
      grade([...login(), ...read('secret/metadata/database/backend', ACCESSOR, 'permission denied')])['read-password']!
        .hint,
    ).toMatch(/under data\/, not metadata\//);
    expect(
      grade([...login(), ...read('secret/data/database/backnd', ACCESSOR, 'permission denied')])['read-password']!
        .detail,
    ).toMatch(/no read of secret\/data\/database\/backend; it asked for secret\/data\/database\/backnd/);
  });

  it('a login that never happened, a missing role_id with the wrong variable named, a hard-coded address, a timeout before any request', () => {
    expect(grade(read('secret/data/database/backend', undefined, 'permission denied')).login!.hint).toMatch(
      /^A login that never happened/,
    );

    const missing = grade(
      pair('auth/approle/login', 'update', {
        data: { role_id: null, secret_id: 'hmac-sha256:s' },
        error: 'missing role_id',
      }),
      {
        hints: {
          wrongVariables: [{ name: 'ROLE_ID', meant: 'VAULT_ROLE_ID', file: 'app.py', line: 4 }],
          fixedAddresses: [],
        },
      },
    );
    expect(missing.login!.detail).toBe('1 login attempt, the last without a role_id (Vault answered: missing role_id)');
    expect(missing.login!.hint).toBe(
      'A wrong variable name: app.py:4 reads ROLE_ID, which is not set; the grader sets VAULT_ROLE_ID.',
    );

    const address = grade([], {
      outcome: exited(1),
      hints: { wrongVariables: [], fixedAddresses: [{ text: 'http://127.0.0.1:8200', file: 'main.go', line: 12 }] },
    });
    expect(address.login!.hint).toMatch(
      /^A hard-coded address instead of VAULT_ADDR: main\.go:12 uses http:\/\/127\.0\.0\.1:8200/,
    );

    const timeout = grade([], {
      outcome: {
        kind: 'ran',
        allReadsSeen: false,
        result: { timedOut: true, stoppedByGrader: false, durationMs: 30_000, signal: 'SIGTERM' },
      },
    });
    expect(timeout.login!.hint).toMatch(/^A timeout before any request/);
    expect(timeout.exit!.detail).toMatch(/still running after the 30 s timeout, before sending any request to Vault/);
  });

  it('passes a server stopped after its reads, and fails a crash after reading', () => {
    const entries = [...login(), ...read('secret/data/database/backend')];
    const server = grade(entries, {
      outcome: {
        kind: 'ran',
        allReadsSeen: true,
        result: { stoppedByGrader: true, timedOut: false, durationMs: 900, signal: 'SIGTERM' },
      },
    });
    expect(server.exit!.passed).toBe(true);
    const crash = grade(entries, {
      outcome: { ...exited(2), allReadsSeen: true } as ProgramOutcome,
      lastErrorLine: 'Error: boom',
    });
    expect(crash.exit).toMatchObject({
      passed: false,
      detail: 'exited with status 2 after reading every secret; its last output line: "Error: boom"',
    });
    // Still running at the timeout after every read (the grader was waiting for something else, such as log lines): not an exit problem.
    const waited = grade(entries, {
      outcome: {
        kind: 'ran',
        allReadsSeen: true,
        result: { stoppedByGrader: false, timedOut: true, durationMs: 30_000, signal: 'SIGTERM' },
      },
    });
    expect(waited.exit).toMatchObject({
      passed: true,
      detail: 'it was still running at the 30 s timeout, after every read (a program that keeps running passes)',
    });
  });

  it('names missing dependencies as the cause when the program could not load its client library', () => {
    const cases: Array<[string, RegExp]> = [
      [
        "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'node-vault' imported from /work/main.js",
        /not installed \(node-vault\): run npm install/,
      ],
      ["ModuleNotFoundError: No module named 'hvac'", /cannot import hvac: .*python3 -m pip install hvac/],
    ];
    for (const [line, hint] of cases) {
      expect(grade([], { outcome: exited(1), lastErrorLine: line }).exit).toMatchObject({
        passed: false,
        hint: expect.stringMatching(hint),
      });
    }
    const goBuild = grade([], {
      outcome: {
        kind: 'build-failed',
        message: 'go build: main.go:8:2: no required module provides package github.com/hashicorp/vault/api',
      },
    });
    expect(goBuild.exit!.hint).toMatch(/go mod tidy/);
    // Any other error, or a missing file of its own, keeps the general hint.
    expect(grade([], { outcome: exited(1), lastErrorLine: 'Error: boom' }).exit!.hint).toMatch(/stopped with an error/);
    expect(
      grade([], { outcome: exited(1), lastErrorLine: "Error: Cannot find module './config.js'" }).exit!.hint,
    ).toMatch(/stopped with an error/);
  });

  it('reports leaks, hard-coded secrets and tracked .env files by name and place, never by value', () => {
    const checks = grade([...login(), ...read('secret/data/database/backend')], {
      leaks: [{ secret: 'secret/database/backend password', form: 'base64', stream: 'stderr', count: 1 }],
      sourceFindings: [
        {
          file: 'app.py',
          line: 3,
          column: 15,
          ruleId: 'secret-assignment',
          category: 'high-entropy',
          title: 'a secret-looking value assigned to a secret-looking name',
          preview: 'Hu…',
          fingerprint: '0123456789ab',
        },
      ],
      envFiles: { kind: 'repo', tracked: ['.env'] },
    });
    expect(checks['no-leak']!.detail).toBe('it printed secret/database/backend password (base64) on stderr');
    expect(checks['no-hardcoded-secret']!.detail).toBe(
      'app.py:3: a secret-looking value assigned to a secret-looking name',
    );
    expect(checks['no-committed-env']).toMatchObject({
      passed: false,
      detail: 'git tracks .env',
      hint: expect.stringMatching(/git rm --cached \.env/),
    });
  });
});

describe('evidence the server did not write', () => {
  const passing = () => [...login(), ...read('secret/data/database/backend')];
  const responses = (entries: AuditEntry[]) => entries.filter((entry) => entry.type === 'response');
  const evidenceOf = (entries: AuditEntry[]) =>
    collectEvidence(entries, { mount: 'secret', reads: definition.reads, roleIdHash: ROLE });

  it('counts a real login and read', () => {
    const evidence = evidenceOf(passing());
    expect(evidence.logins.filter((attempt) => attempt.success)).toHaveLength(1);
    expect([...evidence.reads.keys()]).toEqual(['read-password']);
  });

  it('ignores responses that answer no logged request (a forger appending only the results)', () => {
    const evidence = evidenceOf(responses(passing()));
    expect(evidence.logins).toEqual([]);
    expect(evidence.reads.size).toBe(0);
  });

  it('ignores a second answer to one request (a failed login replayed as a success)', () => {
    const failed = login(ROLE, 'invalid secret id');
    const replayed = { ...responses(login())[0]!, request: failed[1]!.request };
    const evidence = evidenceOf([...failed, replayed, ...read('secret/data/database/backend')]);
    expect(evidence.logins.map((attempt) => attempt.success)).toEqual([false]);
    expect(evidence.reads.size).toBe(0);
  });
});
