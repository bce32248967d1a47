import { isPlaceholderToken } from '../placeholders.js';
import type { Rule, SecretCategory } from '../types.js';
import { regexRule } from './regex-rule.js';

/**
 * Tokens that announce themselves with a vendor prefix, for the vendors gitleaks' rules miss or
 * pin to one length or alphabet that the vendor does not promise (Shopify tokens in any
 * alphanumeric form, every GitLab token type, Anthropic keys of any length). Formats from the
 * vendors' documentation and GitHub's list of secret-scanning patterns. Prefixes are assembled
 * from parts so that this file holds no string a scanner would flag.
 */
interface PrefixToken {
  id: string;
  title: string;
  category: SecretCategory;
  /** Regex source of the whole token; the prefix is everything before `body`. */
  prefix: string;
  body: string;
  /** Lower-case prefixes, one of which every token starts with. */
  keywords: string[];
  /** The body is random: it holds a digit and a letter (not a word glued to the prefix, `nfc_readerSession…`). */
  mixed?: boolean;
}

const TOKENS: PrefixToken[] = [
  {
    id: 'gitlab-token',
    title: 'GitLab token',
    category: 'gitlab',
    prefix: 'gl(?:pat|oas|dt|rt|rtr|cbt|ptt|ft|imt|agent|soat|ffct|wt)-',
    body: '[0-9A-Za-z_.-]{20,300}',
    keywords: [
      'glpat-',
      'gloas-',
      'gldt-',
      'glrt-',
      'glrtr-',
      'glcbt-',
      'glptt-',
      'glft-',
      'glimt-',
      'glagent-',
      'glsoat-',
      'glffct-',
      'glwt-',
    ],
  },
  {
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    category: 'vendor',
    prefix: 'sk-' + 'ant-(?:api|admin|sid|oat)\\d{2}-',
    body: '[A-Za-z0-9_-]{80,200}',
    keywords: ['sk-' + 'ant-'],
  },
  {
    id: 'huggingface-token',
    title: 'Hugging Face token',
    category: 'vendor',
    prefix: '(?:hf|api_org)_',
    body: '[A-Za-z0-9]{30,40}',
    keywords: ['hf_', 'api_org_'],
  },
  {
    id: 'sendgrid-api-key',
    title: 'SendGrid API key',
    category: 'vendor',
    prefix: 'SG' + '\\.',
    body: '[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{16,64}',
    keywords: ['sg.'],
  },
  {
    id: 'shopify-token',
    title: 'Shopify access token or shared secret',
    category: 'vendor',
    prefix: 'shp(?:at|ca|pa|ss)_',
    body: '[A-Za-z0-9]{32,64}',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
  },
  {
    id: 'figma-token',
    title: 'Figma access token',
    category: 'vendor',
    prefix: 'fig[dou]_',
    body: '[A-Za-z0-9_-]{40,200}',
    keywords: ['figd_', 'figo_', 'figu_'],
  },
  {
    id: 'groq-api-key',
    title: 'Groq API key',
    category: 'vendor',
    prefix: 'gsk_',
    body: '[A-Za-z0-9]{48,56}',
    keywords: ['gsk_'],
  },
  {
    id: 'vercel-token',
    title: 'Vercel token',
    category: 'vendor',
    prefix: 'vc[pirak]_',
    body: '[A-Za-z0-9]{20,60}',
    keywords: ['vcp_', 'vci_', 'vcr_', 'vca_', 'vck_'],
  },
  {
    id: 'tailscale-key',
    title: 'Tailscale key',
    category: 'vendor',
    prefix: 'tskey-[a-z]{2,20}-',
    body: '[0-9A-Za-z_]{8,40}-[0-9A-Za-z_]{16,60}',
    keywords: ['tskey-'],
  },
  {
    id: 'docker-hub-token',
    title: 'Docker Hub access token',
    category: 'vendor',
    prefix: 'dckr_(?:pat|oat)_',
    body: '[A-Za-z0-9_-]{27,}',
    keywords: ['dckr_pat_', 'dckr_oat_'],
  },
  {
    // NATS nkey seeds (the private half; the public keys, `U…`/`A…`/`O…` of 56 characters, are not
    // secrets): `S`, the key type, and base32 of the rest, 58 characters in all (nats-io/nkeys).
    id: 'nats-nkey-seed',
    title: 'NATS nkey seed',
    category: 'vendor',
    prefix: 'S[UAONCX][A-D]',
    body: '[A-Z2-7]{55}',
    keywords: ['u', 'a', 'o', 'n', 'c', 'x'].flatMap((type) => ['a', 'b', 'c', 'd'].map((c) => `s${type}${c}`)),
  },
  // Prefixes below from the vendors' documentation of their token formats (and GitHub's list of
  // secret-scanning patterns); gitleaks has no rule for them, or one bound to a variable name.
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
  {
    id: 'twilio-api-key',
    title: 'Twilio API key',
    category: 'vendor',
    prefix: 'SK',
    body: '[0-9a-f]{32}',
    keywords: ['sk'],
  },
];

/**
 * A token starts a word, or follows a terminal colour code (`ESC[93m`, in a log of coloured output):
 * not glued to a letter, digit, `_` or `-`.
 */
const TOKEN_START = '(?:(?<=\\x1b\\[[0-9;]{0,20}m)|(?<![A-Za-z0-9_-]))';

export const prefixTokenRules: Rule[] = TOKENS.map((token) => {
  const prefixLength = (secret: string) => new RegExp(`^${token.prefix}`).exec(secret)?.[0].length ?? 0;
  return regexRule({
    id: token.id,
    title: token.title,
    category: token.category,
    priority: 95,
    keywords: token.keywords,
    pattern: new RegExp(`${TOKEN_START}(?<secret>${token.prefix}${token.body})(?![A-Za-z0-9_-])`, 'g'),
    publicPrefix: prefixLength,
    accept: (secret) => {
      const body = secret.slice(prefixLength(secret));
      return !isPlaceholderToken(body) && (!token.mixed || (/[0-9]/.test(body) && /[A-Za-z]/.test(body)));
    },
  });
});
