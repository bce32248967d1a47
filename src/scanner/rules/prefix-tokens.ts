import { isPlaceholderToken } from '../placeholders.js';
import type { Rule, SecretCategory } from '../types.js';
import { PLATFORM_PREFIXES } from './prefixes-platforms.js';
import { SERVICE_PREFIXES } from './prefixes-services.js';
import { regexRule } from './regex-rule.js';

/**
 * Tokens that announce themselves with a vendor prefix, for the vendors gitleaks' rules miss or
 * pin to one length or alphabet that the vendor does not promise (Shopify tokens in any
 * alphanumeric form, every GitLab token type, Anthropic keys of any length). Formats from the
 * vendors' documentation and GitHub's list of secret-scanning patterns. Prefixes are assembled
 * from parts so that this file holds no string a scanner would flag.
 */
export interface PrefixToken {
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
 * not glued to a letter, digit, `_` or `-`. Two patterns, not one with both starts as alternatives:
 * a pattern that opens with a choice of lookbehinds is tried at every character (it made every prefix
 * rule many times slower on node_modules), and colour codes are rare, so their pattern runs only
 * where one is.
 */
const WORD_START = '(?<![A-Za-z0-9_-])';
/** Checked behind the prefix, so that the search still jumps from one prefix to the next. */
const afterColourCode = (prefix: string) => `(?<=\\x1b\\[[0-9;]{0,20}m${prefix})`;

export const prefixTokenRules: Rule[] = [...TOKENS, ...PLATFORM_PREFIXES, ...SERVICE_PREFIXES].map((token) => {
  const prefixLength = (secret: string) => new RegExp(`^${token.prefix}`).exec(secret)?.[0].length ?? 0;
  const spec = (start: string, behindPrefix = '') => ({
    id: token.id,
    title: token.title,
    category: token.category,
    priority: 95,
    keywords: token.keywords,
    pattern: new RegExp(`${start}(?<secret>${token.prefix}${behindPrefix}${token.body})(?![A-Za-z0-9_-])`, 'g'),
    publicPrefix: prefixLength,
    accept: (secret: string) => {
      const body = secret.slice(prefixLength(secret));
      return !isPlaceholderToken(body) && (!token.mixed || (/[0-9]/.test(body) && /[A-Za-z]/.test(body)));
    },
  });
  const inWords = regexRule(spec(WORD_START));
  const afterColour = regexRule({ ...spec('', afterColourCode(token.prefix)), needle: '\x1b[' });
  return { ...inWords, find: (text, context) => [...inWords.find(text, context), ...afterColour.find(text, context)] };
});
