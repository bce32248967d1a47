import { describe, expect, it } from 'vitest';
import { loadVaultChallenge } from '../../src/course/challenges.js';
import { projectPlan } from '../../src/grader/kinds/project/kind.js';
import { setupVerdicts } from '../../src/grader/kinds/project/setup-checks.js';
import type { SetupEvidence } from '../../src/grader/kinds/project/setup-evidence.js';
import type { SetupOutcome } from '../../src/grader/kinds/project/setup-script.js';
import { tlsVerdict } from '../../src/grader/kinds/project/tls-check.js';
import type { ProbeAnswer, TlsProbe } from '../../src/grader/kinds/project/tls-probe.js';
import { generateTlsPair } from '../../src/grader/kinds/vault-app/tls.js';
import type { RunResult } from '../../src/grader/program/run-program.js';

/**
 * The mini project's verdicts from evidence made by hand: what each part-1 failure says and
 * hints, and what `serves-tls` says about what it met on the port. The runs behind them are in
 * project.slow.test.ts.
 */
const { definition } = await loadVaultChallenge('mini-project');
const script = { file: 'setup.sh', command: 'sh setup.sh' };

function ran(result: Partial<RunResult>, output = { chunks: [], overflow: false }): SetupOutcome {
  return {
    kind: 'ran',
    script,
    output,
    result: { timedOut: false, stoppedByGrader: false, durationMs: 1234, exitCode: 0, ...result },
  };
}

function evidence(outcome: SetupOutcome, more: Partial<SetupEvidence> = {}): SetupEvidence {
  return {
    outcome,
    steps: definition.setup.map((step) => ({ ...step, outcome: { done: true, detail: `${step.id} holds` } })),
    leaks: [],
    files: new Set(outcome.kind === 'missing' ? [] : [script.file]),
    findings: [],
    storedInFiles: [],
    ...more,
  };
}

const verdict = (input: SetupEvidence, id: string) => setupVerdicts(input, definition, 30).get(id)!;

describe('part 1 verdicts', () => {
  it('plans part 1 first, then the app with serves-tls after the reads', () => {
    expect(projectPlan(definition).map((check) => check.id)).toEqual([
      'setup-exit',
      'enable-approle',
      'store-database-url',
      'store-api-key',
      'store-tls',
      'write-policy',
      'create-role',
      'setup-no-leak',
      'setup-no-hardcoded-secret',
      'login',
      'read-database-url',
      'read-api-key',
      'read-tls',
      'serves-tls',
      'exit',
      'no-leak',
      'no-hardcoded-secret',
      'no-committed-env',
    ]);
  });

  it('a missing script fails setup-exit and sends each state check back to it', () => {
    const missing = evidence({ kind: 'missing' });
    missing.steps[0]!.outcome = { done: false, detail: 'no auth method is enabled at auth/approle/' };
    expect(verdict(missing, 'setup-exit')).toEqual([
      false,
      'no setup script in the folder (looked for setup.sh, setup.py, setup.mjs, setup.js)',
      expect.stringMatching(/^Write setup\.sh/),
    ]);
    expect(verdict(missing, 'enable-approle')).toEqual([
      false,
      'no auth method is enabled at auth/approle/',
      expect.stringMatching(/^Write the setup script first \(see `setup-exit`\)\. Your setup script enables/),
    ]);
    expect(verdict(missing, 'setup-no-leak')[0]).toBe(true);
    expect(verdict(missing, 'setup-no-hardcoded-secret')[0]).toBe(true);
  });

  it('names why the script stopped: a refusal of its token, a missing CLI, a timeout', () => {
    const refused = verdict(
      evidence(ran({ exitCode: 2 }), { lastLine: 'Code: 403. Errors: * permission denied' }),
      'setup-exit',
    );
    expect(refused[1]).toBe(
      'sh setup.sh exited with status 2 after 1.2 s; its last words: "Code: 403. Errors: * permission denied"',
    );
    expect(refused[2]).toMatch(/^Vault refused a request\. Its token may do what the task needs and no more/);
    expect(refused[2]).toContain('store the secrets under secret/mini/');
    const noCli = verdict(
      evidence(ran({ exitCode: 127 }), { lastLine: 'setup.sh: 9: vault: not found' }),
      'setup-exit',
    );
    expect(noCli[2]).toMatch(/needs the vault CLI on PATH/);
    const hung = verdict(evidence(ran({ exitCode: undefined, signal: 'SIGTERM', timedOut: true })), 'setup-exit');
    expect(hung[1]).toBe('sh setup.sh was still running after 30 s');
    expect(verdict(evidence(ran({})), 'setup-exit')).toEqual([true, 'sh setup.sh exited with status 0 after 1.2 s']);
  });

  it('a script that prints too much fails setup-no-leak rather than going unchecked', () => {
    const flood = evidence(ran({}, { chunks: [], overflow: true }));
    expect(verdict(flood, 'setup-no-leak')).toEqual([
      false,
      'it printed more than 1 MB, more than the grader checks',
      expect.any(String),
    ]);
  });

  it('a stored value in the script and a key left behind are told apart in the hint', () => {
    const typed = evidence(ran({}), { storedInFiles: [{ file: 'setup.sh', line: 7, name: 'secret/mini/api key' }] });
    expect(verdict(typed, 'setup-no-hardcoded-secret')).toEqual([
      false,
      'setup.sh:7 holds secret/mini/api key',
      expect.stringMatching(/^A value written in a file is not a secret any more/),
    ]);
    const left = evidence(ran({}), {
      files: new Set(['setup.sh', 'key.pem']),
      storedInFiles: [{ file: 'key.pem', line: 1, name: 'secret/mini/tls private_key' }],
    });
    expect(verdict(left, 'setup-no-hardcoded-secret')).toEqual([
      false,
      'key.pem:1 holds secret/mini/tls private_key (written by the script)',
      expect.stringMatching(/private temporary folder \(mktemp -d\)/),
    ]);
  });
});

