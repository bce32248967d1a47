import type { Candidate, Rule } from '../types.js';

// Three base64url parts. The header is a JSON object, so its encoding starts with `ey` (`{"`) or,
// when the JSON starts with a line break or a space, `ew` (`{\n`, `{ `).
const JWT =
  /(?<![A-Za-z0-9_-])(e[wy][A-Za-z0-9_-]{10,}={0,2})\.([A-Za-z0-9_-]{4,}={0,2})\.([A-Za-z0-9_-]*={0,2})(?![A-Za-z0-9_-])/g;

// An encrypted token (JWE compact form): five parts, the encrypted key empty for `alg: dir`.
const JWE =
  /(?<![A-Za-z0-9_-])(e[wy][A-Za-z0-9_-]{10,})\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{8,}(?![A-Za-z0-9_.-])/g;

// An unsigned token written without its last dot (`header.payload`): both parts start `ey`/`ew`
// (JSON objects), and no third part follows.
const TWO_PART_JWT =
  /(?<![A-Za-z0-9_.-])(e[wy][A-Za-z0-9_-]{10,}={0,2})\.(e[wy][A-Za-z0-9_-]{14,}={0,2})(?![A-Za-z0-9_.=-])/g;

// A whole token base64-encoded once more (a Kubernetes Secret's data, a `bearer` header value built
// by hand): `eyJ` encodes to `ZXlK`.
const WRAPPED_JWT = /(?<![A-Za-z0-9+/])ZXlK[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])/g;

function base64urlDecode(part: string): string {
  return Buffer.from(
    part
      .replace(/(?<!=)=+$/, '')
      .replace(/-/g, '+')
      .replace(/_/g, '/'),
    'base64',
  ).toString('latin1');
}

function wholeJson(header: string, payload: string): boolean {
  return parses(header) && parses(payload) && payload.length >= 16;
}

function parses(part: string): boolean {
  try {
    JSON.parse(base64urlDecode(part));
    return true;
  } catch {
    return false;
  }
}

/**
 * Header parameters registered for JWS and JWE (RFC 7515 4.1, RFC 7516 4.1, RFC 7518 4.6–4.8): every
 * JWS names its algorithm (`alg`), but tests and hand-made tokens leave it out and keep another (`typ`,
 * `kid`, `cty`, `zip`, `x5t`).
 */
