// Forms that secret-detector's detector tests showed (tuning data,
// scripts/foreign-corpus/build-secret-detector.ts), written here with random values drawn from a
// seed per case (form-cases.ts), and the look-alikes each rule must leave alone. Every value is
// made at run time, so this file holds no secret.
import { describe, expect, test } from 'vitest';
import {
  BASE62,
  DIGITS,
  LOWER,
  pick,
  randomBytes,
  randomInt,
  randomString,
  randomUUID,
} from '../../../src/scanner/corpus/random.js';
import { isLeetSpelled } from '../../../src/scanner/rules/leet-spelling.js';
import { seeded } from '../../helpers/seeded.js';
import { describeFound, describeQuiet } from './form-cases.js';

const b64url = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');
const claims = () => ({ sub: randomString(DIGITS, 10), name: randomString(LOWER, 8), iat: randomInt(1e9, 2e9) });
/** `header.payload`: an unsigned token written without its last dot. */
const twoPart = (alg: string) => `${b64url({ typ: 'JWT', alg })}.${b64url(claims())}`;
const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');
const password = () => randomString(BASE62, randomInt(10, 24));

const LEET: Record<string, string[]> = { a: ['4', '@'], e: ['3'], i: ['1'], o: ['0'], s: ['5', '$'], t: ['7'] };
/** A word about secrets spelled with two or more stand-ins, each chosen at random. */
function leet(word: string): string {
  for (;;) {
    let swapped = 0;
    const out = [...word].map((c, i) => {
      const standIns = LEET[c];
      if (!standIns || randomInt(0, 2) === 0) return c;
      swapped++;
      // A sigil first reads as a variable (`$3cret`) or a decorator: only digits there.
      return i === 0 ? standIns[0]! : pick(standIns);
    });
    if (swapped >= 2) return out.join('');
  }
}
const SECRET_WORDS = ['password', 'secret', 'apikey', 'private_key', 'access_token', 'admin_pass', 'secret_code'];

describeFound('forms of secret-detector tests', [
  ['an unsigned JWT without its last dot', 'token.txt', () => twoPart('none'), 'jwt'],
  ['a JWT cut after its payload, in a .env', '.env', () => `ID_TOKEN=${twoPart('HS256')}`, 'jwt'],
  [
    'Basic credentials with no header named',
    'headers.txt',
    () => `Basic ${basic('deploy', password())}`,
    'basic-credentials',
  ],
  [
    'basic credentials in lower case, in a config',
    'proxy.yml',
    () => `upstream_auth: basic ${basic('svc', password())}`,
    'basic-credentials',
  ],
  ['a Bearer token with no header named', 'request.log', () => `Bearer  ${randomString(BASE62, 40)}`, 'bearer-token'],
  [
    'a bearer token from a base64 key',
    'client.ini',
    () => `auth = bearer ${randomBytes(30).toString('base64')}`,
    'bearer-token',
  ],
  [
    'a secret spelled in leet under an API key name',
    'settings.txt',
    () => `api_key: ${leet(pick(SECRET_WORDS))}`,
    'secret-assignment',
  ],
  [
    'a leet secret in a quoted key and value',
    'app.properties',
    () => `'my_secret_code'='${leet('my_secret_code')}'`,
    'secret-assignment',
  ],
  [
    'a leet token exported in a shell script',
    'deploy.sh',
    () => `export NPM_TOKEN=${leet('npm_token')}`,
    'secret-assignment',
  ],
  ['an Amazon MWS auth token', 'mws.env', () => `MWS_AUTH_TOKEN=amzn.mws.${randomUUID()}`, 'amazon-mws-auth-token'],
]);

describeQuiet(
  'their look-alikes',
  [
    ['two JSON parts whose header names no alg', 'token.txt', () => `${b64url({ typ: 'JWT' })}.${b64url(claims())}`],
    ['a header and a damaged payload', 'token.txt', () => `${b64url({ alg: 'none' })}.eyJ${randomString(BASE62, 6)}`],
    ['Basic with a placeholder password', 'headers.txt', () => `Basic ${basic(randomString(LOWER, 6), 'password')}`],
    ['Basic with the user as the password', 'headers.txt', () => `Basic ${basic('admin', 'admin')}`],
    ['basic in prose', 'README.md', () => 'Use basic authentication or a bearer token from the login endpoint.'],
    ['a placeholder Bearer token', 'README.md', () => 'The header is sent as Bearer YOUR_ACCESS_TOKEN_HERE.'],
    [
      'a bearer word in a constant',
      'netlink.h',
      () => `#define TIPC_NL_BEARER_${randomString('ABCDEFGH', 8)} ${randomInt(1, 99)}`,
    ],
    ['a secret name with a number', 'config.txt', () => `secret_name = secret_${randomInt(10, 99)}`],
    [
      'a version under a token name',
      'config.txt',
      () => `token_version: v${randomInt(1, 9)}.${randomInt(0, 9)}.${randomInt(0, 9)}`,
    ],
    ['a digest name under a key name', 'config.txt', () => `api_key_algorithm = sha${pick(['1', '256', '512'])}_hmac`],
    [
      'an MWS prefix before a placeholder',
      'README.md',
      () => 'MWS_AUTH_TOKEN=amzn.mws.xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
    ],
  ],
  5,
);

describe('leet spelling', () => {
  test('a word about secrets spelled with two stand-ins or more is leet', () => {
    for (const word of SECRET_WORDS)
      for (let i = 0; i < 20; i++) {
        const { value, note } = seeded(`leet ${word}`, i, () => leet(word));
        expect(isLeetSpelled(value), `${value} ${note}`).toBe(true);
      }
  });

  test('numbers, versions and digests next to plain words are not', () => {
    const notLeet = [
      'secret_10',
      'k8s_secret',
      'oauth2_token',
      'auth_v2_key',
      'key_2048',
      'sha1_key',
      'tls13_key',
      'v1.3.5',
      'b3ta_73st',
      'token_1035',
    ];
    for (const value of notLeet) expect(isLeetSpelled(value), value).toBe(false);
  });
});