const [pair, other] = await Promise.all([generateTlsPair('api.mini.internal', 90), generateTlsPair('localhost', 90)]);

describe('serves-tls', () => {
  const der = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const probe = (answer: ProbeAnswer | undefined, accepted = answer !== undefined) =>
    ({ port: 4431, answer, accepted }) as unknown as TlsProbe;
  const stopped = {
    kind: 'ran' as const,
    allReadsSeen: true,
    result: { timedOut: false, stoppedByGrader: true, durationMs: 900 },
  };
  const judge = (answer: ProbeAnswer | undefined, extra: { accepted?: boolean; stored?: string } = {}) =>
    tlsVerdict({
      probe: probe(answer, extra.accepted),
      outcome: stopped,
      tls: definition.project!.tls,
      mount: 'secret',
      stored: 'stored' in extra ? extra.stored : pair.certificate,
      timeoutSeconds: 30,
    });

  it('passes the stored certificate with an HTTP answer', () => {
    const [passed, detail] = judge({
      kind: 'served',
      certificate: der(pair.certificate),
      protocol: 'TLSv1.3',
      statusLine: 'HTTP/1.1 200 OK',
    });
    expect(passed).toBe(true);
    expect(detail).toMatch(
      /^https:\/\/127\.0\.0\.1:4431\/ served the certificate in secret\/mini\/tls \(CN=api\.mini\.internal, sha256 [0-9A-F:]{23}…\) over TLSv1\.3 and answered GET \/ with 200 OK$/,
    );
  });

  it('fails another certificate, a missing one in Vault, no HTTP, no TLS and nothing, each said plainly', () => {
    expect(
      judge({
        kind: 'served',
        certificate: der(other.certificate),
        protocol: 'TLSv1.3',
        statusLine: 'HTTP/1.1 200 OK',
      })[1],
    ).toMatch(
      /^it served CN=localhost, sha256 .*, not the certificate in secret\/mini\/tls \(CN=api\.mini\.internal, sha256 /,
    );
    expect(
      judge({ kind: 'served', certificate: der(pair.certificate), protocol: 'TLSv1.3' }, { stored: undefined })[1],
    ).toMatch(/but secret\/mini\/tls holds no certificate to compare it with$/);
    expect(judge({ kind: 'served', certificate: der(pair.certificate), protocol: 'TLSv1.3' })[1]).toMatch(
      /sent no HTTP answer to GET \/$/,
    );
    expect(judge({ kind: 'not-tls', error: 'ERR_SSL_WRONG_VERSION_NUMBER' })[1]).toBe(
      'something listened on 127.0.0.1:4431 but did not speak TLS (ERR_SSL_WRONG_VERSION_NUMBER): plain HTTP?',
    );
    expect(judge(undefined)[1]).toBe(
      'nothing listened on 127.0.0.1:4431 (the PORT it was given) before the grader stopped it',
    );
    expect(judge(undefined, { accepted: true })[1]).toMatch(
      /^something accepted connections on 127\.0\.0\.1:4431, but no TLS handshake completed/,
    );
  });
});
