import { describe, expect, it } from 'vitest';
import { loadVaultChallenge } from '../../src/course/challenges.js';
import { redactionHints } from '../../src/grader/kinds/vault-app/leak-hints.js';
import { fingerprintOf, logCheckPlan, LogLineWatcher } from '../../src/grader/kinds/log-scrubbing/log-lines.js';
import { insertBeforeExit } from '../../src/grader/planned-checks.js';
import type { LeakForm } from '../../src/scanner/index.js';
import { generateSecrets, randomValue } from '../../src/grader/kinds/vault-app/secrets.js';

const { definition } = await loadVaultChallenge('log-scrubbing');
const logs = { ...definition, logs: definition.logs! };

async function fresh() {
  const generated = await generateSecrets(definition);
  const value = (path: string, key: string) => generated.secrets.find((secret) => secret.path === path)!.data[key]!;
  const versions = Object.fromEntries(definition.secrets.map((secret) => [secret.path, secret.versions]));
  const names = definition.secrets.flatMap((secret) =>
    Object.keys(secret.data).map((key) => ({ path: secret.path, key, name: `${secret.path}#${key}` })),
  );
  const good = names.map(
    ({ path, key, name }) =>
      `2026-01-01T00:00:00Z INFO loaded ${name} version=${versions[path]} fingerprint=${fingerprintOf(value(path, key))}`,
  );
  return { generated, value, names, good };
}

function watch(secrets: Awaited<ReturnType<typeof fresh>>['generated'], text: string, chunk = 7) {
  let satisfiedCalls = 0;
  const watcher = new LogLineWatcher(logs, secrets.secrets);
  // Lines alternate between stdout and stderr; each stream gets its text in small chunks.
  text.split('\n').forEach((line, index) => {
    const stream = index % 2 ? 'stderr' : 'stdout';
    const whole = `${line}\n`;
    for (let at = 0; at < whole.length; at += chunk) {
      const before = watcher.satisfied;
      watcher.write(stream, whole.slice(at, at + chunk));
      if (watcher.satisfied && !before) satisfiedCalls++;
    }
  });
  watcher.finish();
  const titles = new Map(logCheckPlan(definition).map((check) => [check.id, check.title]));
  const [startup, requests] = watcher.checks(titles);
  return { watcher, startup: startup!, requests: requests!, satisfiedCalls };
}

/** 12 or more name characters in a row from one line of a PEM body (a 64-character base64 line always has some). */
function pemRun(pem: string): string {
  return pem
    .split('\n')
    .map((line) => (line.startsWith('-----') ? undefined : /[A-Za-z0-9/]{12,}/.exec(line)?.[0]))
    .find(Boolean)!;
}

