import { describe, expect, it } from 'vitest';
import { loadVaultChallenge as loadChallenge } from '../../src/course/challenges.js';
import { plannedChecks, type ProgramOutcome } from '../../src/grader/kinds/vault-app/checks.js';
import { AppTokens, durationSeconds } from '../../src/grader/kinds/vault-app/app-tokens.js';
import { plannedChecksFor } from '../../src/grader/kinds.js';
import { orchestratorVariables } from '../../src/grader/kinds/orchestrator/kind.js';
import { inPlannedOrder } from '../../src/grader/planned-checks.js';
import { withoutProvidedVariables } from '../../src/grader/source/hints.js';
import {
  orchestratorVerdicts,
  type LoginAttemptSummary,
  type UnwrapAttempt,
} from '../../src/grader/kinds/orchestrator/orchestrator-checks.js';
import { rotationOf } from '../../src/grader/kinds/rotation/rotation-scenario.js';
import { rotationVerdicts, type RotationTimeline } from '../../src/grader/kinds/rotation/rotation-checks.js';
import type { AuditEntry } from '../../src/vault/audit/entry.js';

/**
 * The scenarios' verdicts on audit trails shaped as OpenBao writes them (see the captured shapes
 * in evidence-checks.test.ts): a login answer carries the new token's HMAC and accessor; a request
 * with a token Vault no longer knows has the token's HMAC but no accessor, and is refused.
 */
const ROLE = 'hmac-sha256:role';
/** The audit log's HMAC of a value; a name, not a literal, so the repository's own scan stays clean. */
const HASHED = 'hmac-sha256:p';
const T0 = Date.parse('2026-11-28T10:00:00Z');
let counter = 0;
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

function login(seconds: number, n: number): AuditEntry {
  return {
    time: at(seconds),
    type: 'response',
    auth: { accessor: `acc-${n}`, client_token: `tok-${n}` },
    request: {
      id: `r${++counter}`,
      operation: 'update',
      path: 'auth/approle/login',
      data: { role_id: ROLE, secret_id: 'hmac-sha256:s' },
    },
    response: { auth: { accessor: `acc-${n}`, client_token: `tok-${n}` } },
  };
}

function read(
  seconds: number,
  n: number,
  options: { version?: number; dead?: boolean; path?: string } = {},
): AuditEntry {
  const request = {
    id: `r${++counter}`,
    operation: 'read' as const,
    path: options.path ?? 'secret/data/rotation/database',
    client_token: `tok-${n}`,
  };
  if (options.dead)
    return {
      time: at(seconds),
      type: 'response',
      auth: {},
      request,
      error: '1 error occurred:\n\t* permission denied\n\n',
    };
  return {
    time: at(seconds),
    type: 'response',
    auth: { accessor: `acc-${n}`, client_token: `tok-${n}` },
    request: { ...request, client_token_accessor: `acc-${n}` },
    response: { data: { data: { password: HASHED }, metadata: { version: options.version ?? 1 } } },
  };
}

function renew(seconds: number, n: number): AuditEntry {
  return {
    time: at(seconds),
    type: 'response',
    auth: { accessor: `acc-${n}`, client_token: `tok-${n}` },
    request: { id: `r${++counter}`, operation: 'update', path: 'auth/token/renew-self', client_token: `tok-${n}` },
  };
}

const { definition } = await loadChallenge('rotation');
const scenario = rotationOf(definition);
const stopped: ProgramOutcome = {
  kind: 'ran',
  allReadsSeen: false,
  result: { timedOut: false, stoppedByGrader: true, durationMs: 9000, signal: 'SIGTERM' },
};
const exitedEarly: ProgramOutcome = {
  kind: 'ran',
  allReadsSeen: true,
  result: { exitCode: 0, timedOut: false, stoppedByGrader: false, durationMs: 900 },
};
/** Login at 0 s, first read at 0.1 s, rotation at 1.1 s (version 2), the first token's end at 6 s. */
const timeline = (entries: AuditEntry[], overrides: Partial<RotationTimeline> = {}): RotationTimeline => {
  const tokens = trail(entries);
  return {
    firstRead: tokens.requests.find((request) => request.operation === 'read' && request.success),
    rotation: { time: T0 + 1100, version: 2 },
    expiry: { time: T0 + 6000, how: 'max-ttl' },
    ...overrides,
  };
};

function trail(entries: AuditEntry[]): AppTokens {
  const tokens = new AppTokens(ROLE);
  for (const entry of entries) tokens.add(entry);
  return tokens;
}

