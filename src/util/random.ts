import { randomBytes, randomUUID } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Uniform base62 string (rejection sampling, no modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/**
 * A random dev root token. Vault only accepts a custom root token id without a `.` and not
 * starting with `hvs.`/`s.` (dev mode creates it through auth/token/create with `id`), so this is
 * plain base62, as long as a generated root token.
 */
export function randomRootToken(): string {
  return randomBase62(28);
}

export { randomUUID };
