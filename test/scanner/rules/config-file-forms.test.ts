import { BASE62, randomBytes, randomString } from '../../../src/scanner/corpus/random.js';
import { describeFound, describeQuiet, type FoundCase, type QuietCase } from './form-cases.js';

// Forms of config files that whispers' fixtures showed (templates that only look like values), each
// next to the secret written the same way, which must still be reported. Values are generated at
// run time.
const word = (n: number) => randomString(BASE62, n);
const pass = () => `${word(10)}7`;
const authKey = ':_auth' + 'Token';
const braced = (value: string) => '{' + value + '}';

const notFound: QuietCase[] = [
  ['an npm token left to a template', '.npmrc', () => `//registry.npmjs.org/${authKey}={NPM_TOKEN}`],
  ['a camelCase template name in braces', 'a.js', () => `const password = "{dbPassword}";`],
  ['a `$` escaped for Compose', 'docker-compose.yml', () => `      DB_PASSWORD: $$DB_PASSWORD`],
  ['an escaped reference in braces', '.pypirc', () => 'password: $${PYPI_PASSWORD}'],
  ['a format string filled in later', 'a.py', () => `db_password = "prefix_{}".format(value)`],
  ['a numbered format field', 'a.py', () => `db_password = "{0}".format(value)`],
  ['a call written in quotes', 'a.js', () => `static_password = "obj.loadPassword()";`],
];

const stillFound: FoundCase[] = [
  ['an npm token written out', '.npmrc', () => `//registry.npmjs.org/${authKey}=${word(36)}`, 'npmrc-auth-token'],
  [
    'a password behind one `$`-free prefix',
    'docker-compose.yml',
    () => `      DB_PASSWORD: ${pass()}`,
    'password-assignment',
  ],
  ['a password with braces inside', 'a.py', () => `db_password = "${word(6)}{}${pass()}%"`, 'password-assignment'],
  ['a password with parentheses', 'a.js', () => `static_password = "${word(8)}(${word(4)})";`, 'password-assignment'],
  [
    'a Jenkins-style secret in braces',
    'credentials.xml',
    () => `<apiToken>${braced(randomBytes(60).toString('base64'))}</apiToken>`,
    'secret-assignment',
  ],
];

describeQuiet('templates in config files are not reported', notFound, 3);

describeFound('the secrets written the same way still are', stillFound);
