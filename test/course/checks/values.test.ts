import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { judgeValue } from '../../../src/course/checks/values.js';
import { generateTlsPair } from '../../../src/grader/kinds/vault-app/tls.js';
import { randomBytes } from '../../../src/scanner/corpus/random.js';
import { seedEachTest } from '../../helpers/seeded.js';

seedEachTest();

/**
 * The value rules of `kv-secret` checks (the mini project's stored secrets), each seen failing
 * for each reason and passing — and never saying the value or a part of it.
 */
const where = 'secret/mini/x';
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

function judged(rule: Parameters<typeof judgeValue>[2], data: Record<string, unknown>, now?: Date) {
  const outcome = judgeValue(where, Object.keys(data)[0]!, rule, data, now);
  for (const value of Object.values(data))
    if (typeof value === 'string' && value.length >= 8) expect(outcome.detail).not.toContain(value);
  return outcome;
}

describe('postgres-url', () => {
  const rule = { format: 'postgres-url' as const, minPasswordLength: 16 };
  it('passes a postgres URL with a user, a host and a generated password', () => {
    const password = hex(24);
    const outcome = judged(rule, { url: `postgres://mini_app:${password}@db.mini.internal:5432/mini` });
    expect(outcome).toEqual({
      done: true,
      detail: 'secret/mini/x url is a postgres URL for db.mini.internal with a generated password',
    });
    expect(judged(rule, { url: `postgresql://app:${hex(12)}@db/app` }).done).toBe(true);
    expect(outcome.detail).not.toContain(password);
  });

  it('names what is wrong: not a URL, another scheme, no user, no password, short or typed password', () => {
    const cases: Array<[string, RegExp]> = [
      ['db.mini.internal:5432', /is not a URL/],
      // base64 with / and + breaks the URL's authority: the hint says how to avoid it.
      [`postgres://mini_app:ab/cd+ef@db.mini.internal/mini`, /not a URL|no password|characters/],
      [`mysql://mini_app:${hex(20)}@db.mini.internal/mini`, /is a mysql URL, not postgres/],
      [`postgres://db.mini.internal/mini`, /names no user/],
      [`postgres://mini_app@db.mini.internal/mini`, /has no password/],
      [
        `postgres://mini_app:${hex(4)}@db.mini.internal/mini`,
        /password in .* is 8 characters: generate one of at least 16/,
      ],
      [
        `postgres://mini_app:${['correct', 'horse', 'battery', 'staple'].join('')}@db.mini.internal/mini`,
        /looks typed, not generated/,
      ],
    ];
    for (const [url, expected] of cases) {
      const outcome = judged(rule, { url });
      expect(outcome.done, url).toBe(false);
      expect(outcome.detail, url).toMatch(expected);
    }
  });

  it('refuses an empty or non-string value', () => {
    expect(judged(rule, { url: '' }).detail).toBe('secret/mini/x url is empty or not a string');
    expect(judged(rule, { url: 42 }).done).toBe(false);
  });
});

describe('random', () => {
  const rule = { format: 'random' as const, minLength: 32 };
  it('passes generated keys: hex with a prefix, base64, a UUID-like value', () => {
    for (const key of [
      `mini_${hex(20)}`,
      randomBytes(32).toString('base64'),
      `${hex(8)}-${hex(8)}-${hex(8)}-${hex(8)}`,
    ])
      expect(judged(rule, { key }).done, key).toBe(true);
  });

  it('fails short, typed and patterned keys', () => {
    expect(judged(rule, { key: hex(10) }).detail).toBe(
      'secret/mini/x key is 20 characters: generate one of at least 32',
    );
    for (const key of [
      'my-super-secret-api-key-for-mini-project',
      'a'.repeat(40),
      'abcdefghijklmnopqrstuvwxyz0123456789',
    ])
      expect(judged(rule, { key }).detail, key).toMatch(/looks typed, not generated/);
  });
});

describe('tls-certificate', () => {
  const rule = { format: 'tls-certificate' as const, privateKey: 'private_key', host: 'api.mini.internal' };

  it('passes a certificate for the name, valid now, with its own key', async () => {
    const pair = await generateTlsPair('api.mini.internal', 90);
    const outcome = judgeValue(where, 'certificate', rule, {
      certificate: pair.certificate,
      private_key: pair.privateKey,
    });
    expect(outcome.done).toBe(true);
    expect(outcome.detail).toMatch(/holds a certificate for api\.mini\.internal and its key, valid for 8\d more days/);
    expect(outcome.detail).not.toContain(pair.privateKey.split('\n')[1]!);
  });

  it('fails a key of another pair, a missing or broken key, not a certificate, another name, and after expiry', async () => {
    const [pair, other, elsewhere] = await Promise.all([
      generateTlsPair('api.mini.internal', 90),
      generateTlsPair('api.mini.internal', 90),
      generateTlsPair('www.example.org', 90),
    ]);
    const judge = (data: Record<string, unknown>, now?: Date) => judgeValue(where, 'certificate', rule, data, now);
    expect(judge({ certificate: pair.certificate, private_key: other.privateKey }).detail).toMatch(
      /private_key is not the key of its certificate \(CN=api\.mini\.internal\)/,
    );
    expect(judge({ certificate: pair.certificate }).detail).toBe(
      'secret/mini/x has no private_key next to its certificate',
    );
    expect(judge({ certificate: pair.certificate, private_key: 'not a key' }).detail).toMatch(
      /is not a PEM private key/,
    );
    expect(judge({ certificate: 'hello', private_key: pair.privateKey }).detail).toMatch(/is not a PEM certificate/);
    expect(judge({ certificate: elsewhere.certificate, private_key: elsewhere.privateKey }).detail).toMatch(
      /\(CN=www\.example\.org; DNS:www\.example\.org\) is not for api\.mini\.internal: put DNS:api\.mini\.internal in its subjectAltName/,
    );
    const in91Days = new Date(Date.now() + 91 * 86_400_000);
    expect(judge({ certificate: pair.certificate, private_key: pair.privateKey }, in91Days).detail).toMatch(
      /expired on \d{4}-\d\d-\d\dT/,
    );
    const yesterday = new Date(Date.now() - 86_400_000);
    expect(judge({ certificate: pair.certificate, private_key: pair.privateKey }, yesterday).detail).toMatch(
      /is not valid before/,
    );
  });

  it('fails a certificate that names the host only in its common name (clients ignore it)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sw-cn-only-'));
    try {
      await execa('openssl', [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=api.mini.internal',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]);
      const outcome = judgeValue(where, 'certificate', rule, {
        certificate: await readFile(join(dir, 'cert.pem'), 'utf8'),
        private_key: await readFile(join(dir, 'key.pem'), 'utf8'),
      });
      expect(outcome.detail).toMatch(/\(CN=api\.mini\.internal; no subjectAltName\) is not for api\.mini\.internal/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
