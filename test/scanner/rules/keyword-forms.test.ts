import { expect, test } from 'vitest';
import { BASE62, randomString } from '../../../src/scanner/corpus/random.js';
import { scanText } from '../../../src/scanner/scan-text.js';
import { describeFound, describeQuiet, type FoundCase, type QuietCase } from './form-cases.js';

// Where a password or key is written in the languages a keyword scanner meets: string prefixes,
// SQL, passwords full of the symbols templates and calls are made of, and keys of 12 to 15
// characters. Values are generated at run time; every case runs a few times.
const word = (n: number) => randomString(BASE62, n);
const digit = () => randomString('0123456789', 1);
/** A typed password: letters and a digit around brackets, braces and `$` that open nothing. */
const letter = () => randomString('abcdefghijklmnopqrstuvwxyz', 1);
// (A digit in braces would be a regular expression's `{6}`.)
const symbolic = () =>
  `${word(3)}{{${letter()}}${word(2)})${word(1)}\${${word(2)}]${word(3)}(${word(3)}[${word(4)}>-_$#${word(5)}}`;
const pass = () => `${word(10)}${digit()}`;

const found: FoundCase[] = [
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
  [
    'lowercase base36 with digits strewn among pronounceable letters',
    'notes.txt',
    () => `whoxy token = 'ev${digit()}avuvxo${digit()}rnn${digit()}dlof${digit()}r${digit()}vesz${digit()}xyvawit'`,
    'secret-assignment',
  ],
  ['a token after its scheme', 'a.yml', () => `carbon_auth_token: "Bearer ${word(20)}${digit()}"`, 'bearer-literal'],
  [
    'an API key in a query string',
    'a.yml',
    () => `base_url: "https://api.example.com/v1/user?key=${word(32)}${digit()}"`,
    'secret-assignment',
  ],
  [
    'an Azure SAS signature',
    '.env',
    () => `SAS=sp=r&st=2025-03-04T07:24:52Z&se=2025-04-04T15:24:52Z&sv=2022-11-02&sr=c&sig=${word(43)}${digit()}`,
    'azure-sas-signature',
  ],
  [
    'a Discord webhook URL',
    'a.yml',
    () => `hook: "https://discord.com/api/webhooks/1441478262976${digit()}2273/${word(67)}${digit()}"`,
    'discord-webhook',
  ],
  ['Oracle/MySQL IDENTIFIED BY', 'init.sql', () => `CREATE USER app IDENTIFIED BY '${pass()}';`, 'password-assignment'],
  ['PostgreSQL ALTER ROLE', 'init.sql', () => `ALTER ROLE app WITH LOGIN PASSWORD '${pass()}';`, 'password-assignment'],
  ['SQL Server CREATE LOGIN', 'init.sql', () => `CREATE LOGIN app WITH PASSWORD = '${pass()}';`, 'password-assignment'],
];

const notFound: QuietCase[] = [
  ['a call in an unquoted value', 'a.yaml', () => `password: read_secret(db)`],
  ['an f-string with fields', 'a.py', () => `password = f"{prefix}{suffix}"`],
  ['an f-string with a formatted field', 'a.py', () => `token = f"{session.token!r:>20}"`],
  ['SQL that only mentions a password column', 'q.sql', () => `SELECT password FROM users WHERE name = 'admin';`],
  ['SQL comparing a column', 'q.sql', () => `UPDATE users SET password = 'x' WHERE id = 1;`],
  ['a short word under a secret name', 'a.js', () => `token = "refreshToken"`],
  ['a camelCase name of 20 characters or more under a secret name', 'a.js', () => `token = "refreshTokenFromCookie"`],
  ['a dashed slug with digits under a key name', 'a.yml', () => `api_key: "faiiahli-goke-db0r-oxli-s20dgab9a0iv"`],
  [
    'a secret ARN',
    'examples-1.json',
    () => `"ARN": "arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestDatabaseSecret-a1b2c3",`,
  ],
  ['a camelCase name in a paginator', 'paginators-1.json', () => `  "input_token": "ExclusiveStartShardId",`],
  ['a short lowercase name with a number', 'examples-1.json', () => `  "ClientToken": "cachedvol112233",`],
  ['an export handle', 'export.rst', () => `  "ExportToken": "export-token-ep5cwyzune7oya53",`],
  [
    'a list of class names',
    'builtins.py',
    () => `NAMES = {'ASAuthorizationPasswordProvider', 'ASAuthorizationPasswordRequest'}`,
  ],
  ['a slug with one number under a secret name', 'a.yml', () => `secret: "billing-service-reader-v2"`],
  ['a query key that is a template', 'a.js', () => 'fetch(`/api/items?key=${id}&page=2`)'],
  ['a query key that is a word', 'a.js', () => `const u = "https://example.com/search?key=name&order=asc";`],
  ['a map key in a query-like string', 'a.md', () => `Sort with ?key=createdAt&dir=desc`],
  [
    'a Discord webhook placeholder',
    'a.md',
    () => `https://discord.com/api/webhooks/123456789012345678/${'x'.repeat(68)}`,
  ],
  ['a scheme and a variable', 'a.yml', () => `auth_token: "Bearer $GITHUB_TOKEN"`],
  ['a 12-character name under a secret name', 'a.js', () => `apiKey = "apiKeyHeader"`],
  ['eleven characters under a secret name', 'a.js', () => `apiKey = "${word(10)}${digit()}"`],
];

describeFound('keyword forms are found', found);

describeQuiet('their look-alikes are not', notFound);

test('mixed-case values of 20 to 23 characters without a digit under a secret name are found', () => {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let found = 0;
  const tries = 200;
  for (let i = 0; i < tries; i++) {
    const value = randomString(letters, 20 + (i % 4));
    if (scanText(`proxy token = '${value}'`, { file: 'notes.txt' }).length > 0) found++;
  }
  expect(found / tries).toBeGreaterThan(0.8);
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
