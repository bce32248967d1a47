import { looksRandom } from '../entropy.js';
import { isPlaceholder } from '../placeholders.js';
import type { Candidate, Rule, RuleContext } from '../types.js';
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
  const user = decoded.slice(0, colon);
  // A registry login with a Google service-account key as its password.
  return user === '_json_key' || isCommandLinePassword(decoded.slice(colon + 1), user);
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

// `Basic <base64 of user:password>` and `Bearer <token>` with no header named: the header value kept
// on its own (a config value, a test's input, a line of a log), as secret-detector's tests write it.
const BARE_BASIC = /(?<![\w.-])basic[ \t]+([A-Za-z0-9+/]{16,}={0,2})(?![A-Za-z0-9._~+/=-])/gi;
const BARE_BEARER = /(?<![\w.-])bearer[ \t]+([A-Za-z0-9._~+/-]{16,}={0,2})(?![A-Za-z0-9._~+/=-])/gi;

function bareScheme(pattern: RegExp, scheme: string, accept: (value: string) => boolean) {
  return (text: string, context: RuleContext): Candidate[] => {
    const found: Candidate[] = [];
    if (!context.lowerText().includes(scheme)) return found;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const value = m[1]!;
      if (!accept(value)) continue;
      const start = m.index + m[0].length - value.length;
      found.push({ start, end: start + value.length });
    }
    return found;
  };
}

/** Only real base64 of `user:<real password>` counts. */
export const bareBasicRule: Rule = {
  id: 'basic-credentials',
  title: 'Basic credentials (base64 user:password)',
  category: 'password',
  priority: 73,
  keywords: ['basic'],
  find: bareScheme(BARE_BASIC, 'basic', basicCredentials),
};

/** Only a value that looks like a key counts (`bearer token` in prose, `Bearer <your token>` do not). */
export const bareBearerRule: Rule = {
  id: 'bearer-token',
  title: 'Bearer token',
  category: 'high-entropy',
  priority: 73,
  keywords: ['bearer'],
  find: bareScheme(BARE_BEARER, 'bearer', tokenValue),
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
