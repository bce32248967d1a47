// Secrets spelled with digits for letters, as secret-detector's keyword tests write them (tuning data:
// scripts/foreign-corpus/build-gitguardian-earlybird-octarine.ts), made here with random spellings
// drawn from a seed per case (form-cases.ts), and the names, versions and digests that look like them.
// Every value is made at run time, so this file holds no secret.
import { describe, expect, test } from 'vitest';
import { pick, randomInt } from '../../../src/scanner/corpus/random.js';
import { isLeetSpelled } from '../../../src/scanner/rules/leet-spelling.js';
import { seeded } from '../../helpers/seeded.js';
import { describeFound, describeQuiet } from './form-cases.js';

const LEET: Record<string, string[]> = { a: ['4', '@'], e: ['3'], i: ['1'], o: ['0'], s: ['5', '$'], t: ['7'] };
/** A word about secrets spelled with two stand-ins or more, each chosen at random. */
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

describeFound('a secret spelled in leet under a secret name', [
  [
    'under an API key name, unquoted',
    'settings.txt',
    () => `api_key: ${leet(pick(SECRET_WORDS))}`,
    'secret-assignment',
  ],
  [
    'a quoted key and value',
    'app.properties',
    () => `'my_secret_code'='${leet('my_secret_code')}'`,
    'secret-assignment',
  ],
  ['exported in a shell script', 'deploy.sh', () => `export NPM_TOKEN=${leet('npm_token')}`, 'secret-assignment'],
  ['in a JSON config', 'config.json', () => `{"client_secret": "${leet('secret')}"}`, 'secret-assignment'],
]);

describeQuiet(
  'names, versions and digests under secret names',
  [
    ['a secret name with a number', 'config.txt', () => `secret_name = secret_${randomInt(10, 99)}`],
    [
      'a version under a token name',
      'config.txt',
      () => `token_version: v${randomInt(1, 9)}.${randomInt(0, 9)}.${randomInt(0, 9)}`,
    ],
    ['a digest name under a key name', 'config.txt', () => `api_key_algorithm = sha${pick(['1', '256', '512'])}_hmac`],
    ['a TLS version and a plain word', 'config.txt', () => `secret_kind: tls1${pick(['0', '1', '3'])}_key`],
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
