import { verify as verifySignature, type KeyObject } from 'node:crypto';
import { SUPPORTED_ALGS, type JwtConfig } from './config.js';
import type { JwtRole } from './roles.js';

/**
 * A JWT checked the way the JWT auth method checks it (hashicorp/cap's jwt.Validator, then the
 * plugin's own rules), with bao 2.7.2's messages. Signatures are verified with node:crypto
 * synchronously, because a backend's handler answers synchronously; the JWS compact form is
 * three base64url parts, and the algorithms a CI provider signs with are RSA (PKCS#1 v1.5 and
 * PSS), ECDSA (the JOSE r||s encoding) and EdDSA.
 */
export type Claims = Record<string, unknown>;

export class JwtRejected extends Error {}

const TOKEN = 'error validating token: ';

export function verifiedClaims(jwt: string, config: JwtConfig, role: JwtRole, nowSeconds: number): Claims {
  const claims = checkSignature(jwt, config);
  checkStandardClaims(claims, config, role, nowSeconds);
  if (claims.aud !== undefined && role.boundAudiences.length === 0)
    throw new JwtRejected('audience claim found in JWT but no audiences bound to the role');
  checkBoundClaims(claims, role);
  return claims;
}

function checkSignature(jwt: string, config: JwtConfig): Claims {
  const parts = jwt.split('.');
  const decode = (part: string | undefined): Buffer => {
    if (part === undefined || !/^[A-Za-z0-9_-]*$/.test(part))
      throw new JwtRejected(`${TOKEN}error verifying token signature: illegal base64 data at input byte 0`);
    return Buffer.from(part, 'base64url');
  };
  if (parts.length !== 3)
    throw new JwtRejected(`${TOKEN}error verifying token signature: illegal base64 data at input byte 0`);
  const header = parseJson(decode(parts[0]));
  const alg = typeof header?.alg === 'string' ? header.alg : '';
  const allowed = config.supportedAlgs.length ? config.supportedAlgs : SUPPORTED_ALGS;
  if (!allowed.includes(alg))
    throw new JwtRejected(`${TOKEN}error verifying token signature: unsupported signing algorithm "${alg}"`);
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = decode(parts[2]);
  if (!config.keys.some((key) => signatureMatches(alg, key, signed, signature)))
    throw new JwtRejected(
      `${TOKEN}error verifying token signature: no known key successfully validated the token signature`,
    );
  const claims = parseJson(decode(parts[1]));
  if (!claims) throw new JwtRejected(`${TOKEN}error verifying token signature: invalid JSON payload`);
  return claims;
}

function signatureMatches(alg: string, key: KeyObject, signed: Buffer, signature: Buffer): boolean {
  const hash = alg === 'EdDSA' ? null : `sha${alg.slice(2)}`;
  try {
    if (alg.startsWith('RS') && key.asymmetricKeyType === 'rsa') return verifySignature(hash, signed, key, signature);
    if (alg.startsWith('PS') && key.asymmetricKeyType === 'rsa')
      return verifySignature(hash, signed, { key, padding: 6, saltLength: Number(alg.slice(2)) / 8 }, signature);
    if (alg.startsWith('ES') && key.asymmetricKeyType === 'ec')
      return verifySignature(hash, signed, { key, dsaEncoding: 'ieee-p1363' }, signature);
    if (alg === 'EdDSA' && (key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448'))
      return verifySignature(null, signed, key, signature);
  } catch {
    return false;
  }
  return false;
}

function checkStandardClaims(claims: Claims, config: JwtConfig, role: JwtRole, now: number): void {
  if (config.boundIssuer && claims.iss !== config.boundIssuer)
    throw new JwtRejected(`${TOKEN}invalid issuer (iss) claim`);
  if (role.boundSubject && claims.sub !== role.boundSubject)
    throw new JwtRejected(`${TOKEN}invalid subject (sub) claim`);
  if (role.boundAudiences.length > 0) {
    const audiences = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
    if (!audiences.some((audience) => role.boundAudiences.includes(String(audience))))
      throw new JwtRejected(
        `${TOKEN}invalid audience (aud) claim: audience claim does not match any expected audience`,
      );
  }
  // For role_type=jwt only clock_skew_leeway widens the window (bao 2.7.2, observed):
  // expiration_leeway and not_before_leeway apply to OIDC logins.
  const skew = Math.max(role.clockSkewLeeway, 0);
  const exp = numeric(claims.exp);
  if (exp === undefined || now > exp + skew)
    throw new JwtRejected(`${TOKEN}invalid expiration time (exp) claim: token is expired`);
  const notBefore = numeric(claims.nbf) ?? numeric(claims.iat);
  if (notBefore !== undefined && now < notBefore - skew)
    throw new JwtRejected(`${TOKEN}invalid not before (nbf) claim: token not yet valid`);
}

/** Every bound claim must be present, and one of its values (a string, or any of a list) must match. */
function checkBoundClaims(claims: Claims, role: JwtRole): void {
  for (const [name, bound] of Object.entries(role.boundClaims ?? {})) {
    const value = claimValue(claims, name);
    if (value === undefined) throw new JwtRejected(`error validating claims: claim ${JSON.stringify(name)} is missing`);
    const actual = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
    const expected = Array.isArray(bound) ? bound : [bound];
    const matches = (pattern: string, candidate: string) =>
      role.boundClaimsType === 'glob' ? globMatch(pattern, candidate) : pattern === candidate;
    if (!expected.some((pattern) => actual.some((candidate) => matches(pattern, candidate))))
      throw new JwtRejected(
        `error validating claims: claim ${JSON.stringify(name)} does not match any associated bound claim values`,
      );
  }
}

/** A claim by name, or by JSON pointer (`/nested/claim`) as the plugin allows. */
export function claimValue(claims: Claims, name: string): unknown {
  if (!name.startsWith('/')) return claims[name];
  let current: unknown = claims;
  for (const part of name.slice(1).split('/')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

/** ryanuber/go-glob: `*` matches any run of characters, nothing else is special. */
function globMatch(pattern: string, value: string): boolean {
  const parts = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 's').test(value);
}

function numeric(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function parseJson(bytes: Buffer): Claims | undefined {
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Claims) : undefined;
  } catch {
    return undefined;
  }
}