function verdicts(
  entries: AuditEntry[],
  options: { outcome?: ProgramOutcome; timeline?: Partial<RotationTimeline>; complete?: boolean } = {},
) {
  const result = rotationVerdicts({
    definition,
    scenario,
    maxTtlSeconds: 6,
    tokens: trail(entries),
    timeline: timeline(entries, options.timeline),
    outcome: options.outcome ?? stopped,
    complete: options.complete ?? false,
  });
  return Object.fromEntries(
    [...result].map(([id, [passed, detail, hint]]) => [id, { passed, detail, hint: hint ?? '' }]),
  );
}

describe('rotation verdicts', () => {
  it('passes an app that re-reads, renews, logs in again at the max TTL', () => {
    const result = verdicts(
      [
        login(0, 1),
        read(0.1, 1),
        read(1.1, 1),
        renew(2, 1),
        read(2.1, 1, { version: 2 }),
        read(3.1, 1, { version: 2 }),
        login(4, 2),
        read(4.1, 2, { version: 2 }),
        read(6.1, 2, { version: 2 }),
      ],
      { complete: true },
    );
    expect(result['read-rotated']).toMatchObject({
      passed: true,
      detail: 'read version 2 1.0 s after the rotation (the window is 5 s)',
    });
    expect(result['token-renewed']).toMatchObject({ passed: true });
    expect(result['token-renewed']!.detail).toMatch(
      /^it renewed its token once and logged in again once; after its first token reached token_max_ttl \(6 s\), it read .* again 0\.1 s later/,
    );
    expect(result['expired-token-recovered']).toMatchObject({
      passed: true,
      detail: 'no request was refused for an expired token: it kept its token fresh ahead of time',
    });
    expect(result.exit).toMatchObject({ passed: true });
  });

  it('fails an app that never re-reads, for the right reason', () => {
    const result = verdicts([login(0, 1), read(0.1, 1)]);
    expect(result['read-rotated']).toMatchObject({
      passed: false,
      detail: 'after the rotation (version 2) it never asked for secret/data/rotation/database again',
    });
    expect(result['read-rotated']!.hint).toMatch(/^An app that never re-reads/);
    expect(result['token-renewed']).toMatchObject({ passed: false });
    expect(result['token-renewed']!.detail).toMatch(
      /it neither renewed its token nor logged in again; it sent no request after/,
    );
    expect(result['expired-token-recovered']!.passed).toBe(true);
  });

  it('fails an app that re-reads but never renews or logs in again', () => {
    const reads = [1.1, 2.1, 3.1, 4.1, 5.1, 6.1, 7.1].map((seconds) =>
      read(seconds, 1, { version: 2, dead: seconds > 3 }),
    );
    const result = verdicts([login(0, 1), read(0.1, 1), ...reads]);
    expect(result['read-rotated']!.passed).toBe(true);
    expect(result['token-renewed']).toMatchObject({ passed: false });
    expect(result['token-renewed']!.detail).toMatch(
      /it neither renewed its token nor logged in again; after its first token reached token_max_ttl \(6 s\), 2 requests with its expired token were refused/,
    );
    expect(result['token-renewed']!.hint).toMatch(
      /^An app that does not renew or log in again: its token lives 3 s \(token_ttl\) and at most 6 s/,
    );
    expect(result['expired-token-recovered']).toMatchObject({ passed: false });
    expect(result['expired-token-recovered']!.detail).toMatch(
      /^4 requests with an expired token were refused and not followed by a new login/,
    );
  });

  it('says so when an app renews but never logs in again at the max TTL', () => {
    const result = verdicts([
      login(0, 1),
      read(0.1, 1),
      renew(2, 1),
      read(2.1, 1, { version: 2 }),
      renew(4, 1),
      read(5, 1, { version: 2 }),
      read(6.5, 1, { dead: true }),
      read(7.5, 1, { dead: true }),
    ]);
    expect(result['token-renewed']!.detail).toMatch(
      /^it renewed its token twice; after .* 2 requests with its expired token were refused/,
    );
    expect(result['token-renewed']!.hint).toMatch(/a token cannot be renewed past token_max_ttl \(6 s\)/);
  });

  it('passes an app that recovers from a 403 by logging in again (the fast-forward on the embedded server)', () => {
    const entries = [
      login(0, 1),
      read(0.1, 1),
      read(1.1, 1, { version: 2 }),
      read(10.2, 1, { dead: true }),
      login(10.3, 2),
      read(10.4, 2, { version: 2 }),
    ];
    const result = verdicts(entries, {
      timeline: { expiry: { time: T0 + 10_000, how: 'fast-forward', advancedSeconds: 7 } },
      complete: true,
    });
    expect(result['token-renewed']).toMatchObject({ passed: true });
    expect(result['token-renewed']!.detail).toMatch(
      /the grader fast-forwarded Vault's clock by 7 s, past token_max_ttl/,
    );
    expect(result['expired-token-recovered']).toMatchObject({
      passed: true,
      detail:
        '1 request with an expired token was refused, and it logged in again and read successfully (0.2 s after the first refusal)',
    });
  });

  it('does not count a refusal that was the last thing before the grader stopped the program', () => {
    const result = verdicts([
      login(0, 1),
      read(0.1, 1),
      read(1.1, 1, { version: 2 }),
      login(4, 2),
      read(6.2, 2, { version: 2 }),
      read(10.9, 1, { dead: true }),
    ]);
    expect(result['expired-token-recovered']!.passed).toBe(true);
  });

  it('fails a read of the new version outside the window, and a read that keeps getting the old one', () => {
    const late = verdicts([login(0, 1), read(0.1, 1), login(7, 2), read(7.2, 2, { version: 2 })]);
    expect(late['read-rotated']).toMatchObject({
      passed: false,
      detail: 'read version 2 only 6.1 s after the rotation (the window is 5 s)',
    });
    const stale = verdicts([login(0, 1), read(0.1, 1), read(1.5, 1, { version: 1 }), read(2.5, 1, { version: 1 })]);
    expect(stale['read-rotated']!.detail).toBe(
      'it read secret/data/rotation/database twice after the rotation, and got version 1 every time, not version 2',
    );
  });

  it('fails `exit` for an app that exits on its own, and explains a program that stopped before the rotation', () => {
    const result = verdicts([login(0, 1), read(0.1, 1)], {
      outcome: exitedEarly,
      timeline: { rotation: undefined, expiry: undefined },
    });
    expect(result.exit).toMatchObject({
      passed: false,
      detail: 'it exited with status 0 after 0.9 s, before the rotation',
    });
    expect(result.exit!.hint).toMatch(/^This app must keep running/);
    expect(result['read-rotated']!.detail).toBe(
      'the program stopped before the rotation, which comes 1 s after its first read',
    );
    expect(result['token-renewed']!.detail).toMatch(/the program stopped before its first token expired/);
    const graderFailed = verdicts([login(0, 1), read(0.1, 1)], {
      timeline: { rotation: undefined, expiry: undefined, rotationError: 'transaction commit failed' },
    });
    expect(graderFailed['read-rotated']).toMatchObject({
      passed: false,
      detail: 'the grader could not write the new version (transaction commit failed)',
    });
    expect(graderFailed['read-rotated']!.hint).toMatch(/grader's failure, not your program's/);
  });
});

