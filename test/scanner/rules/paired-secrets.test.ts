import { randomString } from '../../../src/scanner/corpus/random.js';
import { describeFound, describeQuiet, type FoundCase, type QuietCase } from './form-cases.js';

// The secret half of a pair reported beside its public half: a Twilio auth token (thirty-two hex
// digits, too plain alone) next to its account SID. Values are drawn at run time from a seed.
const hex = (n: number) => randomString('0123456789abcdef', n);
const sid = () => `AC${hex(32)}`;

const found: FoundCase[] = [
  ['a Ruby client', 'sms.rb', () => `client = Twilio::REST::Client.new("${sid()}", "${hex(32)}")`, 'twilio-auth-token'],
  ['a Node client', 'sms.js', () => `const client = twilio('${sid()}', '${hex(32)}');`, 'twilio-auth-token'],
  [
    'two lines of a .env',
    '.env',
    () => `TWILIO_ACCOUNT_SID=${sid()}\nTWILIO_FROM=+15550100\nTWILIO_AUTH_TOKEN=${hex(32)}`,
    'twilio-auth-token',
  ],
  [
    'three lines apart, the SID first in the file',
    'notes.txt',
    () => `${sid()}\n\n\ntoken ${hex(32)}`,
    'twilio-auth-token',
  ],
];

const quiet: QuietCase[] = [
  ['an account SID alone', 'sms.py', () => `account_sid = "${sid()}"`],
  ['thirty-two hex digits without a SID', 'cache.yml', () => `key: "${hex(32)}"`],
  ['a digest next to a SID', 'record.yml', () => `sid: ${sid()}\nmd5: ${hex(32)}`],
  ['a placeholder token', 'sms.py', () => `client = Client("${sid()}", "00000000000000000000000000000000")`],
  ['four lines apart', 'notes.txt', () => `${sid()}\n\n\n\ntoken ${hex(32)}`],
  ['a SID far from the hex', 'a.txt', () => `sid = "${sid()}"\n\n\n\n\n\nchecksum ${hex(32)}`],
];

describeFound('a Twilio auth token beside its account SID is found', found);
describeQuiet('its look-alikes are not', quiet, 3);
