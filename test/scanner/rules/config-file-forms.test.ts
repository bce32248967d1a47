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

// False alarms of a Go module cache (docker's API docs and tests, gogo/protobuf's generated code),
// each next to the secret it must not hide.
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const uuid = () => [hex(4), hex(2), hex(2), hex(2), hex(6)].join('-').toUpperCase();
const derName = () =>
  Buffer.concat([
    Buffer.from([0x30, 0x13, 0x31, 0x11, 0x30, 0x0f, 0x06, 0x03, 0x55, 0x04, 0x03, 0x13, 0x08]),
    Buffer.from(word(8)),
  ]);

const goTreeQuiet: QuietCase[] = [
  ['base64 of a sentence', 'v1.50.yaml', () => `      Data: "${b64('THIS IS NOT A REAL CERTIFICATE\n')}"`],
  [
    'base64 of a sentence in a test',
    'provider_test.go',
    () => `\t\tValue: "${b64(`this is not a real ${randomString('abcdefghijklmnopqrstuvwxyz', 6)}`)}",`,
  ],
  [
    'a docker auth of a placeholder pair',
    'registry_test.go',
    () => `\t\t"localhost": {"auth": "${b64('username:password')}"},`,
  ],
  ['a docker auth of a same-name pair', 'config_test.go', () => `  "auth": "${b64('admin:admin')}"`],
  ["a certificate's subject in DER", 'node_inspect.md', () => `  "CertIssuerSubject": "${b64(derName())}",`],
  [
    'a field name between concatenations',
    'maps.pb.go',
    () => `\ts = append(s, "Fixed64Map: "+mapStringForFixed64Map+",\\n")`,
  ],
  [
    'a numbered field name between concatenations',
    'maps.pb.go',
    () => `\ts = append(s, "Uint128S: "+mapStringForUint128S+",\\n")`,
  ],
  ['a JSONPath in a kubeconfig', 'gke-kubeconfig', () => `        expiry-key: '{.credential.token_expiry}'`],
  ['an upload path ending in a UUID', 'routes_test.go', () => `\t\tRequestURI: "/v2/foo/bar/blobs/uploads/${uuid()}",`],
];

const goTreeFound: FoundCase[] = [
  ['a docker auth of a real pair', 'config.json', () => `  "auth": "${b64(`deploy:${word(16)}`)}"`, 'registry-auth'],
  [
    'base64 of random bytes under a secret name',
    'secret.yaml',
    () => `  apiSecret: "${b64(randomBytes(30))}"`,
    'secret-assignment',
  ],
  [
    'base64 of random bytes under a neutral name',
    'a.go',
    () => `\t\tValue: "${b64(randomBytes(24))}",`,
    'high-entropy-string',
  ],
  [
    'a random value in a literal before a concatenation',
    'a.go',
    () => `\tapiKey := "${word(30)}7"+suffix+"\\n"`,
    'secret-assignment',
  ],
];

describeQuiet('look-alikes from a Go module cache are not reported', goTreeQuiet, 5);

describeFound('the secrets next to them still are', goTreeFound);

// Jenkins' encrypted credentials (format 1: version byte, IV length, data length, IV, ciphertext).
const jenkinsSecret = (data: number) => {
  const head = Buffer.alloc(9);
  head.writeUInt8(1, 0);
  head.writeUInt32BE(16, 1);
  head.writeUInt32BE(data, 5);
  return b64(Buffer.concat([head, randomBytes(16), randomBytes(data)]));
};

describeFound('Jenkins encrypted credentials are reported', [
  [
    'a secret text credential',
    'credentials.xml',
    () => `  <secret>${braced(jenkinsSecret(32))}</secret>`,
    'jenkins-encrypted-secret',
  ],
  [
    'a password in a job config',
    'config.xml',
    () => `<password>${braced(jenkinsSecret(48))}</password>`,
    'jenkins-encrypted-secret',
  ],
  [
    'one in a Groovy init script',
    'init.groovy',
    () => `def token = '${braced(jenkinsSecret(16))}'`,
    'jenkins-encrypted-secret',
  ],
]);

describeQuiet(
  'and not their look-alikes',
  [
    ['the format prefix alone', 'notes.md', () => `Jenkins secrets start ${braced('AQAAABAAAA')} in credentials.xml`],
    ['base64 in braces of another format', 'a.json', () => `{"blob": "${braced(b64(randomBytes(48)))}"}`],
    [
      'a placeholder after the prefix',
      'credentials.xml',
      () => `<secret>${braced('AQAAABAAAA' + 'x'.repeat(48))}</secret>`,
    ],
  ],
  5,
);