describe('orchestrator verdicts', () => {
  const ran: ProgramOutcome = {
    kind: 'ran',
    allReadsSeen: true,
    result: { exitCode: 0, timedOut: false, stoppedByGrader: false, durationMs: 500 },
  };
  const unwrap = (seconds: number, success: boolean, ours = true): UnwrapAttempt => ({
    time: T0 + seconds * 1000,
    success,
    ours,
    error: success ? undefined : 'wrapping token is not valid or does not exist',
  });
  const goodLogin: LoginAttemptSummary = {
    success: true,
    issuedRole: true,
    secretId: 'unwrapped',
    missingSecretId: false,
  };
  const judge = (unwraps: UnwrapAttempt[], logins: LoginAttemptSummary[]) =>
    Object.fromEntries(
      [...orchestratorVerdicts({ unwraps, logins, createdAt: T0, ttlSeconds: 30, outcome: ran })].map(
        ([id, [passed, detail, hint]]) => [id, { passed, detail, hint: hint ?? '' }],
      ),
    );

  it('passes one unwrap and a login with the unwrapped secret_id', () => {
    const result = judge([unwrap(0.4, true)], [goodLogin]);
    expect(result.unwrap).toMatchObject({
      passed: true,
      detail: 'unwrapped the wrapping token 0.4 s after the orchestrator made it (its TTL: 30 s)',
    });
    expect(result['unwrap-once']).toMatchObject({ passed: true, detail: 'it unwrapped the token once' });
    expect(result.login).toMatchObject({
      passed: true,
      detail: 'logged in with the role_id it was given and the secret_id it unwrapped',
    });
  });

  it('fails a second unwrap and says Vault refused it', () => {
    const result = judge([unwrap(0.4, true), unwrap(0.5, false)], [goodLogin]);
    expect(result.unwrap!.passed).toBe(true);
    expect(result['unwrap-once']).toMatchObject({
      passed: false,
      detail:
        'it unwrapped the token twice: Vault refused the second time (wrapping token is not valid or does not exist): a wrapping token works once',
    });
    expect(result['unwrap-once']!.hint).toMatch(/^Unwrap it a single time/);
  });

  it('fails the wrapping token sent as the secret_id, with a hint on both checks', () => {
    const result = judge(
      [],
      [
        {
          success: false,
          issuedRole: true,
          secretId: 'wrapping-token',
          missingSecretId: false,
          error: 'invalid role or secret ID',
        },
      ],
    );
    expect(result.unwrap).toMatchObject({
      passed: false,
      detail: 'it never unwrapped the token: it sent it to auth/approle/login as if it were the secret_id',
    });
    expect(result.login).toMatchObject({
      passed: false,
      detail: '1 login attempt with the wrapping token as the secret_id (Vault answered: invalid role or secret ID)',
    });
    for (const id of ['unwrap', 'login'])
      expect(result[id]!.hint).toMatch(/^The file holds a wrapping token, not the secret_id: unwrap it first/);
  });

  it('explains an unwrap after the TTL, an unwrap with another token, and a login without a secret_id', () => {
    expect(judge([unwrap(31, false)], []).unwrap!.detail).toBe(
      'it tried to unwrap the token once and Vault refused (wrapping token is not valid or does not exist): its 30 s TTL had passed',
    );
    expect(judge([unwrap(1, false, false)], []).unwrap!.hint).toMatch(/not the file name/);
    const noSecret = judge(
      [],
      [{ success: false, issuedRole: true, secretId: 'other', missingSecretId: true, error: 'missing secret_id' }],
    );
    expect(noSecret.login!.hint).toMatch(/there is no VAULT_SECRET_ID in this challenge/);
  });
});

