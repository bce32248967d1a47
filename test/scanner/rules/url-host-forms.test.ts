import { describe, expect, test } from 'vitest';
import { BASE62, randomString } from '../../../src/scanner/corpus/random.js';
import { isDefaultCredential, isReachableHost } from '../../../src/scanner/rules/url-host.js';
import { describeFound, describeQuiet, type FoundCase, type QuietCase } from './form-cases.js';

// Credentials in URLs, judged by where the URL points: a default login is sample configuration
// on one's own machine or a documentation domain, and a finding on a host anyone can reach.
// Values are drawn at run time from a seed.
const lower = (n: number) => randomString('abcdefghijklmnopqrstuvwxyz', n);
const word = (n: number) => randomString(BASE62, n);
const digit = () => randomString('0123456789', 1);
/** A name under a real-looking registrable domain (`db.prod.qwmzt.io`). */
const realHost = () => `${lower(3)}.prod.${lower(6)}.${['io', 'com', 'net', 'de'][Number(digit()) % 4]}`;
const publicIp = () => `203.0.113.${1 + (Number(digit()) % 9)}`;
const defaultPassword = () =>
  ['admin', 'root', 'guest', 'test', '123456', 'qwerty', 'letmein', 'admin123'][Number(digit()) % 8]!;
/** Generated key material with the `/` base64 alphabets have. */
const slashed = () => `${word(10)}${digit()}/${word(12)}${digit()}+${word(3)}`;
const random = () => `${word(9)}${digit()}${word(3)}`;

const found: FoundCase[] = [
  [
    'a default login to a reachable host',
    'app.env',
    () => `DB_URL=postgres://admin:${defaultPassword()}@${realHost()}:5432/app`,
    'url-credentials',
  ],
  [
    'the user name as password on a reachable host',
    'a.yaml',
    () => {
      const user = lower(7);
      return `url: mongodb://${user}:${user}@${realHost()}/db`;
    },
    'url-credentials',
  ],
  [
    'a default login to a public IP address',
    'notes.md',
    () => `curl http://root:${defaultPassword()}@${publicIp()}/status`,
    'url-credentials',
  ],
  [
    'a generated password with a slash, unencoded',
    '.env',
    () => `MONGO_URI=mongodb+srv://app:${slashed()}@cluster0.${lower(5)}.mongodb.net/db`,
    'url-credentials',
  ],
  [
    'a URL inside JSON with escaped slashes',
    'cache.json',
    () => `{"dsn":"mysql:\\/\\/app:${random()}@${realHost()}:3306\\/shop"}`,
    'url-credentials',
  ],
];

const quiet: QuietCase[] = [
  [
    'a default login to localhost',
    'compose.env',
    () => `DATABASE_URL=postgres://postgres:postgres@localhost:5432/${lower(5)}`,
  ],
  [
    'a default login to a Compose service',
    'docker-compose.yml',
    () => `      - DATABASE_URL=mysql+pymysql://${'ctfd'}:${'ctfd'}@db/${lower(4)}`,
  ],
  ['a default login to a documentation domain', 'README.md', () => `amqp://guest:guest@rabbit.example.com:5672/`],
  ['a default login to a .test name', 'a.yaml', () => `url: redis://default:admin@cache.${lower(5)}.test:6379`],
  [
    'a default login to a host code fills in',
    'a.go',
    () => `nats.Connect(fmt.Sprintf("nats://${'sys'}:${'sys'}@%s:%d", host, port))`,
  ],
  ['a default login to loopback', 'a.py', () => `URL = "http://admin:admin@127.0.0.1:${8000 + Number(digit())}/"`],
  [
    'placeholder words on a reachable host',
    'README.md',
    () => `git clone https://username:password@${realHost()}/team/repo.git`,
  ],
  ['a template on a reachable host', 'a.sh', () => `curl "https://\${USER}:\${PASS}@${realHost()}/api"`],
  [
    'a dev server path after a port',
    'index.html',
    () => `<script type="module" src="http://localhost:${5000 + Number(digit())}/@vite/client"></script>`,
  ],
  ['a scoped package behind a port', 'a.md', () => `https://unpkg.com:443/@${lower(5)}/core`],
  ['a slashed word that is no key', 'a.md', () => `http://user:pass/word@${realHost()}`],
  ['a placeholder in escaped JSON', 'a.json', () => `{"url":"https:\\/\\/user:password@${realHost()}\\/x"}`],
];

describeFound('URL credentials found by where they point', found);
describeQuiet('URL credentials left quiet by where they point', quiet, 3);

describe('isReachableHost', () => {
  const at = (url: string) => isReachableHost(url, url.indexOf('@') + 1);
  test.each([
    ['x@db.prod.example.com', false],
    ['x@localhost:5432', false],
    ['x@api.localhost', false],
    ['x@[::1]:80', false],
    ['x@0.0.0.0', false],
    ['x@printer.local', false],
    ['x@db', false],
    ['x@%s:%d', false],
    ['x@proxy.contoso.com', false],
    ['x@yourdomain.com', false],
    ['x@db.qwmzt.io', true],
    ['x@10.1.2.3', true],
    ['x@[2001:db8::1]', true],
    ['x@shop.mystore.de.', true],
    ['x@host.tld/path.git', false],
    ['x@nas.lan', false],
  ])('%s → %s', (url, reachable) => expect(at(url)).toBe(reachable));
});

describe('isDefaultCredential', () => {
  test.each([
    ['admin', 'admin', true],
    ['Postgres', 'postgres', true],
    ['root', 'x', true],
    ['123456', 'x', true],
    ['admin123', 'x', true],
    ['password', 'x', false],
    ['${DB_PASS}', 'x', false],
    ['<pass>', 'x', false],
    ['sa', 'sa', false],
    ['xxxxx', 'xxxxx', false],
    ['Xk9fQ2mLp7', 'x', false],
  ])('%s (user %s) → %s', (password, user, weak) => expect(isDefaultCredential(password, user)).toBe(weak));
});

describeQuiet('regular expressions are not escaped JSON', [
  [
    'a regular expression for a URL with a password',
    'a.test.ts',
    () =>
      `expect(url).toMatch(/^postgres:\\/\\/${lower(4)}_app:[A-Za-z0-9]{32}@db\\.${lower(4)}\\.internal:5432\\/x$/);`,
  ],
  [
    'a pattern string for a URL with a password',
    'a.ts',
    () => `const re = new RegExp("https:\\/\\/${lower(4)}:(\\\\w+)@${lower(5)}\\\\.io");`,
  ],
]);
