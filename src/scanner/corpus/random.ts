import { randomBytes, randomInt } from 'node:crypto';

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const BASE62 = UPPER + LOWER + DIGITS;
export const BASE64 = BASE62 + '+/';
export const BASE32 = UPPER + '234567';
export const HEX = '0123456789abcdef';

/** Uniform random string over an alphabet (crypto randomness: values are fresh every run). */
export function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export function pick<T>(items: readonly T[]): T {
  return items[randomInt(items.length)]!;
}

export function randomDigits(length: number): string {
  return String(randomInt(1, 10)) + randomString(DIGITS, length - 1);
}

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

export { randomInt };
