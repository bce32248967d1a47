import { generateKeyPairSync } from 'node:crypto';
import {
  BASE32,
  BASE62,
  BASE64,
  DIGITS,
  LOWER,
  UPPER,
  pick,
  randomBytes,
  randomDigits,
  randomHex,
  randomInt,
  randomString,
  randomUUID,
} from './random.js';

/**
 * Fresh, random, realistic-looking secret values: right prefixes, lengths, charsets and checksums,
 * so a pattern-based scanner recognises them — and none of them is a real credential. Prefixes
 * are assembled from parts so that this file itself contains no scannable secret.
 */

export function awsAccessKeyId(): string {
  return pick(['AK' + 'IA', 'AS' + 'IA']) + randomString(BASE32, 16);
}

export function awsSecretAccessKey(): string {
  return randomString(BASE64, 40);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62_DIGITS_FIRST = DIGITS + UPPER + LOWER;

/** Base62 (0-9A-Za-z), left-padded with zeros: GitHub's checksum encoding. */
export function base62(value: number, width: number): string {
  let out = '';
  for (let n = value; n > 0; n = Math.floor(n / 62)) out = BASE62_DIGITS_FIRST[n % 62] + out;
  return out.padStart(width, '0');
}

/**
 * A GitHub token in the 2021 format: prefix, 30 random base62 characters and a 6-character
 * base62 CRC32 of those 30 characters (github.blog, "Behind GitHub's new authentication token
 * formats"). `isValidGithubChecksum` verifies it.
 */
export function githubToken(kind: 'p' | 'o' | 'u' | 's' | 'r' = pick(['p', 'o', 'u', 's', 'r'] as const)): string {
  const random = randomString(BASE62, 30);
  return `gh${kind}_${random}${base62(crc32(random), 6)}`;
}

export function isValidGithubChecksum(token: string): boolean {
  const body = token.slice(4);
  return body.length === 36 && base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

export function githubFineGrainedToken(): string {
  return `github_pat_${randomString(BASE62, 22)}_${randomString(BASE62, 59)}`;
}

export function stripeLiveKey(): string {
  return `${pick(['sk', 'rk'])}_${'li' + 've'}_${randomString(BASE62, pick([24, 99]))}`;
}

export function slackToken(): string {
  const kind = pick(['b', 'p']);
  const prefix = 'xo' + 'x' + kind;
  if (kind === 'b') return `${prefix}-${randomDigits(12)}-${randomDigits(13)}-${randomString(BASE62, 24)}`;
  return `${prefix}-${randomDigits(12)}-${randomDigits(12)}-${randomDigits(13)}-${randomHex(32)}`;
}

export function slackWebhook(): string {
  const upperDigits = UPPER + DIGITS;
  return `https://hooks.slack.com/services/T${randomString(upperDigits, 8)}/B${randomString(upperDigits, 10)}/${randomString(BASE62, 24)}`;
}

export type PrivateKeyFormat = 'rsa-pkcs1' | 'pkcs8' | 'ec' | 'openssh';

/** A real, freshly generated private key (so it looks right to any parser), PEM or OpenSSH. */
export function privateKey(format: PrivateKeyFormat = pick(['rsa-pkcs1', 'pkcs8', 'ec', 'openssh'] as const)): string {
  switch (format) {
    case 'rsa-pkcs1':
      return generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
        type: 'pkcs1',
        format: 'pem',
      }) as string;
    case 'pkcs8':
      return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    case 'ec':
      return generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({
        type: 'sec1',
        format: 'pem',
      }) as string;
    case 'openssh':
      return opensshEd25519Key();
  }
}

