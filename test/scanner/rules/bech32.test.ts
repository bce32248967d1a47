// age secret keys carry a bech32 checksum: a key age made is found, the same key with one character
// changed (a hand-made fake) is not. Keys are made here from fresh random values.
import { describe, expect, test } from 'vitest';
import { pick, randomString } from '../../../src/scanner/corpus/random.js';
import { hasBech32Checksum } from '../../../src/scanner/rules/bech32.js';
import { scanText } from '../../../src/scanner/scan-text.js';
import { seedEachTest } from '../../helpers/seeded.js';

seedEachTest();

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

/** BIP 173's reference encoder, written independently of the module under test. */
function bech32Encode(prefix: string, data: number[]): string {
  const values = [
    ...[...prefix].map((c) => c.charCodeAt(0) >> 5),
    0,
    ...[...prefix].map((c) => c.charCodeAt(0) & 31),
    ...data,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  let chk = 1;
  for (const value of values) {
    const top = Math.floor(chk / 2 ** 25);
    chk = ((chk % 2 ** 25) * 32) ^ value;
    for (let bit = 0; bit < 5; bit++) if (Math.floor(top / 2 ** bit) % 2) chk = (chk ^ GENERATOR[bit]!) >>> 0;
  }
  chk = (chk ^ 1) >>> 0;
  const checksum = Array.from({ length: 6 }, (_, i) => Math.floor(chk / 2 ** (5 * (5 - i))) % 32);
  return `${prefix}1${[...data, ...checksum].map((v) => CHARSET[v]).join('')}`;
}

/** A key of age's shape: 52 data characters (32 bytes) and the checksum, upper case. */
const ageKey = () =>
  bech32Encode(
    'age-secret-key-',
    [...randomString(CHARSET, 52)].map((c) => CHARSET.indexOf(c)),
  ).toUpperCase();

/** The same key with one data character changed: its checksum no longer holds. */
function tampered(key: string): string {
  const at = 16 + Math.floor(Math.random() * 52);
  const others = [...CHARSET.toUpperCase()].filter((c) => c !== key[at]);
  return key.slice(0, at) + pick(others) + key.slice(at + 1);
}

const ids = (text: string) => scanText(text, { file: 'keys.txt' }).map((f) => f.ruleId);

describe('age secret keys and their bech32 checksum', () => {
  test('the checksum holds for keys made by the encoder, in either case, and not for mixed case', () => {
    for (let i = 0; i < 50; i++) {
      const key = ageKey();
      expect(hasBech32Checksum(key)).toBe(true);
      expect(hasBech32Checksum(key.toLowerCase())).toBe(true);
      expect(hasBech32Checksum(key.slice(0, 20) + key.slice(20).toLowerCase())).toBe(false);
      expect(hasBech32Checksum(tampered(key))).toBe(false);
    }
  });

  test('a key age could have made is found; the same key with one character changed is not', () => {
    for (let i = 0; i < 20; i++) {
      const key = ageKey();
      expect(ids(`# created: 2026-01-01\n# public key: age1example\n${key}\n`)).toContain('age-secret-key');
      expect(ids(`SOPS_AGE_KEY=${tampered(key)}\n`)).not.toContain('age-secret-key');
    }
  });
});
