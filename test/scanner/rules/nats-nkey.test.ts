// NATS nkey seeds (a form CredData's reviewed lines label as credentials; build-creddata.ts), made
// here from fresh random values: the seed is reported, the public key it pairs with is not.
import { describe, expect, test } from 'vitest';
import { BASE32, pick, randomString } from '../../../src/scanner/corpus/random.js';
import { scanText } from '../../../src/scanner/scan-text.js';
import { seedEachTest } from '../../helpers/seeded.js';

seedEachTest();

const ids = (text: string, file: string) => scanText(text, { file }).map((f) => f.ruleId);
const seed = () => `S${pick(['U', 'A', 'O', 'N', 'C', 'X'])}${pick(['A', 'B', 'C', 'D'])}${randomString(BASE32, 55)}`;

describe('NATS nkey seeds', () => {
  test('a seed in Go code, a config comment or a creds file is found', () => {
    for (let i = 0; i < 20; i++) {
      const value = seed();
      for (const [text, file] of [
        [`var seed = []byte("${value}")`, 'nkey_test.go'],
        [`    # ${value}`, 'server.conf'],
        [`-----BEGIN USER NKEY SEED-----\n${value}\n------END USER NKEY SEED------`, 'user.creds'],
      ] as const)
        expect(ids(text, file), text).toContain('nats-nkey-seed');
    }
  });

  test('public keys, other lengths, lower case and a seed-shaped run of one letter are not', () => {
    const value = seed();
    const texts = [
      `{nkey: "U${randomString(BASE32, 55)}"}`,
      `nkey = "A${randomString(BASE32, 55)}"`,
      value.slice(0, -1),
      `${value}Q`,
      value.toLowerCase(),
      `SUA${'A'.repeat(55)}`,
    ];
    for (const text of texts)
      expect(
        ids(text, 'server.conf').filter((id) => id === 'nats-nkey-seed'),
        text,
      ).toEqual([]);
  });
});