describe('the scenario extension point', () => {
  it('puts scenario checks before login or after the reads', async () => {
    const orchestrator = (await loadChallenge('orchestrator')).definition;
    expect(plannedChecksFor(orchestrator).map((check) => check.id)).toEqual([
      'unwrap',
      'login',
      'read-api-key',
      'unwrap-once',
      'exit',
      'no-leak',
      'no-hardcoded-secret',
      'no-committed-env',
    ]);
    expect(plannedChecksFor(definition).map((check) => check.id)).toEqual([
      'login',
      'read-password',
      'read-rotated',
      'token-renewed',
      'expired-token-recovered',
      'exit',
      'no-leak',
      'no-hardcoded-secret',
      'no-committed-env',
    ]);
    const titles = new Map(plannedChecksFor(definition).map((check) => [check.id, check.title]));
    expect(titles.get('exit')).toBe('Keeps running until the grader stops it (a long-running app)');
    const orchestratorTitles = new Map(plannedChecksFor(orchestrator).map((check) => [check.id, check.title]));
    expect(orchestratorTitles.get('login')).toBe(
      'Logs in with AppRole using the role_id it was given and the secret_id it unwrapped',
    );
    const approle = (await loadChallenge('approle')).definition;
    expect(plannedChecksFor(approle)).toEqual(plannedChecks(approle));
  });

  it('replaces standard verdicts, adds the scenario ones, and marks unchecked ones failed', () => {
    const planned = [
      { id: 'login', title: 'Login (retitled)' },
      { id: 'unwrap', title: 'Unwrap' },
      { id: 'exit', title: 'Exit' },
    ];
    const standard = [
      { id: 'login', title: 'Login', passed: true, detail: 'ok', hint: '' },
      { id: 'exit', title: 'Exit', passed: true, detail: 'ok', hint: '' },
    ];
    const merged = inPlannedOrder(
      planned,
      standard,
      new Map([['exit', [false, 'exited early', 'keep running'] as [boolean, string, string]]]),
    );
    expect(merged).toEqual([
      { id: 'login', title: 'Login (retitled)', passed: true, detail: 'ok', hint: '' },
      {
        id: 'unwrap',
        title: 'Unwrap',
        passed: false,
        detail: 'the program did not run',
        hint: 'Fix what stopped it first (see the `exit` check).',
      },
      { id: 'exit', title: 'Exit', passed: false, detail: 'exited early', hint: 'keep running' },
    ]);
  });

  it('removes and adds program variables, and does not call a variable it sets a wrong name', () => {
    const variables = orchestratorVariables({ VAULT_ADDR: 'a', VAULT_SECRET_ID: 's' }, '/tmp/x/wrapped-secret-id');
    expect(variables).toEqual({
      VAULT_ADDR: 'a',
      VAULT_WRAPPED_SECRET_ID_FILE: '/tmp/x/wrapped-secret-id',
    });
    const hints = {
      fixedAddresses: [],
      wrongVariables: [
        { name: 'VAULT_WRAPPED_SECRET_ID_FILE', file: 'app.py', line: 3 },
        { name: 'VAULT_TOKEN', file: 'app.py', line: 4 },
      ],
    };
    expect(
      withoutProvidedVariables(hints, Object.keys(variables)).wrongVariables.map((variable) => variable.name),
    ).toEqual(['VAULT_TOKEN']);
  });

  it('reads role durations as Vault does', () => {
    expect([durationSeconds('3s'), durationSeconds('6'), durationSeconds('1m30s'), durationSeconds('1h')]).toEqual([
      3, 6, 90, 3600,
    ]);
    expect(() => durationSeconds('soon')).toThrow(/not a duration/);
  });
});
