import type { PrefixToken } from './prefix-tokens.js';

/**
 * Prefixed tokens of hosting, infrastructure and developer platforms.
 * Formats from the vendors' documentation of their tokens (and GitHub's list of secret-scanning
 * patterns); gitleaks has no rule for them, or one bound to a variable name or to a length the
 * vendor does not promise. A prefix alone matches no rule, so these files hold nothing to flag.
 */
export const PLATFORM_PREFIXES: PrefixToken[] = [
  {
    // Scannable formats since 2026: prefix, 40 characters and a checksum.
    id: 'cloudflare-token',
    title: 'Cloudflare API token or global API key',
    category: 'vendor',
    prefix: 'cf(?:ut|at|k)_',
    body: '[A-Za-z0-9]{40,60}',
    keywords: ['cfut_', 'cfat_', 'cfk_'],
    mixed: true,
  },
  {
    id: 'supabase-access-token',
    title: 'Supabase personal access token',
    category: 'vendor',
    prefix: 'sbp_(?:v0_)?',
    body: '[0-9a-f]{40}',
    keywords: ['sbp_'],
  },
  {
    id: 'supabase-secret-key',
    title: 'Supabase secret API key',
    category: 'vendor',
    prefix: 'sb_secret_',
    body: '[A-Za-z0-9_-]{30,60}',
    keywords: ['sb_secret_'],
    mixed: true,
  },
  {
    id: 'netlify-token',
    title: 'Netlify access token',
    category: 'vendor',
    prefix: 'nf[pco]_',
    body: '[A-Za-z0-9]{36,40}',
    keywords: ['nfp_', 'nfc_', 'nfo_'],
    mixed: true,
  },
  {
    // An API key as a UUID behind the prefix, or the newer long form (gitleaks knows `HRKU-AA…` only).
    id: 'heroku-api-key',
    title: 'Heroku API key',
    category: 'vendor',
    prefix: 'HRKU-',
    body: '(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{58,64})',
    keywords: ['hrku-'],
  },
  {
    // User (`NRAK`), insert and query (`NRII`, `NRIQ`), REST (`NRRA`) and admin (`NRAA`) keys. The
    // browser key `NRJS-` ships in every monitored page; gitleaks' rule for it wants a name.
    id: 'new-relic-key',
    title: 'New Relic API key',
    category: 'vendor',
    prefix: 'NR(?:AK|II|IQ|RA|AA)-',
    body: '[A-Za-z0-9_-]{24,40}',
    keywords: ['nrak-', 'nrii-', 'nriq-', 'nrra-', 'nraa-'],
  },
  {
    id: 'docker-swarm-join-token',
    title: 'Docker swarm join token',
    category: 'vendor',
    prefix: 'SWMTKN-1-',
    body: '[a-z0-9]{40,60}-[a-z0-9]{20,30}',
    keywords: ['swmtkn-1-'],
  },
  {
    id: 'docker-swarm-unlock-key',
    title: 'Docker swarm unlock key',
    category: 'vendor',
    prefix: 'SWMKEY-1-',
    body: '[A-Za-z0-9+/]{43}',
    keywords: ['swmkey-1-'],
  },
  {
    id: 'google-oauth-client-secret',
    title: 'Google OAuth client secret',
    category: 'gcp',
    prefix: 'GOCSPX-',
    body: '[A-Za-z0-9_-]{28}',
    keywords: ['gocspx-'],
  },
  {
    id: 'google-oauth-access-token',
    title: 'Google OAuth access token',
    category: 'gcp',
    prefix: 'ya29\\.',
    // No upper bound (Google allows 2048 bytes): a long bound backtracks far on a longer run.
    body: '[A-Za-z0-9_-]{30,}',
    keywords: ['ya29.'],
    mixed: true,
  },
  {
    // Not behind a slash or a dot (`https://1//0…`, `v1.1//0`): a path, not a token.
    id: 'google-oauth-refresh-token',
    title: 'Google OAuth refresh token',
    category: 'gcp',
    prefix: '(?<![/.])1//0',
    body: '[A-Za-z0-9_-]{40,300}',
    keywords: ['1//0'],
    mixed: true,
  },
  {
    // Atlassian API tokens (`ATATT3`) and access tokens (`ATCTT3`) end in `=` and an 8-hex checksum;
    // the `=` may be written escaped: `\=` in a .properties file, `%3D` in a URL.
    id: 'atlassian-token',
    title: 'Atlassian API or access token',
    category: 'vendor',
    prefix: 'AT(?:ATT|CTT)3',
    body: '[A-Za-z0-9_-]{150,300}(?:(?:=|\\\\=|%3[Dd])[A-Fa-f0-9]{8})?',
    keywords: ['atatt3', 'atctt3'],
  },
  {
    // 28 characters and an 8-hex checksum.
    id: 'bitbucket-app-password',
    title: 'Bitbucket app password',
    category: 'vendor',
    prefix: 'ATBB',
    body: '[A-Za-z0-9]{32}',
    keywords: ['atbb'],
    mixed: true,
  },
  {
    // Base64 of a JSON payload (standard alphabet, padded), `_`, then the secret; gitleaks pins the
    // payload's first fields in order, which Sentry does not promise.
    id: 'sentry-org-token',
    title: 'Sentry organization auth token',
    category: 'vendor',
    prefix: 'sntrys_eyJ',
    body: '[A-Za-z0-9+/=_-]{60,600}',
    keywords: ['sntrys_'],
  },
  {
    // 1Password service-account tokens: base64 of JSON, in either alphabet (gitleaks allows `+/` only).
    id: '1password-service-account-token',
    title: '1Password service account token',
    category: 'vendor',
    prefix: 'ops_eyJ',
    body: '[A-Za-z0-9+/_-]{250,}={0,3}',
    keywords: ['ops_eyj'],
  },
  {
    // Akamai EdgeGrid client and access tokens.
    id: 'akamai-edgegrid-token',
    title: 'Akamai EdgeGrid token',
    category: 'vendor',
    prefix: 'akab-',
    body: '[a-z0-9]{16}-[a-z0-9]{16}',
    keywords: ['akab-'],
  },
  {
    id: 'defined-networking-api-key',
    title: 'Defined Networking API key',
    category: 'vendor',
    prefix: 'dnkey-',
    body: '[A-Za-z0-9]{26}-[A-Za-z0-9]{52}',
    keywords: ['dnkey-'],
  },
  {
    id: 'nuget-api-key',
    title: 'NuGet API key',
    category: 'vendor',
    prefix: 'oy2',
    body: '[a-z0-9]{43}',
    keywords: ['oy2'],
    mixed: true,
  },
];