/** OpenSSH's own format for an unencrypted ed25519 key (PROTOCOL.key in OpenSSH's sources). */
function opensshEd25519Key(): string {
  const { privateKey: key, publicKey } = generateKeyPairSync('ed25519');
  const seed = (key.export({ format: 'der', type: 'pkcs8' }) as Buffer).subarray(-32);
  const pub = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32);
  const str = (b: Buffer | string) => {
    const data = typeof b === 'string' ? Buffer.from(b) : b;
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, data]);
  };
  const pubBlob = Buffer.concat([str('ssh-ed25519'), str(pub)]);
  const check = randomBytes(4);
  let priv = Buffer.concat([
    check,
    check,
    str('ssh-ed25519'),
    str(pub),
    str(Buffer.concat([seed, pub])),
    str('learner@laptop'),
  ]);
  const padding = (8 - (priv.length % 8)) % 8;
  priv = Buffer.concat([priv, Buffer.from(Array.from({ length: padding }, (_, i) => i + 1))]);
  const uint32 = Buffer.alloc(4);
  uint32.writeUInt32BE(1);
  const blob = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    str('none'),
    str('none'),
    str(''),
    uint32,
    str(pubBlob),
    str(priv),
  ]);
  const body = blob.toString('base64').replace(/.{1,70}/g, '$&\n');
  const label = 'OPENSSH ' + 'PRIVATE' + ' KEY';
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** A password as people set them: random mixes, or word-digit-symbol patterns. */
export function password(): string {
  const words = ['orbit', 'Falcon', 'maple', 'Quartz', 'harbor', 'Tundra', 'velvet', 'Copper', 'lantern', 'Pixel'];
  if (randomInt(3) === 0) return `${pick(words)}${pick(words)}${randomDigits(3)}${pick(['!', '#', '%', '&', '?'])}`;
  return randomString(BASE62 + '!#%&+-=?@^_', randomInt(12, 25));
}

/** Random key material as apps store it: hex, base64, base64url or base62. */
export function highEntropySecret(): string {
  switch (randomInt(4)) {
    case 0:
      return randomHex(64);
    case 1:
      return randomBytes(32).toString('base64');
    case 2:
      return randomBytes(48).toString('base64url');
    default:
      return randomString(BASE62, randomInt(32, 51));
  }
}

export interface UrlCredentials {
  url: string;
  password: string;
}

export function urlWithCredentials(): UrlCredentials {
  const pass = randomString(BASE62, randomInt(14, 25));
  const user = pick(['app', 'admin', 'svc_orders', 'backend', 'reporting', 'deploy']);
  const host = pick([
    'db.internal',
    'db-prod.example.net',
    '10.0.3.17',
    'cache.internal',
    'mq.internal',
    'cluster0.abcde.mongodb.net',
  ]);
  const url = pick([
    `postgres://${user}:${pass}@${host}:5432/app`,
    `postgresql://${user}:${pass}@${host}/orders?sslmode=require`,
    `mysql://${user}:${pass}@${host}:3306/shop`,
    `mongodb+srv://${user}:${pass}@${host}/test?retryWrites=true`,
    `redis://:${pass}@${host}:6379/0`,
    `amqp://${user}:${pass}@${host}:5672/vhost`,
    `https://${user}:${pass}@${host}/api`,
  ]);
  return { url, password: pass };
}

export function vaultToken(): string {
  return 'hv' + 's.' + randomString(BASE62 + '_-', 90);
}

/** npm's granular tokens use GitHub's layout: 30 random base62 characters and a CRC32. */
export function npmToken(): string {
  const random = randomString(BASE62, 30);
  return 'npm_' + random + base62(crc32(random), 6);
}

export function commitSha(): string {
  return randomHex(40);
}

export { randomUUID, LOWER };

/** A signed JSON Web Token (HS256 or RS256 header, a few claims, a random signature). */
export function jwt(): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ alg: pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' });
  const now = Math.floor(Date.now() / 1000);
  const payload = part({ sub: randomUUID(), iat: now, exp: now + 3600, scope: pick(['read', 'write', 'admin']) });
  return `${header}.${payload}.${randomBytes(pick([32, 64, 256])).toString('base64url')}`;
}
