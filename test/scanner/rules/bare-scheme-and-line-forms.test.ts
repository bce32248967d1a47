import { describe, expect, test } from 'vitest';
import { BASE62, LOWER, pick, randomBytes, randomInt, randomString } from '../../../src/scanner/corpus/random.js';
import { awsSecretAccessKey } from '../../../src/scanner/corpus/values.js';
import { naturalLanguage } from '../../../src/scanner/rules/assignment.js';
import { scanText } from '../../../src/scanner/scan-text.js';
import { seedEachTest } from '../../helpers/seeded.js';

seedEachTest();

const ids = (text: string, file = 'notes.txt') => scanText(text, { file }).map((f) => f.ruleId);
const user = () => randomString(LOWER, randomInt(4, 10));
/** A password as people type them, with a digit and a symbol, long enough to read as random. */
const typed = () =>
  `${randomString(BASE62, randomInt(14, 20))}${randomInt(10, 99)}${pick(['!', '#', '%', '&', '?', '@'])}`;

describe('credentials after a bare auth scheme', () => {
  test('`Basic <base64 of user:password>` without a header name is found, in a log line or a document', () => {
    for (let i = 0; i < 20; i++) {
      const value = Buffer.from(`${user()}:${typed()}`).toString('base64');
      for (const text of [`Basic ${value}`, `  sent basic ${value} to the proxy`, `auth = Basic ${value}`])
        expect(ids(text), text).toContain('auth-scheme-value');
    }
  });

  test('an OAuth client pair is read form-decoded, as RFC 6749 has clients encode it', () => {
    const secret = typed();
    const encoded = `${encodeURIComponent(`${user()}-app`)}:${encodeURIComponent(secret)}`;
    expect(ids(`Basic ${Buffer.from(encoded).toString('base64')}`)).toContain('auth-scheme-value');
    const names = `${encodeURIComponent('CLIENT_ID')}:${encodeURIComponent('CLIENT_SECRET')}`;
    expect(ids(`Basic ${Buffer.from(names).toString('base64')}`)).toEqual([]);
  });

  test('`Bearer <random token>` without a header name or quotes is found', () => {
    for (let i = 0; i < 20; i++) {
      const token = randomBytes(randomInt(20, 48)).toString(pick(['base64', 'base64url', 'hex'] as const));
      expect(ids(`request: GET /v1/items Bearer ${token}`)).toContain('auth-scheme-value');
    }
  });

  test('look-alikes are not: prose after the scheme, base64 of no pair, a placeholder pair, short tokens', () => {
    const texts = [
      'Use Basic authentication with your account, or Bearer tokens for services.',
      `Basic ${Buffer.from(`${user()} and more words ${user()}`).toString('base64')}`,
      `Basic ${Buffer.from(`${user()}:password`).toString('base64')}`,
      `Basic ${Buffer.from('admin:admin').toString('base64')}`,
      `Bearer ${randomString(BASE62, 12)}`,
      'Bearer authenticationRequiredForTheseEndpoints',
      `Bearer ${'x'.repeat(32)}`,
    ];
    for (const text of texts)
      expect(
        ids(text).filter((id) => id === 'auth-scheme-value'),
        text,
      ).toEqual([]);
  });
});

describe('a config line under a secret name, in any file that is not code', () => {
  test('an unquoted password-like value on a line of its own is found in a .txt file or a file without extension', () => {
    for (let i = 0; i < 20; i++) {
      const name = pick(['secret', 'client_secret', 'APP_SECRET', 'api.secret', 'webhookSecret']);
      const op = pick([': ', '=', ' = ']);
      for (const file of ['notes.txt', 'settings', 'app.conf.sample'])
        expect(ids(`${pick(['', 'export ', '  '])}${name}${op}${typed()}`, file)).toContain('secret-assignment');
    }
    expect(ids(`- secret: ${typed()}`)).toContain('secret-assignment');
  });

  test('not inside a sentence, not with more after the value, not in code, not a word value', () => {
    const value = typed();
    const texts: Array<[string, string]> = [
      [`The secret: ${value} is what we send.`, 'notes.txt'],
      [`secret: ${value} # rotate monthly, see wiki`, 'notes.txt'],
      [`secret = ${value};`, 'app.js'],
      ['secret: MyAppClientSecretName', 'notes.txt'],
      ['secret: true', 'notes.txt'],
      ['secret: ${CLIENT_SECRET}', 'notes.txt'],
    ];
    for (const [text, file] of texts)
      expect(
        ids(text, file).filter((id) => id === 'secret-assignment'),
        text,
      ).toEqual([]);
  });
});

describe('password values in a natural language', () => {
  test('a translated label is not a password: letters beyond ASCII, or character references to them', () => {
    for (const label of [
      'Contraseña',
      'Mot de passe',
      'Passwört',
      'パスワード',
      'Пароль',
      '密码',
      'L&#246;senord',
      'Has&#322;o',
    ])
      for (const text of [`password: ${label}`, `"password": "${label}"`, `<password>${label}</password>`])
        expect(
          ids(text, 'messages.txt').filter((id) => id.startsWith('password')),
          text,
        ).toEqual([]);
    expect(naturalLanguage('&#12497;&#12473;&#12527;')).toBe(true);
  });

  test('typed passwords, with ASCII symbols, escapes or an entity for a symbol, are still found', () => {
    for (let i = 0; i < 20; i++) {
      const value = typed();
      for (const text of [`password: ${value}`, `"password": "${value}\\u0049"`, `<password>${value}&amp;x</password>`])
        expect(ids(text, 'config.txt'), text).toContain('password-assignment');
      expect(naturalLanguage(value)).toBe(false);
    }
    expect(naturalLanguage('p&#64;ss&#35;word1')).toBe(false);
    const value = typed();
    expect(ids(`password:${value},비밀번호:${value}`, 'doc.txt')).toContain('password-assignment');
  });
});

describe('an AWS secret access key named in words or given after a blank', () => {
  test("`aws configure`'s prompt and `aws configure set` are found", () => {
    for (let i = 0; i < 20; i++) {
      const key = awsSecretAccessKey();
      for (const text of [
        `AWS Secret Access Key [None]: ${key}`,
        `AWS Secret Access Key [****************${randomString(BASE62, 4)}]: ${key}`,
        `$ aws configure set aws_secret_access_key ${key}`,
        `aws secret key  ${key}`,
      ])
        expect(ids(text, 'session.log'), text).toContain('aws-secret-access-key');
    }
  });

  test('not a value of another length, a placeholder, or words after the name', () => {
    const key = awsSecretAccessKey();
    for (const text of [
      `AWS Secret Access Key [None]: ${key}x`,
      `AWS Secret Access Key [None]: ${key.slice(0, 39)}`,
      `aws configure set aws_secret_access_key ${'X'.repeat(40)}`,
      'The AWS Secret Access Key is shown once, when you create the access key in the console.',
    ])
      expect(
        ids(text, 'session.log').filter((id) => id.startsWith('aws')),
        text,
      ).toEqual([]);
  });
});

describe("a conditional's two results in code", () => {
  test('`cond ? "password" : "<word>"` is no name and value; an object after `?` still is', () => {
    const word = randomString(LOWER, randomInt(6, 12));
    for (const text of [
      `return isKey ? 'password' : '${word}';`,
      `const kind = named ? "secret" : "${word}_${randomInt(10, 99)}";`,
    ])
      expect(ids(text, 'kind.ts'), text).toEqual([]);
    const value = typed();
    expect(ids(`const auth = remote ? { 'password': '${value}' } : undefined;`, 'auth.ts')).toContain(
      'password-assignment',
    );
  });
});