describe('LogLineWatcher', () => {
  it('passes five right startup lines and three request lines, and becomes satisfied once', async () => {
    const { generated, good } = await fresh();
    // One stream, chunked across line boundaries.
    const text = [
      ...good,
      'request 1 GET /v1/orders status=200',
      'DEBUG noise',
      'request 2 GET',
      '[worker] request 3 POST /refresh',
      'request 4',
    ].join('\n');
    const watcher = new LogLineWatcher(logs, generated.secrets);
    let calls = 0;
    for (let at = 0; at < text.length; at += 5) {
      const before = watcher.satisfied;
      watcher.onOutput('stdout', text.slice(at, at + 5));
      if (watcher.satisfied && !before) calls++;
    }
    watcher.finish();
    expect(calls).toBe(1);
    expect(watcher.satisfied).toBe(true);
    const [startup, requests] = watcher.checks(
      new Map(logCheckPlan(definition).map((check) => [check.id, check.title])),
    );
    expect(startup).toMatchObject({
      id: 'startup-lines',
      passed: true,
      detail: '5 startup lines, each with the version read and a fingerprint that matches the value',
      hint: '',
    });
    expect(requests).toMatchObject({ id: 'request-lines', passed: true, detail: '4 request lines' });
  });

  it('names what is missing or wrong, and never shows an expected fingerprint', async () => {
    const { generated, good, names, value } = await fresh();
    const lines = [
      'loaded logs/database#password version=1 fingerprint=000000000000', // wrong version, wrong fingerprint
      'loaded logs/partner#access_token', // no version, no fingerprint
      good[2]!,
      // The PEM hashed without its final newline:
      `loaded logs/tls#private_key version=2 fingerprint=${fingerprintOf(value('logs/tls', 'private_key').trim())}`,
      'loaded tls.certificate version=2 fingerprint=abc', // a name in another format
      `loaded ${value('logs/partner', 'access_token').slice(0, 12)} version=1`, // part of a value: never quoted back
      // A run of name characters from one line of the PEM body: passes the name pattern, caught as part of a value.
      `loaded ${pemRun(value('logs/tls', 'private_key'))} version=2`,
      'request 1',
    ];
    const { startup, requests, satisfiedCalls } = watch(generated, lines.join('\n'));
    expect(startup.passed).toBe(false);
    expect(startup.detail).toContain('logs/database#password: version=1, but the version it read is 3');
    expect(startup.detail).toContain('logs/database#password: the fingerprint does not match the value');
    expect(startup.detail).toContain('the line for logs/partner#access_token has no version= and fingerprint=');
    expect(startup.detail).toContain('no "loaded logs/tls#certificate …" line');
    expect(startup.detail).toMatch(/and 1 more$/); // the private key's fingerprint, named in the hint
    expect(startup.hint).toMatch(/data\.metadata\.version/);
    expect(startup.hint).toMatch(/a PEM ends with a newline/);
    expect(startup.hint).toMatch(
      /Names are written <path>#<key>, e\.g\. logs\/tls#certificate; it logged tls\.certificate/,
    );
    for (const { path, key } of names) expect(JSON.stringify(startup)).not.toContain(fingerprintOf(value(path, key)));
    expect(startup.hint).not.toContain(value('logs/partner', 'access_token').slice(0, 12));
    expect(startup.hint).not.toContain(pemRun(value('logs/tls', 'private_key')));
    expect(requests).toMatchObject({ passed: false, detail: 'only 1 request line (request 1)' });
    expect(requests.hint).toMatch(/at least 3/);
    expect(satisfiedCalls).toBe(0);
  });

  it('reads both streams, ignores overlong lines, and counts a request number once', async () => {
    const { generated, good } = await fresh();
    const text = [...good, `request 1 ${'x'.repeat(20_000)}`, 'request 2', 'request 2', 'request 3'].join('\n');
    const { requests, startup } = watch(generated, text, 4096);
    expect(startup.passed).toBe(true);
    expect(requests).toMatchObject({ passed: false, detail: 'only 2 request lines (request 2, 3)' });
  });

  it('goes between the reads and `exit` in the planned checks and the report', () => {
    const planned = insertBeforeExit(
      [
        { id: 'login', title: '' },
        { id: 'read-a', title: '' },
        { id: 'exit', title: '' },
        { id: 'no-leak', title: '' },
      ],
      logCheckPlan(definition),
    );
    expect(planned.map((check) => check.id)).toEqual([
      'login',
      'read-a',
      'startup-lines',
      'request-lines',
      'exit',
      'no-leak',
    ]);
  });
});

describe('values made to defeat naive redaction', () => {
  it('symbols values hold regex metacharacters, do not compile as a pattern, and stay one word', () => {
    for (let i = 0; i < 50; i++) {
      const value = randomValue(24, 'symbols');
      expect(value).toHaveLength(24);
      for (const character of ['(', '+', '$', '\\', '.', '*', '[', '"']) expect(value).toContain(character);
      expect(value).not.toMatch(/\s/);
      // As a pattern it does not even compile: a regex redactor fails loudly.
      expect(() => new RegExp(value)).toThrow(SyntaxError);
    }
  });

  it('refresh_token starts with access_token; the rest is a secret of its own; versions come from the yaml', async () => {
    const { generated, value } = await fresh();
    const access = value('logs/partner', 'access_token');
    const refresh = value('logs/partner', 'refresh_token');
    expect(refresh.startsWith(access)).toBe(true);
    expect(refresh.length).toBe(access.length + 24);
    expect(generated.sensitive).toContainEqual({
      name: 'secret/logs/partner refresh_token (the part after its access_token)',
      value: refresh.slice(access.length),
    });
    expect(generated.sensitive.map((secret) => secret.name)).not.toContain('secret/logs/tls certificate');
    expect(definition.secrets.map((secret) => [secret.path, secret.versions])).toEqual([
      ['logs/database', 3],
      ['logs/partner', 1],
      ['logs/tls', 2],
    ]);
  });
});

describe('redactionHints', () => {
  it('names each way a redactor was defeated, and nothing for a plain print', () => {
    const leak = (secret: string, form: LeakForm) => ({ secret, form, stream: 'stdout', count: 1 });
    expect(redactionHints([leak('secret/a password', 'raw')])).toEqual([]);
    const hints = redactionHints([
      leak('secret/p refresh_token (the part after its access_token)', 'raw'),
      leak('secret/p access_token', 'url-encoded'),
      leak('secret/d password', 'json-escaped'),
      leak('secret/t private_key', 'partial'),
    ]).join(' ');
    expect(hints).toMatch(/replace the longest values first/);
    expect(hints).toMatch(/percent-encoded, as in a URL/);
    expect(hints).toMatch(/JSON-escaped/);
    expect(hints).toMatch(/One line of a multi-line value/);
  });
});