const JOSE_HEADER_PARAMETERS = new Set(
  'alg jku jwk kid x5u x5c x5t x5t#S256 typ cty crit enc zip epk apu apv iv tag p2s p2c b64'.split(' '),
);
const DAMAGED_HEADER =
  /^\s*\{\s*"(?:alg|jku|jwk|kid|x5u|x5c|x5t|typ|cty|crit|enc|zip|epk|apu|apv|iv|tag|p2s|p2c|b64)"\s*:/;

/** The header is a JSON object naming at least one registered header parameter, `alg` first among them. */
export function isJwtHeader(part: string): boolean {
  const decoded = base64urlDecode(part);
  if (!decoded.trimStart().startsWith('{')) return false;
  try {
    const header = JSON.parse(decoded) as Record<string, unknown> | null;
    return (
      typeof header === 'object' &&
      header !== null &&
      !Array.isArray(header) &&
      Object.keys(header).some((key) => JOSE_HEADER_PARAMETERS.has(key))
    );
  } catch {
    // A damaged or truncated header still says what it is.
    return DAMAGED_HEADER.test(decoded);
  }
}

/**
 * A payload that is not JSON still makes a token when the header is whole JSON naming its `alg`
 * and both other parts are long: JWS allows any payload, and test tokens made by hand (ripsecrets',
 * TruffleHog's) keep a real header in front of random parts.
 */
function opaquePayload(header: string, payload: string, signature: string): boolean {
  if (payload.length < 16 || signature.length < 16 || !parses(header)) return false;
  // Pieces of the header copied into the other parts make a look-alike, not a token.
  if (payload === signature || header.includes(payload.slice(0, 12)) || header.includes(signature.slice(0, 12)))
    return false;
  return typeof (JSON.parse(base64urlDecode(header)) as { alg?: unknown } | null)?.alg === 'string';
}

/**
 * `header.payload` with the signature and its dot left off, as unsigned tokens (`alg: none`) are
 * often written: both parts whole JSON objects, the header naming `alg` or `typ`.
 */
function twoPartTokens(text: string): Candidate[] {
  const found: Candidate[] = [];
  TWO_PART_JWT.lastIndex = text.includes('.ey') || text.includes('.ew') ? 0 : text.length;
  for (let match = TWO_PART_JWT.exec(text); match; match = TWO_PART_JWT.exec(text)) {
    const [whole, header, payload] = match as unknown as [string, string, string];
    if (!isJwtHeader(header) || !wholeJson(header, payload)) continue;
    if (!base64urlDecode(payload).trimStart().startsWith('{')) continue;
    found.push({ start: match.index, end: match.index + whole.length, publicPrefix: Math.min(header.length, 12) });
  }
  return found;
}

/** The JWS compact tokens in `text`. */
function signedTokens(text: string): Candidate[] {
  const found: Candidate[] = [];
  // A JWT's payload starts `.ey` (unless opaque, behind an `eyJ` header); a JWE's header is the
  // only part known to start with `ey`.
  JWT.lastIndex = text.includes('.e') || text.startsWith('e') || text.includes('eyJ') ? 0 : text.length;
  for (let match = JWT.exec(text); match; match = JWT.exec(text)) {
    const [whole, header, payload, signature] = match as unknown as [string, string, string, string];
    if (!isJwtHeader(header)) continue;
    if (!base64urlDecode(payload).trimStart().startsWith('{') && !opaquePayload(header, payload, signature)) continue;
    // Unsigned: `alg: none`, or a token whose signature was cut off (both parts whole JSON).
    if (signature.length === 0 && !/"alg"\s*:\s*"none"/i.test(base64urlDecode(header)) && !wholeJson(header, payload))
      continue;
    // A short signature is enough when both other parts are whole JSON; damaged ones need a real one.
    if (signature.length > 0 && signature.length < 16 && !(parses(header) && parses(payload))) continue;
    found.push({ start: match.index, end: match.index + whole.length, publicPrefix: Math.min(header.length, 12) });
  }
  return found;
}

/**
 * A JSON Web Token (JWS compact form): three base64url parts separated by dots, a header that
 * decodes to JSON with `alg` or `typ`, a payload that decodes to a JSON object (or is opaque, see
 * opaquePayload), and a signature
 * (which only an unsigned `alg: none` token may leave empty; when both other parts are whole
 * JSON, a short one counts, and an unsigned token may leave off its last dot too). Bearer tokens, id_tokens, session cookies
 * and service-account tokens are all JWTs; they are credentials until they expire. Encrypted
 * tokens (JWE: five parts, a header with `enc`) too.
 */
export const jwtRule: Rule = {
  id: 'jwt',
  title: 'JSON Web Token',
  category: 'jwt',
  priority: 110,
  find(text: string): Candidate[] {
    const found: Candidate[] = [];
    found.push(...signedTokens(text), ...twoPartTokens(text));
    WRAPPED_JWT.lastIndex = text.includes('ZXlK') ? 0 : text.length;
    for (let match = WRAPPED_JWT.exec(text); match; match = WRAPPED_JWT.exec(text)) {
      const inner = Buffer.from(match[0], 'base64').toString('latin1');
      if (!/^[\x21-\x7e]+$/.test(inner.trimEnd()) || signedTokens(inner.trimEnd()).length === 0) continue;
      found.push({ start: match.index, end: match.index + match[0].length, publicPrefix: 12 });
    }
    JWE.lastIndex = text.includes('eyJ') || text.includes('eyA') || text.includes('ewo') ? 0 : text.length;
    for (let match = JWE.exec(text); match; match = JWE.exec(text)) {
      if (!isJwtHeader(match[1]!) || !/"enc"\s*:/.test(base64urlDecode(match[1]!))) continue;
      if (found.some((f) => f.start === match.index)) continue;
      found.push({
        start: match.index,
        end: match.index + match[0].length,
        publicPrefix: Math.min(match[1]!.length, 12),
      });
    }
    return found;
  },
};
