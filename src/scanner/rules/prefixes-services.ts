import type { PrefixToken } from './prefix-tokens.js';

/**
 * Prefixed tokens of application services: analytics, AI APIs, mail, payments, social.
 * Formats from the vendors' documentation of their tokens (and GitHub's list of secret-scanning
 * patterns); gitleaks has no rule for them, or one bound to a variable name or to a length the
 * vendor does not promise. A prefix alone matches no rule, so these files hold nothing to flag.
 */
export const SERVICE_PREFIXES: PrefixToken[] = [
  {
    // `phx_` personal, `phs_` project secret, `pha_`/`phr_` OAuth access and refresh tokens. The
    // project key `phc_` is left out: PostHog documents it as public (it ships in every page).
    id: 'posthog-token',
    title: 'PostHog personal, secret or OAuth token',
    category: 'vendor',
    prefix: 'ph[xsar]_',
    body: '[A-Za-z0-9]{40,70}',
    keywords: ['phx_', 'phs_', 'pha_', 'phr_'],
    mixed: true,
  },
  {
    id: 'xai-api-key',
    title: 'xAI API key',
    category: 'vendor',
    prefix: 'xai-',
    body: '[A-Za-z0-9]{70,100}',
    keywords: ['xai-'],
    mixed: true,
  },
  {
    id: 'llamacloud-api-key',
    title: 'LlamaCloud API key',
    category: 'vendor',
    prefix: 'llx-',
    body: '[A-Za-z0-9_-]{40,60}',
    keywords: ['llx-'],
    mixed: true,
  },
  {
    id: 'together-api-key',
    title: 'Together AI API key',
    category: 'vendor',
    prefix: 'tgp_v1_',
    body: '[A-Za-z0-9_-]{40,50}',
    keywords: ['tgp_v1_'],
  },
  {
    id: 'tavily-api-key',
    title: 'Tavily API key',
    category: 'vendor',
    prefix: 'tvly-(?:dev-|prod-)?',
    body: '[A-Za-z0-9]{32}',
    keywords: ['tvly-'],
    mixed: true,
  },
  {
    // gitleaks pins 11 digits after the prefix; Notion documents only the `ntn_` prefix.
    id: 'notion-token',
    title: 'Notion integration token',
    category: 'vendor',
    prefix: 'ntn_',
    body: '[A-Za-z0-9]{40,50}',
    keywords: ['ntn_'],
    mixed: true,
  },
  {
    // A collection access token: the prefix and a ULID.
    id: 'postman-collection-token',
    title: 'Postman collection access token',
    category: 'vendor',
    prefix: 'PMAT-',
    body: '[0-9A-Z]{26}',
    keywords: ['pmat-'],
    mixed: true,
  },
  {
    // Mailgun's older private API keys; the newer ones are three hex groups (vendor.ts).
    id: 'mailgun-api-key',
    title: 'Mailgun API key',
    category: 'vendor',
    prefix: 'key-',
    body: '[0-9a-f]{32}',
    keywords: ['key-'],
  },
  {
    id: 'square-application-secret',
    title: 'Square application secret',
    category: 'vendor',
    prefix: 'sq0csp-',
    body: '[A-Za-z0-9_-]{40,50}',
    keywords: ['sq0csp-'],
  },
  {
    id: 'instagram-access-token',
    title: 'Instagram access token',
    category: 'vendor',
    prefix: 'IGQV',
    body: '[A-Za-z0-9_-]{100,400}',
    keywords: ['igqv'],
    mixed: true,
  },
  {
    // DeepSeek (and other OpenAI-compatible APIs): `sk-` and 32 hex digits.
    id: 'sk-hex-api-key',
    title: 'API key (sk- and 32 hex digits, DeepSeek and others)',
    category: 'vendor',
    prefix: 'sk-',
    body: '[0-9a-f]{32}',
    keywords: ['sk-'],
    mixed: true,
  },
];
