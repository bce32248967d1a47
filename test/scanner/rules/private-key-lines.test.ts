// A private key written line by line with something around each line (CredSweeper's samples and
// CredData's lines on the tuning side showed it missing), made here from fresh random key material.
import { describe, expect, test } from 'vitest';
import { pick, randomBytes, randomInt } from '../../../src/scanner/corpus/random.js';
import { scanText } from '../../../src/scanner/scan-text.js';
import { seedEachTest } from '../../helpers/seeded.js';

seedEachTest();

const ids = (text: string, file: string) => scanText(text, { file }).map((f) => f.ruleId);
const isKey = (id: string) => id === 'private-key' || id === 'private-key-lines';
/** PEM body lines of random DER-sized material (64 characters a line). */
const bodyLines = (bytes = randomInt(300, 1200)) =>
  randomBytes(bytes)
    .toString('base64')
    .match(/.{1,64}/g)!;
const label = () => pick(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']);
const pem = (kind: string, lines: string[]) => [`-----BEGIN ${kind}-----`, ...lines, `-----END ${kind}-----`];

describe('a private key written line by line in code, a comment or a log', () => {
  test('string concatenation, comment markers and log prefixes around each line: the key is found', () => {
    for (let i = 0; i < 20; i++) {
      const lines = pem(label(), bodyLines());
      const step = `#${randomInt(2, 9)} ${randomInt(0, 9)}.${randomInt(100, 999)}`;
      const texts: Array<[string, string]> = [
        [`  PRIVATE_KEY = ${lines.map((l) => `"${l}\\n"`).join('\n    + ')};`, 'Keys.java'],
        [`const key =\n${lines.map((l) => `  '${l}\\n'`).join(' +\n')};`, 'test-signature.js'],
        [`/**\n${lines.map((l) => ` *  ${l}`).join('\n')}\n */`, 'Fixture.kt'],
        [lines.map((l) => `${step} ${l}`).join('\n'), 'build.log'],
        [`KEY = (\n${lines.map((l) => `    "${l}\\n"`).join('\n')}\n)`, 'keys.py'],
      ];
      for (const [text, file] of texts) expect(ids(text, file).filter(isKey), file).not.toEqual([]);
    }
  });

  test('a body too short, a placeholder, one character repeated, no END line or a public key stays quiet', () => {
    const kind = label();
    const join = (lines: string[]) => lines.map((l) => `"${l}\\n"`).join(' +\n');
    const texts = [
      join(pem(kind, ['anything', 'goes here'])),
      join(pem(kind, bodyLines(60))),
      join(
        pem(
          kind,
          Array.from({ length: 8 }, () => 'x'.repeat(64)),
        ),
      ),
      join(
        pem(
          kind,
          Array.from({ length: 8 }, () => 'A'.repeat(64)),
        ),
      ),
      join(pem(kind, ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASC...', '...EXAMPLEKEYBODY'])),
      join([`-----BEGIN ${kind}-----`, ...bodyLines()]),
      join(pem('PUBLIC KEY', bodyLines())),
    ];
    for (const text of texts) expect(ids(text, 'Keys.java').filter(isKey), text.slice(0, 60)).toEqual([]);
  });
});
