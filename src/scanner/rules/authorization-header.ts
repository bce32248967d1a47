import { looksRandom } from '../entropy.js';
import { isPlaceholder } from '../placeholders.js';
import type { Candidate, Rule } from '../types.js';
import { isCommandLinePassword } from './command-line.js';

/**
 * A credential written into an HTTP header: `Authorization: Basic …` (base64 of user:password),
 * `Authorization: Bearer …`, `Authorization: token …`, and the API-key headers (`X-API-Key`,
 * `PRIVATE-TOKEN`, `X-Vault-Token`, …) — in a curl command, an .http file or code that builds
 * headers (`"Authorization": "Bearer …"`).
 */
// Not after `::`: `"AWS::ApiGateway::ApiKey": "48205d4f…"` is a resource type and its id.
const HEADER =
  /(?<!::)\b(?:(authorization)|x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|x-vault-token|x-apikey|ocp-apim-subscription-key)["']?[ \t]*[:=,][ \t]*["']?(?:(basic|bearer|token|digest|apikey|api-key|ssws|key)[ \t]+)?([A-Za-z0-9._~+/=:-]{8,})/gi;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** base64 of `user:password` with a real password (a round trip: only real base64 of text counts). */
function basicCredentials(value: string): boolean {
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  if (
    !/^[\x20-\x7e\t\r\n]+$/.test(decoded) ||
    Buffer.from(decoded, 'utf8')
      .toString('base64')
      .replace(/(?<!=)=+$/, '') !== value.replace(/(?<!=)=+$/, '')
  )
    return false;
  const colon = decoded.indexOf(':');
  if (colon === -1) return false;
  // OAuth clients form-encode their id and secret before joining them (RFC 6749, 2.3.1).
  const user = formDecode(decoded.slice(0, colon));
  // A registry login with a Google service-account key as its password.
  return user === '_json_key' || isCommandLinePassword(formDecode(decoded.slice(colon + 1)), user);
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function tokenValue(value: string): boolean {
  if (isPlaceholder(value) || /^(?:null|undefined|none|true|false)$/i.test(value)) return false;
  return UUID.test(value) || looksRandom(value, 'relaxed');
}

export const authorizationHeaderRule: Rule = {
  id: 'authorization-header',
  title: 'Credential in an HTTP header',
  category: 'high-entropy',
  priority: 75,
  keywords: [
    'authorization',
    'api-key',
    'apikey',
    'auth-token',
    'access-token',
    'private-token',
    'vault-token',
    'subscription-key',
  ],
  find(text, context): Candidate[] {
    const found: Candidate[] = [];
    const lower = context.lowerText();
    if (!/authorization|api-?key|token|apikey|subscription-key/.test(lower)) return found;
    HEADER.lastIndex = 0;
    for (let m = HEADER.exec(text); m; m = HEADER.exec(text)) {
      const scheme = m[2]?.toLowerCase();
      const value = m[3]!;
      // `Authorization: user:pass`-style values and Bearer values end at a quote or a space.
      if (m[1] && scheme === undefined && !/^[A-Za-z0-9+/=_.-]{16,}$/.test(value)) continue;
      const ok = scheme === 'basic' ? basicCredentials(value) : tokenValue(value);
      if (!ok) continue;
      const start = m.index + m[0].length - value.length;
      found.push({ start, end: start + value.length });
    }
    return found;
  },
};

// A string that is exactly `Bearer <token>`: the header value built before the header is named
// (`token := "Bearer …"`, `auth = 'Bearer …'`), as in TruffleHog's provider tests.
const BEARER_LITERAL = /(["'`])Bearer[ \t]+([A-Za-z0-9._~+/=-]{16,})\1/g;

export const bearerLiteralRule: Rule = {
  id: 'bearer-literal',
  title: 'Bearer token in a string',
  category: 'high-entropy',
  priority: 74,
  keywords: ['bearer'],
  find(text): Candidate[] {
    const found: Candidate[] = [];
    if (!text.includes('Bearer')) return found;
    BEARER_LITERAL.lastIndex = 0;
    for (let m = BEARER_LITERAL.exec(text); m; m = BEARER_LITERAL.exec(text)) {
      const value = m[2]!;
      if (!tokenValue(value)) continue;
      const start = m.index + m[0].length - 1 - value.length;
      found.push({ start, end: start + value.length });
    }
    return found;
  },
};

// A scheme and its credentials written without the header's name (`Basic dXNl…`, `Bearer 9fK…` on a
// line of a log or a document, a header value kept in a variable without quotes). The value ends
// where base64 and token characters do.
const SCHEME_VALUE = /(?<![\w-])([Bb]asic|[Bb]earer)[ \t]+([A-Za-z0-9._~+/-]{8,}={0,2})(?![\w.~+/=-])/g;

/**
 * Credentials after a bare `Basic`/`Bearer`: Basic only when the value is base64 of `user:password`
 * with a real password (the round trip of basicCredentials), Bearer only when the value is long and
 * looks random — a word after "Bearer" in prose does neither.
 */
export const schemeValueRule: Rule = {
  id: 'auth-scheme-value',
  title: 'Credentials after an HTTP auth scheme',
  category: 'high-entropy',
  priority: 73,
  keywords: ['basic', 'bearer'],
  find(text): Candidate[] {
    const found: Candidate[] = [];
    SCHEME_VALUE.lastIndex = 0;
    for (let m = SCHEME_VALUE.exec(text); m; m = SCHEME_VALUE.exec(text)) {
      const value = m[2]!;
      const basic = m[1]!.toLowerCase() === 'basic';
      if (basic ? !basicCredentials(value) : value.length < 20 || !tokenValue(value)) continue;
      const start = m.index + m[0].length - value.length;
      found.push({ start, end: start + value.length });
    }
    return found;
  },
};

// `"auth": "<base64 of user:password>"` in a Docker config.json (also JSON-escaped inside another
// string, as in DOCKER_AUTH_CONFIG) and `_auth = …` in an .npmrc.
// The second lookbehind: a backslash or quote right after a backslash that could start the match is
// part of that match, not a new start (linear on a long run of backslashes).
export const REGISTRY_AUTH =
  /(?<![\w-])(?<!(?<![\w-])\\(?=[\\"']))(?:\\*["'])?_?auth(?:\\*["'])?[ \t]*[:=][ \t]*(?:\\*["'])?([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/g;

export const registryAuthRule: Rule = {
  id: 'registry-auth',
  title: 'Registry credentials (base64 user:password)',
  category: 'password',
  priority: 75,
  keywords: ['auth'],
  find(text, context): Candidate[] {
    const found: Candidate[] = [];
    if (!context.lowerText().includes('auth')) return found;
    REGISTRY_AUTH.lastIndex = 0;
    for (let m = REGISTRY_AUTH.exec(text); m; m = REGISTRY_AUTH.exec(text)) {
      const value = m[1]!;
      if (!basicCredentials(value)) continue;
      const start = m.index + m[0].length - value.length;
      found.push({ start, end: start + value.length });
    }
    return found;
  },
};
