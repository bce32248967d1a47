import { describe, expect, test } from 'vitest';
import { BASE62, randomString } from '../../../src/scanner/corpus/random.js';
import { scanText } from '../../../src/scanner/scan-text.js';

// Where a password or key is written in the languages a keyword scanner meets: string prefixes,
// SQL, passwords full of the symbols templates and calls are made of, and keys of 12 to 15
// characters. Values are generated at run time; every case runs a few times.
const word = (n: number) => randomString(BASE62, n);
const digit = () => String(Math.floor(Math.random() * 10));
/** A typed password: letters and a digit around brackets, braces and `$` that open nothing. */
const letter = () => randomString('abcdefghijklmnopqrstuvwxyz', 1);
// (A digit in braces would be a regular expression's `{6}`.)
const symbolic = () =>
  `${word(3)}{{${letter()}}${word(2)})${word(1)}\${${word(2)}]${word(3)}(${word(3)}[${word(4)}>-_$#${word(5)}}`;
const pass = () => `${word(10)}${digit()}`;

type Case = [name: string, file: string, text: () => string, rule: string];

const found: Case[] = [
  [
    'unquoted YAML value with brackets that open nothing',
    'a.yaml',
    () => `password: ${symbolic()}`,
    'password-assignment',
  ],
  ['unquoted .ini value with brackets', 'a.ini', () => `password = ${symbolic()}`, 'password-assignment'],
  ['.env value with brackets', '.env', () => `DB_PASSWORD=${symbolic()}`, 'password-assignment'],
  ['XML element holding a `>`', 'a.xml', () => `<password>${symbolic()}</password>`, 'password-assignment'],
  ['C++ wide string', 'a.cpp', () => `password = L"${pass()}";`, 'password-assignment'],
  ['C++ UTF-8 string', 'a.cpp', () => `const char *password = u8"${pass()}";`, 'password-assignment'],
  ['Python f-string without fields', 'a.py', () => `password = f"${pass()}"`, 'password-assignment'],
  ['Python f-string with only escaped braces', 'a.py', () => `password = f"${symbolic()}"`, 'password-assignment'],
  ['Oracle/MySQL IDENTIFIED BY', 'init.sql', () => `CREATE USER app IDENTIFIED BY '${pass()}';`, 'password-assignment'],
  ['PostgreSQL ALTER ROLE', 'init.sql', () => `ALTER ROLE app WITH LOGIN PASSWORD '${pass()}';`, 'password-assignment'],
  ['SQL Server CREATE LOGIN', 'init.sql', () => `CREATE LOGIN app WITH PASSWORD = '${pass()}';`, 'password-assignment'],
];

const notFound: Array<[name: string, file: string, text: () => string]> = [
  ['a call in an unquoted value', 'a.yaml', () => `password: read_secret(db)`],
  ['an f-string with fields', 'a.py', () => `password = f"{prefix}{suffix}"`],
  ['an f-string with a formatted field', 'a.py', () => `token = f"{session.token!r:>20}"`],
  ['SQL that only mentions a password column', 'q.sql', () => `SELECT password FROM users WHERE name = 'admin';`],
  ['SQL comparing a column', 'q.sql', () => `UPDATE users SET password = 'x' WHERE id = 1;`],
  ['a short word under a secret name', 'a.js', () => `token = "refreshToken"`],
  ['a 12-character name under a secret name', 'a.js', () => `apiKey = "apiKeyHeader"`],
  ['eleven characters under a secret name', 'a.js', () => `apiKey = "${word(10)}${digit()}"`],
];

describe('keyword forms are found', () => {
  test.each(found)('%s', (_name, file, make, rule) => {
    for (let i = 0; i < 5; i++) {
      const text = make();
      expect(
        scanText(text, { file }).map((f) => f.ruleId),
        text,
      ).toContain(rule);
    }
  });
});

describe('their look-alikes are not', () => {
  test.each(notFound)('%s', (_name, file, make) => {
    const text = make();
    expect(scanText(text, { file }), text).toEqual([]);
  });
});

test('random values of 12 to 15 characters under a secret name are found (most: one in eight has no digit)', () => {
  let found = 0;
  const tries = 300;
  for (let i = 0; i < tries; i++) {
    const value = randomString(BASE62, 12 + (i % 4));
    if (scanText(`client_secret = "${value}"`, { file: 'a.js' }).some((f) => f.ruleId === 'secret-assignment')) found++;
  }
  expect(found / tries).toBeGreaterThan(0.8);
});
