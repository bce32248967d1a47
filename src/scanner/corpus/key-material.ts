import { BASE62, DIGITS, HEX, LOWER, pick, randomInt, randomString } from './random.js';

/**
 * Random key material in the shapes apps generate it, 16 to 64 characters, always with a digit
 * (a value of letters alone under a secret's name may as well be a word): the draws a scanner
 * must find under a secret-named key, whatever letters chance puts together.
 */
export const KEY_MATERIAL_SHAPES = ['lowercase+digit', 'base36', 'base62', 'hex'] as const;
export type KeyMaterialShape = (typeof KEY_MATERIAL_SHAPES)[number];

/** Draws until `ok`: a uniform draw among the values that have what the shape promises. */
function drawUntil(make: () => string, ok: (value: string) => boolean): string {
  for (;;) {
    const value = make();
    if (ok(value)) return value;
  }
}

const hasDigit = (value: string) => /\d/.test(value);
const hasLetter = (value: string) => /[A-Za-z]/.test(value);

export function keyMaterial(shape: KeyMaterialShape, length = randomInt(16, 65)): string {
  switch (shape) {
    case 'lowercase+digit': {
      // Letters with a digit or two among them or at the end (`ctorkvodzeojkz…wsobzyiuluygcogy7`).
      let value = randomString(LOWER, length);
      for (let digits = randomInt(1, 3); digits > 0; digits--) {
        const at = pick([length - 1, randomInt(length)]);
        value = value.slice(0, at) + randomString(DIGITS, 1) + value.slice(at + 1);
      }
      return value;
    }
    case 'base36':
      return drawUntil(
        () => randomString(LOWER + DIGITS, length),
        (v) => hasDigit(v) && hasLetter(v),
      );
    case 'base62':
      return drawUntil(() => randomString(BASE62, length), hasDigit);
    case 'hex':
      return drawUntil(
        () => randomString(HEX, length),
        (v) => hasDigit(v) && hasLetter(v),
      );
  }
}

/** Where a secret-named key is written, and the rule that must report its value. */
export const SECRET_SETTINGS: [file: string, line: (value: string) => string][] = [
  ['ci.yml', (v) => `  azure_key: ${v}`],
  ['.env', (v) => `API_KEY=${v}`],
  ['config.json', (v) => `{"client_secret": "${v}"}`],
  ['settings.py', (v) => `ACCESS_TOKEN = "${v}"`],
  ['app.yaml', (v) => `secret_key: "${v}"`],
  ['app.ts', (v) => `const authToken = '${v}';`],
];
