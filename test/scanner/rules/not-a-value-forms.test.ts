import { BASE62, randomString } from '../../../src/scanner/corpus/random.js';
import { describeFound, describeQuiet, type FoundCase, type QuietCase } from './form-cases.js';

// Things written where a secret would be that are not one — an encrypted value, code quoted in
// code, a credential's user name, a token with a typed counting tail — each beside the real value
// that must still be found. Values are drawn at run time from a seed.
const word = (n: number) => randomString(BASE62, n);
const digit = () => randomString('0123456789', 1);
const lower = (n: number) => randomString('abcdefghijklmnopqrstuvwxyz', n);
const pass = () => `${word(9)}${digit()}${word(3)}`;
const base64 = (n: number) => randomString(`${BASE62}+/`, n);
/** `…76543210`-style tails: a counting run typed backwards. */
const descendingTail = () => '9876543210'.slice(Number(digit()) % 4);
/** A counting or alphabet run of six or seven typed where a token's random part starts. */
const typedHead = () => ['123456', '1234567', 'abcdef', 'abcdefg', '654321'][Number(digit()) % 5]!;
const hex = (n: number) => randomString('0123456789abcdef', n);

const quiet: QuietCase[] = [
  [
    'a placeholder in angle brackets with spaces',
    'values.yaml',
    () => `password: <${lower(6)} ${lower(2).toUpperCase()} password>`,
  ],
  ['a Jasypt-encrypted value in JSON', 'app.json', () => `{"secretKey": "ENC(${base64(22)}=)"}`],
  [
    'a Jasypt-encrypted password in properties',
    'application.properties',
    () => `spring.datasource.password=ENC(${base64(32)})`,
  ],
  [
    "a PowerShell credential's user name",
    'connect.ps1',
    () => `$Cred = New-Object System.Management.Automation.PSCredential('CORP\\${lower(6)}', $SecPassword)`,
  ],
  [
    'code that hashes a variable, quoted in other code',
    'README.md',
    () => `"SELECT * FROM users WHERE pass = '".md5($${lower(8)},true)."'"`,
  ],
  [
    'a vendor key shortened with a backwards counting tail',
    'README.md',
    () => `sk-ant-api03-${word(60)}-${word(20)}${descendingTail()}`,
  ],
  ['a RubyGems key typed over from a counting head', 'README.md', () => `rubygems_${typedHead()}${hex(48).slice(7)}`],
  [
    'a Linear key typed over from an alphabet head',
    'config.md',
    () => `LINEAR=lin_api_${typedHead()}${word(40).slice(7)}`,
  ],
  [
    'an age-shaped key whose checksum does not hold',
    'keys.txt',
    () => `AGE-SECRET-KEY-1${randomString('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}`,
  ],
];

const found: FoundCase[] = [
  ['a password that starts with an angle bracket', 'values.yaml', () => `password: <${pass()}`, 'password-assignment'],
  ['a password next to ENC-looking text', '.env', () => `DB_PASSWORD=ENCx${pass()}`, 'password-assignment'],
  [
    "a PowerShell credential's password, written out",
    'connect.ps1',
    () =>
      `$Cred = New-Object System.Management.Automation.PSCredential('CORP\\${lower(6)}', (ConvertTo-SecureString '${pass()}' -AsPlainText -Force))`,
    'command-line-credentials',
  ],
  [
    'a .NET credential with its password',
    'A.cs',
    () => `var c = new NetworkCredential("${lower(6)}", "${pass()}");`,
    'password-assignment',
  ],
  [
    'a vendor key whose tail only starts to count down',
    'a.env',
    () => `KEY=sk-ant-api03-${word(60)}-${word(20)}${lower(2)}3210`,
    'anthropic-api-key',
  ],
  [
    'a RubyGems key that only starts to count',
    'a.env',
    () => `GEM_HOST_API_KEY=rubygems_12345${hex(1).replace('6', 'a')}${hex(42)}`,
    'rubygems-api-token',
  ],
];

describeQuiet('values that are not secrets', quiet, 3);
describeFound('real values beside them', found);
