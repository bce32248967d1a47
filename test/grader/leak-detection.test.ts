import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLeakDetector } from '../../src/grader/scanner-port.js';
import { OutputCollector } from '../../src/grader/program/output.js';
import { HIDDEN_FRAGMENT, HIDDEN_LINE, LineRedactor } from '../../src/grader/program/output-redactor.js';
import { generateTlsPair } from '../../src/grader/kinds/vault-app/tls.js';
import { randomBase62 } from '../../src/util/random.js';

const password = { name: 'secret/database/backend password', value: randomBase62(32) };

function found(text: string, secrets = [password]) {
  const detector = createLeakDetector(secrets);
  detector.write(text, 'stdout');
  detector.end('stdout');
  return detector.findings().map((finding) => finding.form);
}

describe('leak detector (src/scanner through the grader port)', () => {
  it('finds a secret raw, JSON-escaped, URL-encoded, in hex and in base64 at every alignment', () => {
    const bytes = Buffer.from(password.value);
    expect(found(`password=${password.value}`)).toEqual(['raw']);
    expect(found(Buffer.from(password.value).toString('hex').toUpperCase())).toEqual(['hex-upper']);
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const encoded = Buffer.concat([Buffer.from(prefix), bytes, Buffer.from('!')]).toString('base64');
      expect(found(`token: ${encoded}`), `prefix "${prefix}"`).toContain('base64');
      const url = Buffer.concat([Buffer.from(prefix), bytes]).toString('base64url');
      expect(found(url).some((encoding) => encoding === 'base64' || encoding === 'base64url')).toBe(true);
    }
    const special = { name: 'url', value: 'postgres://app:p@ss w0rd/"x"@db:5432/app' };
    expect(found(encodeURIComponent(special.value), [special])).toEqual(['url-encoded']);
    expect(found(JSON.stringify({ url: special.value }), [special])).toEqual(['json-escaped']);
    expect(found('nothing to see here, just logs')).toEqual([]);
  });

  it('finds a value however the output is cut into chunks (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 50 }),
        fc.string({ maxLength: 50 }),
        fc.array(fc.nat(200), { maxLength: 8 }),
        (before, after, cuts) => {
          const text = `${before}${Buffer.from(password.value).toString('base64')}${after}`;
          const detector = createLeakDetector([password]);
          let last = 0;
          for (const cut of [...cuts.map((cut) => cut % (text.length + 1))].sort((a, b) => a - b)) {
            detector.write(text.slice(last, cut), 'stderr');
            last = cut;
          }
          detector.write(text.slice(last), 'stderr');
          detector.end('stderr');
          return detector.findings().some((finding) => finding.form === 'base64' && finding.stream === 'stderr');
        },
      ),
    );
  });

  it('hides a printed PEM key line by line, and keeps harmless lines', async () => {
    const pair = await generateTlsPair('api.test.internal', 1);
    const key = { name: 'tls private_key', value: pair.privateKey };
    const redactor = new LineRedactor(createLeakDetector, [key]);
    const lines = pair.privateKey.trim().split('\n');
    expect(redactor.line(lines[1]!)).toBe(HIDDEN_LINE);
    expect(redactor.line('tls certificate sha256: 1f:af')).toBe('tls certificate sha256: 1f:af');
  });
});

describe('output collector', () => {
  it('streams redacted lines up to a cap, remembers the telling error line, and keeps memory bounded', () => {
    const shown: string[] = [];
    const secrets = [password];
    const collector = new OutputCollector({
      detector: createLeakDetector(secrets),
      redactor: new LineRedactor(createLeakDetector, secrets),
      onLine: (_stream, line) => shown.push(line),
      maxShownLines: 3,
    });
    collector.write('stdout', `starting\nthe password is ${password.value.slice(0, 10)}`);
    collector.write('stdout', `${password.value.slice(10)}\n`);
    collector.write('stdout', 'x'.repeat(100_000));
    collector.write('stdout', '\nmore\nand more\n');
    collector.write(
      'stderr',
      'Traceback (most recent call last):\n  File "app.py", line 3, in <module>\nKeyError: \'ROLE_ID\'\n',
    );
    collector.finish();
    expect(shown).toEqual(['starting', HIDDEN_LINE, '[a line longer than 16384 characters, not shown]']);
    expect(collector.notShown).toBe(5);
    expect(collector.leaks()).toEqual([{ secret: password.name, form: 'raw', stream: 'stdout', count: 1 }]);
    expect(collector.lastLine()).toBe("KeyError: 'ROLE_ID'");
  });
});

describe('the output as a terminal shows it', () => {
  function collect(write: (collector: OutputCollector) => void, secrets = [password]) {
    const shown: string[] = [];
    const collector = new OutputCollector({
      detector: createLeakDetector(secrets),
      redactor: new LineRedactor(createLeakDetector, secrets),
      onLine: (_stream, line) => shown.push(line),
    });
    write(collector);
    collector.finish();
    return { shown, leaks: collector.leaks() };
  }
  const wrap = (text: string, width: number) => text.match(new RegExp(`.{1,${width}}`, 'g'))!;

  it('half a password on stdout and half on stderr: found, and neither half shown', () => {
    const half = password.value.length / 2;
    const { shown, leaks } = collect((collector) => {
      collector.write('stdout', `db password: ${password.value.slice(0, half)}`);
      collector.write('stderr', `${password.value.slice(half)}\n`);
      collector.write('stdout', '\nconnected\n');
    });
    expect(leaks).toEqual([{ secret: password.name, form: 'raw', stream: 'stdout and stderr together', count: 1 }]);
    expect(shown).toEqual([HIDDEN_FRAGMENT, HIDDEN_FRAGMENT, 'connected']);
  });

  it('a private key as base64 wrapped at 76 columns: found, and no line of it shown', async () => {
    const key = (await generateTlsPair('api.internal', 1)).privateKey;
    const secrets = [{ name: 'tls private_key', value: key }];
    const lines = wrap(Buffer.from(key).toString('base64'), 76);
    const { shown, leaks } = collect((collector) => collector.write('stdout', `${lines.join('\n')}\n`), secrets);
    expect(leaks.map((leak) => [leak.form, leak.stream])).toEqual([
      ['base64', 'the output read across line breaks, spaces and separators'],
    ]);
    expect(shown.filter((line) => line !== HIDDEN_FRAGMENT)).toEqual([]);
  });

  it('hex with separators: found, and not shown', () => {
    const hex = Buffer.from(password.value).toString('hex').match(/../g)!.join(':');
    const { shown, leaks } = collect((collector) => collector.write('stdout', `key bytes ${hex}\nok\n`));
    expect(leaks.map((leak) => leak.form)).toEqual(['hex']);
    expect(shown).toEqual([HIDDEN_LINE, 'ok']);
  });
});
