import { isPlaceholder, isPlaceholderToken, isRepetitive } from '../placeholders.js';
import type { Rule } from '../types.js';
import { regexRule } from './regex-rule.js';

// Token prefixes are assembled from parts so that this file never contains a string that a
// secret scanner (ours, or the repository's own pre-commit check) would flag.
const AWS_KEY_PREFIXES = ['AK' + 'IA', 'AS' + 'IA', 'AB' + 'IA', 'AC' + 'CA', 'A3T[A-Z0-9]'].join('|');
const STRIPE_LIVE = '[sr]k_' + 'live_';
const SLACK_TOKEN = 'xo' + 'x[abposr]';
const VAULT_TOKEN = 'hv' + '[sbr]\\.';
const PEM_BEGIN = '-----BEGIN';
const PRIVATE_KEY = 'PRIVATE' + ' KEY';

const notPlaceholderAfter = (prefixLength: number) => (secret: string) =>
  !isPlaceholderToken(secret.slice(prefixLength));

export const vendorRules: Rule[] = [
  regexRule({
    id: 'aws-access-key-id',
    title: 'AWS access key id',
    category: 'aws',
    pattern: new RegExp(`\\b(?<secret>(?:${AWS_KEY_PREFIXES})[A-Z2-7]{16})\\b`, 'g'),
    publicPrefix: 4,
    accept: notPlaceholderAfter(4),
  }),
  regexRule({
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    category: 'aws',
    // Only with a key name that says so: 40 base64 characters alone are too common.
    pattern:
      /(?:(?:aws[_.-]?)?secret[_.-]?access[_.-]?key|aws[_.-]?secret[_.-]?key)["']?\s*(?::=|=>|=|:)\s*["']?(?<secret>(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    accept: (secret) => !isPlaceholderToken(secret) && !isPlaceholder(secret),
  }),
  regexRule({
    id: 'github-token',
    title: 'GitHub token',
    category: 'github',
    pattern: /\b(?<secret>gh[pousr]_[A-Za-z0-9]{36,251})\b/g,
    publicPrefix: 4,
    accept: notPlaceholderAfter(4),
  }),
  regexRule({
    id: 'github-fine-grained-token',
    needle: 'github_pat_',
    title: 'GitHub fine-grained personal access token',
    category: 'github',
    pattern: /\b(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g,
    publicPrefix: 11,
    accept: notPlaceholderAfter(11),
  }),
  regexRule({
    id: 'stripe-live-key',
    title: 'Stripe live secret or restricted key',
    category: 'stripe',
    pattern: new RegExp(`\\b(?<secret>${STRIPE_LIVE}[A-Za-z0-9]{24,247})\\b`, 'g'),
    publicPrefix: 8,
    accept: notPlaceholderAfter(8),
  }),
  regexRule({
    id: 'slack-token',
    title: 'Slack token',
    category: 'slack',
    pattern: new RegExp(`\\b(?<secret>${SLACK_TOKEN}-[0-9]{6,}-[A-Za-z0-9-]{8,250})`, 'g'),
    publicPrefix: 5,
    accept: (secret) => !isPlaceholderToken(secret.slice(5)),
  }),
  regexRule({
    id: 'slack-webhook',
    needle: 'hooks.slack.com',
    title: 'Slack incoming webhook URL',
    category: 'slack',
    pattern:
      /(?<secret>https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,40})/g,
    publicPrefix: 33,
    accept: (secret) => !isPlaceholderToken(secret.slice(secret.lastIndexOf('/') + 1)),
  }),
  regexRule({
    id: 'private-key',
    needle: PRIVATE_KEY,
    title: 'Private key',
    category: 'private-key',
    // PEM and OpenSSH blocks, also escaped on one line (`\n` in JSON or a .env value).
    pattern: new RegExp(
      `(?<secret>${PEM_BEGIN} (?:[A-Z0-9]+ )*${PRIVATE_KEY}(?: BLOCK)?-----(?:\\\\r|\\\\n|\\s)+(?:[A-Za-z0-9+/=:,\\- ]|\\\\r|\\\\n|\\s)+?-----END (?:[A-Z0-9]+ )*${PRIVATE_KEY}(?: BLOCK)?-----)`,
      'g',
    ),
    publicPrefix: (secret) => secret.indexOf('-----', 10) + 5,
    accept: (secret) => {
      const body = secret.replace(/-----[^-]+-----/g, '').replace(/\\[rn]|\s/g, '');
      // Structured key material is base64 of DER: no word check (it would hit by chance).
      return body.length >= 64 && !/\.{3}|…|x{6,}/i.test(body) && !isRepetitive(body);
    },
  }),
  regexRule({
    id: 'gcp-service-account',
    needle: 'private_key_id',
    title: 'Google Cloud service-account key',
    category: 'gcp',
    pattern: /"private_key_id"\s*:\s*"(?<secret>[0-9a-f]{40})"/g,
    accept: (_secret, _context, text) => /"type"\s*:\s*"service_account"/.test(text),
  }),
  regexRule({
    id: 'gcp-api-key',
    needle: 'AIza',
    title: 'Google API key',
    category: 'gcp',
    pattern: /\b(?<secret>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g,
    publicPrefix: 4,
    accept: notPlaceholderAfter(4),
  }),
  regexRule({
    id: 'npm-token',
    needle: 'npm_',
    title: 'npm access token',
    category: 'npm',
    pattern: /\b(?<secret>npm_[A-Za-z0-9]{36})\b/g,
    publicPrefix: 4,
    accept: notPlaceholderAfter(4),
  }),
  regexRule({
    id: 'npmrc-auth-token',
    needle: ':_',
    title: 'npm registry auth token in .npmrc',
    category: 'npm',
    pattern: /:_(?:authToken|auth|password)\s*=\s*(?<secret>[^\s"'$][^\s"']{7,})/g,
    accept: (secret) => !isPlaceholder(secret) && !secret.startsWith('npm_'),
  }),
  regexRule({
    id: 'openai-api-key',
    needle: 'sk-',
    title: 'OpenAI-style API key',
    category: 'openai',
    pattern:
      /\b(?<secret>sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48}))(?![A-Za-z0-9_-])/g,
    publicPrefix: (secret) => (/^sk-(?:proj|svcacct|admin)-/.test(secret) ? secret.indexOf('-', 3) + 1 : 3),
    accept: (secret) => !isPlaceholderToken(secret.slice(3)),
  }),
  regexRule({
    id: 'vault-token',
    title: 'Vault token',
    category: 'vault',
    pattern: new RegExp(`\\b(?<secret>${VAULT_TOKEN}[A-Za-z0-9_-]{24,})`, 'g'),
    publicPrefix: 4,
    accept: notPlaceholderAfter(4),
  }),
  regexRule({
    id: 'vault-legacy-token',
    title: 'Vault token (legacy s. format)',
    category: 'vault',
    // `s.` + 24 characters is too short to trust alone: only next to "vault" or "token".
    pattern: /(?:vault|token)[\w.-]*["']?\s*(?::=|=>|=|:)\s*["']?(?<secret>s\.[A-Za-z0-9]{24})(?![A-Za-z0-9])/gi,
    publicPrefix: 2,
    accept: notPlaceholderAfter(2),
  }),
  regexRule({
    id: 'url-credentials',
    needle: '://',
    title: 'Password in a URL',
    category: 'url-credentials',
    priority: 80,
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@'"`<>]*:(?<secret>[^\s:/@'"`<>]{3,})@[A-Za-z0-9.-]+/gi,
    accept: (secret) => {
      const decoded = decodeURIComponentSafe(secret);
      return decoded.length >= 5 && !isPlaceholder(decoded) && !/^\d+$/.test(secret);
    },
  }),
];

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
