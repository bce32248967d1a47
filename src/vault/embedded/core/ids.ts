import { randomBytes } from 'node:crypto';
import { randomBase62 } from '../../../util/random.js';

/**
 * Identifiers in the formats OpenBao 2.7 hands out. Vault's UUIDs are 16 random bytes printed
 * 8-4-4-4-12 without the RFC 4122 version bits (hashicorp/go-uuid), so they are too.
 */
let pool = Buffer.alloc(0);
let poolOffset = 0;

function bytes(n: number): Buffer {
  if (poolOffset + n > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  const out = pool.subarray(poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}

let hexPool = '';
let hexOffset = 0;

export function uuid(): string {
  if (hexOffset + 32 > hexPool.length) {
    hexPool = randomBytes(2048).toString('hex');
    hexOffset = 0;
  }
  const o = hexOffset;
  hexOffset += 32;
  const h = hexPool;
  return `${h.slice(o, o + 8)}-${h.slice(o + 8, o + 12)}-${h.slice(o + 12, o + 16)}-${h.slice(o + 16, o + 20)}-${h.slice(o + 20, o + 32)}`;
}

/** Service token: OpenBao 2.x issues `s.` + 24 base62 characters (it dropped Vault's `hvs.` signed form). */
export function serviceToken(): string {
  return `s.${randomBase62(24)}`;
}

/**
 * Batch token: `b.` + the URL-safe base64 of the encrypted token entry (a 6-byte key-term header,
 * `AAAAAQ`, then ciphertext). Ours carries no entry, only randomness of the same length.
 */
export function batchToken(): string {
  return `b.AAAAAQ${randomBytes(93).toString('base64url')}`;
}

/** Token accessor: 24 base62 characters, no prefix. */
export function tokenAccessor(): string {
  return randomBase62(24);
}

/** Mount accessor: `<type>_<8 hex>`; auth mounts get `auth_<type>_<8 hex>`. */
export function mountAccessor(prefix: string): string {
  return `${prefix}_${bytes(4).toString('hex')}`;
}

export function hex(n: number): string {
  return bytes(n).toString('hex');
}
