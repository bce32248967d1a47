import { describe, expect, test } from 'vitest';
import { LeakDetector, findLeaks, type KnownSecret } from '../../src/scanner/leak/detector.js';
import { base64Alignments } from '../../src/scanner/leak/encodings.js';
import { privateKey, password } from '../../src/scanner/corpus/values.js';
import { randomBytes } from '../../src/scanner/corpus/random.js';
import { seedEachTest } from '../helpers/seeded.js';

seedEachTest();

const noise = (n: number) =>
  randomBytes(n)
    .toString('base64')
    .replace(/[A-Za-z0-9+/=]/g, (c) => (c === '=' ? '.' : c))
    .slice(0, n);
const forms = (secrets: KnownSecret[], output: string | Buffer) =>
  findLeaks(secrets, output)
    .map((f) => `${f.secret}:${f.form}`)
    .sort();

describe('every encoding is recognised', () => {
  // Regex metacharacters, URL-reserved characters, a space, a quote, a backslash, non-ASCII.
  const value = 'p@ss/w+rd&x=1 a.b*c?(d)[e]{f}|^$ "q" \\ é😀';
  const secret = [{ name: 'db', value }];
  const encodings: Array<[string, string]> = [
    ['raw', value],
    ['base64', Buffer.from(value).toString('base64')],
    ['base64url', Buffer.from(value).toString('base64url')],
    ['hex', Buffer.from(value).toString('hex')],
    ['hex-upper', Buffer.from(value).toString('hex').toUpperCase()],
    ['url-encoded', encodeURIComponent(value)],
    ['url-encoded', encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
    ['form-encoded', new URLSearchParams({ q: value }).toString().slice(2)],
    // Python's quote(value, safe="") / quote_plus and Go's url.QueryEscape also escape !'()*.
    [
      'url-encoded',
      encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    ],
    [
      'form-encoded',
      encodeURIComponent(value)
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+'),
    ],
    ['json-escaped', JSON.stringify(value).slice(1, -1)],
    [
      'json-escaped',
      JSON.stringify({ v: value })
        .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .slice(6, -2),
    ],
  ];
  for (const [form, encoded] of encodings) {
    test(`${form}: ${encoded.slice(0, 40)}`, () => {
      const found = findLeaks(secret, `log: ${noise(50)} ${encoded} ${noise(50)}\n`);
      // Where the URL-safe alphabet changes nothing, the form is reported as plain base64.
      const accepted = form === 'base64url' ? ['base64url', 'base64'] : [form];
      expect(found.map((f) => f.form).filter((f) => accepted.includes(f))).not.toEqual([]);
      expect(JSON.stringify(found)).not.toContain(value);
    });
  }

  test('base64 of a longer text containing the value, at every alignment (standard and URL-safe)', () => {
    const token = password() + 'Zz9';
    for (let prefix = 0; prefix < 6; prefix++) {
      const text = `${'x'.repeat(prefix)}{"token":"${token}","n":1}`;
      expect(forms([{ name: 't', value: token }], `payload=${Buffer.from(text).toString('base64')}`)).toEqual([
        't:base64',
      ]);
      const url = Buffer.from(text).toString('base64url');
      expect(forms([{ name: 't', value: token }], `payload=${url}`)).toEqual([
        url === Buffer.from(text).toString('base64').replace(/=+$/, '') ? 't:base64' : 't:base64url',
      ]);
    }
  });

  test('base64url is told apart from base64 when the alphabets differ', () => {
    const value = '\u00fb\u00ff\u00fe-token->>??'; // bytes that encode to + and /
    const found = forms([{ name: 'v', value }], Buffer.from(value).toString('base64url'));
    expect(found).toEqual(['v:base64url']);
  });

  test('base64Alignments keeps only characters that depend on the value alone', () => {
    const value = Buffer.from('abcdefghij');
    for (const [shift, aligned] of base64Alignments(value).entries()) {
      for (let run = 0; run < 5; run++) {
        const encoded = Buffer.concat([randomBytes(3 + shift), value, randomBytes(4)]).toString('base64');
        expect(encoded).toContain(aligned);
      }
    }
  });

  test('a multi-line PEM: raw, JSON-logged with \\n, Python repr, base64', () => {
    const pem = privateKey('pkcs8');
    const secrets = [{ name: 'tls', value: pem }];
    expect(forms(secrets, `key loaded:\n${pem}done`)).toEqual(['tls:raw']);
    expect(forms(secrets, JSON.stringify({ level: 'info', key: pem }))).toEqual(['tls:json-escaped']);
    expect(forms(secrets, `key=${JSON.stringify(pem).replace(/"/g, "'")}`)).toEqual(['tls:json-escaped']);
    expect(forms(secrets, Buffer.from(`prefix${pem}`).toString('base64'))).toEqual(['tls:base64']);
    // Printed without its final newline, or one body line of it: still a leak.
    expect(forms(secrets, `key: ${pem.trim()}`)).toEqual(['tls:raw']);
    expect(forms(secrets, `first line: ${pem.split('\n')[1]!}`)).toEqual(['tls:partial']);
    // The BEGIN line alone is public: nothing.
    expect(forms(secrets, pem.split('\n')[0]!)).toEqual([]);
  });
});

describe('streaming', () => {
  test('a value split at every position across two chunks is found exactly once', () => {
    const value = 'S3cr3t-V@lue.with*meta';
    const encodedValue = Buffer.from(`xx${value}yy`).toString('base64');
    for (const carrier of [`before ${value} after`, `before ${encodedValue} after`, `${value}`]) {
      for (let cut = 0; cut <= carrier.length; cut++) {
        const detector = new LeakDetector([{ name: 's', value }]);
        detector.write(carrier.slice(0, cut));
        detector.write(carrier.slice(cut));
        const found = detector.findings();
        expect(found, `cut at ${cut}`).toHaveLength(1);
        expect(found[0]!.count).toBe(1);
      }
    }
  });

  test('byte-by-byte, with a multi-byte character split across chunks', () => {
    const value = 'clé-secrète-😀-42';
    const bytes = Buffer.from(`out: ${value} and ${encodeURIComponent(value)}\n`);
    const detector = new LeakDetector([{ name: 'k', value }]);
    for (const byte of bytes) detector.write(Uint8Array.of(byte), 'stderr');
    detector.end('stderr');
    expect(
      detector
        .findings()
        .map((f) => `${f.form}@${f.stream}x${f.count}`)
        .sort(),
    ).toEqual(['raw@stderrx1', 'url-encoded@stderrx1']);
  });

  test('streams are read apart, and together as a terminal shows them', () => {
    const detector = new LeakDetector([{ name: 'a', value: 'alpha-secret-1' }]);
    detector.write('...alpha-sec', 'stdout');
    detector.write('ret-1...', 'stderr');
    // Half on each stream: on a terminal, one value.
    expect(detector.findings()).toEqual([{ secret: 'a', form: 'raw', stream: 'stdout and stderr together', count: 1 }]);
    detector.write('ret-1', 'stdout');
    // Once a stream shows it on its own, that is what is reported.
    expect(detector.findings()).toEqual([{ secret: 'a', form: 'raw', stream: 'stdout', count: 1 }]);
  });

  test('half on each stream is found even when the pipes deliver the first stream all at once', () => {
    const value = password();
    const half = value.length / 2;
    const detector = new LeakDetector([{ name: 'pw', value }]);
    // Written: stdout half, stderr half, stdout newline and more; read: stdout's whole, then stderr.
    detector.write(`key: ${value.slice(0, half)}\nready\nserving\n`, 'stdout');
    detector.write(`${value.slice(half)}\n`, 'stderr');
    expect(detector.findings()).toEqual([
      { secret: 'pw', form: 'raw', stream: 'stdout and stderr together', count: 1 },
    ]);
  });

  test('a multi-line value split over many chunks is reported whole, not line by line', () => {
    const pem = privateKey('rsa-pkcs1');
    const detector = new LeakDetector([{ name: 'tls', value: pem }]);
    for (let i = 0; i < pem.length; i += 100) detector.write(pem.slice(i, i + 100));
    expect(detector.findings().map((f) => f.form)).toEqual(['raw']);
  });

  // Heap growth over the 20 MB is measured in bench/grader-limits.ts; here, what the detector holds.
  test('20 MB streamed through keeps memory bounded and still finds values at the boundaries', () => {
    const pem = privateKey('ec');
    const secrets = [
      { name: 'password', value: password() },
      { name: 'tls', value: pem },
      { name: 'api', value: randomBytes(24).toString('hex') },
    ];
    const detector = new LeakDetector(secrets);
    const chunkSize = 64 * 1024;
    const filler = Buffer.from(noise(chunkSize));
    // Two streams and the compacted view hold a tail each; each stream, its last 4 lines: the
    // longest form at most, each.
    const bound = 11 * Math.max(...secrets.map((s) => Buffer.byteLength(s.value) * 2 + 1));
    let written = 0;
    let chunks = 0;
    while (written < 20 * 1024 * 1024) {
      const chunk = Buffer.from(filler);
      if (chunks === 100) {
        // The password straddles this chunk and the next one.
        Buffer.from(secrets[0]!.value).copy(chunk, chunk.length - 5);
      }
      if (chunks === 101) Buffer.from(secrets[0]!.value).subarray(5).copy(chunk, 0);
      detector.write(chunk, Math.floor(chunks / 2) % 2 ? 'stderr' : 'stdout'); // chunks 100 and 101 share stdout
      written += chunk.length;
      chunks++;
      expect(detector.bufferedBytes()).toBeLessThanOrEqual(bound);
    }
    detector.write(Buffer.from(secrets[2]!.value).toString('base64'), 'stdout');
    detector.write(JSON.stringify({ pem }), 'stderr');
    expect(
      detector
        .findings()
        .map((f) => `${f.secret}:${f.form}:${f.stream}`)
        .sort(),
    ).toEqual(['api:base64:stdout', 'password:raw:stdout', 'tls:json-escaped:stderr']);
  });
});

describe('tricky values', () => {
  test('regex metacharacters are literal', () => {
    const value = '.*+?^${}()|[]\\/';
    expect(forms([{ name: 'm', value }], `x ${value} y`)).toEqual(['m:raw']);
    expect(forms([{ name: 'm', value }], 'x anything at all y')).toEqual([]);
  });

  test('values that are substrings of each other are attributed to the longest match', () => {
    const pw = password();
    const url = `postgres://app:${pw}@db.internal/app`;
    const secrets = [
      { name: 'password', value: pw },
      { name: 'url', value: url },
    ];
    expect(forms(secrets, `connecting to ${url}`)).toEqual(['url:raw']);
    expect(forms(secrets, `password is ${pw}`)).toEqual(['password:raw']);
    expect(forms(secrets, `${url} and ${pw}`)).toEqual(['password:raw', 'url:raw']);
    // Encoded, the URL contains the encoded password: still attributed to the URL alone.
    expect(forms(secrets, `url=${encodeURIComponent(url)}`)).toEqual(['url:url-encoded']);
  });

  test('two secrets with the same value are both reported', () => {
    expect(
      forms(
        [
          { name: 'a', value: 'same-value-123' },
          { name: 'b', value: 'same-value-123' },
        ],
        'same-value-123',
      ),
    ).toEqual(['a:raw', 'b:raw']);
  });

  test('short values (4-7 characters) match only raw and only as a whole token', () => {
    const secrets = [{ name: 'pin', value: 'h7Qz9' }];
    expect(forms(secrets, 'pin=h7Qz9;')).toEqual(['pin:raw']);
    expect(forms(secrets, 'h7Qz9')).toEqual(['pin:raw']);
    expect(forms(secrets, 'xh7Qz9')).toEqual([]);
    expect(forms(secrets, 'aGVsbG8h7Qz9d29ybGQ=')).toEqual([]); // inside base64 noise
    expect(forms(secrets, Buffer.from('h7Qz9').toString('base64'))).toEqual([]);
    // At the end of a stream, decided by end(); split across chunks too.
    const detector = new LeakDetector(secrets);
    detector.write('value: h7Q');
    detector.write('z9');
    expect(detector.findings()).toEqual([]);
    detector.end();
    expect(detector.findings()).toHaveLength(1);
  });

  test('values under 4 characters are not looked for, and said so', () => {
    const detector = new LeakDetector([
      { name: 'tiny', value: 'ab1' },
      { name: 'ok', value: 'long-enough-value' },
    ]);
    detector.write('ab1 ab1 ab1');
    expect(detector.findings()).toEqual([]);
    expect(detector.ignored()).toEqual(['tiny']);
  });

  test('counts every occurrence once', () => {
    const value = 'rep-secret-77';
    const detector = new LeakDetector([{ name: 'r', value }]);
    const text = `${value} ${value} ${value}`;
    for (let i = 0; i < text.length; i += 4) detector.write(text.slice(i, i + 4));
    expect(detector.findings()).toEqual([{ secret: 'r', form: 'raw', stream: 'stdout', count: 3 }]);
  });
});

describe('values split the way tools print them', () => {
  const wrap = (text: string, width: number) => text.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n');

  test('base64 wrapped at 76 columns (the base64 tool, Python encodebytes) of a key is found', () => {
    const pem = privateKey('rsa-pkcs1');
    const wrapped = wrap(Buffer.from(pem).toString('base64'), 76) + '\n';
    const found = findLeaks([{ name: 'tls', value: pem }], `key follows\n${wrapped}done\n`);
    expect(found).toEqual([
      { secret: 'tls', form: 'base64', stream: 'the output read across line breaks, spaces and separators', count: 1 },
    ]);
  });

  test('a PEM body re-wrapped at another width, or indented, is found', () => {
    const pem = privateKey('ec');
    const body = pem
      .split('\n')
      .filter((line) => line && !line.startsWith('-----'))
      .join('');
    for (const printed of [wrap(body, 76), wrap(body, 32).replace(/^/gm, '    ')]) {
      const found = findLeaks([{ name: 'tls', value: pem }], `${printed}\n`);
      expect(found.map((finding) => finding.secret)).toEqual(['tls']);
    }
  });

  test('hex with separators (de:ad:be:ef, de ad be ef, de-ad-be-ef) is found', () => {
    const value = password();
    const hex = Buffer.from(value).toString('hex').match(/../g)!;
    for (const separator of [':', ' ', '-']) {
      const found = findLeaks([{ name: 'pw', value }], `bytes: ${hex.join(separator)}\n`);
      expect(found).toEqual([
        { secret: 'pw', form: 'hex', stream: 'the output read across line breaks, spaces and separators', count: 1 },
      ]);
    }
  });

  test('ordinary text, compacted, does not look like a value', () => {
    const secrets = [
      { name: 'pw', value: password() },
      { name: 'tls', value: privateKey('ec') },
    ];
    expect(findLeaks(secrets, noise(200_000))).toEqual([]);
  });
});
