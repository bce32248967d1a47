import { isPlaceholder, isPlaceholderToken, isRepetitive } from '../placeholders.js';
import type { Rule } from '../types.js';
import { regexRule } from './regex-rule.js';

// Token prefixes are assembled from parts so that this file never contains a string that a
// secret scanner (ours, or the repository's own pre-commit check) would flag.
export const AWS_KEY_PREFIXES = ['AK' + 'IA', 'AS' + 'IA', 'AB' + 'IA', 'AC' + 'CA', 'A3T[A-Z0-9]'].join('|');
const STRIPE_LIVE = '[sr]k_' + 'live_';
const SLACK_TOKEN = 'xo' + 'x[abposr]';
const VAULT_TOKEN = 'hv' + '[sbr]\\.';
const PEM_BEGIN = '-----BEGIN';
const PRIVATE_KEY = 'PRIVATE' + ' KEY';
/**
 * A PEM or OpenSSH private-key block: a blank (or an escaped newline) after the header, then base64,
 * blanks and escaped newlines up to the END line. Each body character has exactly one way to match
 * (a space is only `\s`): with a space in the character class too, a run of spaces after a header
 * with no END line backtracked exponentially. The body never runs into another BEGIN line, so each
 * header's search ends at the next one (many headers without an END were quadratic).
 */
export const PRIVATE_KEY_BLOCK = new RegExp(
  `(?<secret>${PEM_BEGIN} (?:[A-Z0-9]+ )*${PRIVATE_KEY}(?: BLOCK)?-----(?=\\s|\\\\+[rn])(?:[A-Za-z0-9+/=:,]|-(?!----BEGIN )|\\\\+[rn]|\\s){2,}?-----END (?:[A-Z0-9]+ )*${PRIVATE_KEY}(?: BLOCK)?-----)`,
  'g',
);
/** An Azure SAS signature behind its service version. A parameter's value holds no `=` (SAS values are
 * URL-encoded) and a parameter is not another `sv=` (the search starts again there): with either, each
 * `sv=` in a run of look-alike query strings searched all the rest. */
export const AZURE_SAS_SIGNATURE =
  /\bsv=\d{4}-\d{2}-\d{2}(?:&(?!sv=)[a-z]{2,5}=[^&=\s"'<>]*)*?&sig=(?<secret>[A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})/g;
// A legacy Vault token (`s.` + 24) next to "vault" or "token" in its name. Tried once per run of name
// characters (the lookahead finds the word in it), not from every "vault" in a long run: linear.
export const VAULT_LEGACY_TOKEN =
  /(?<![\w.-])(?=[\w.-]*?(?:vault|token))[\w.-]+["']?\s*(?::=|=>|=|:)\s*["']?(?<secret>s\.[A-Za-z0-9]{24})(?![A-Za-z0-9])/gi;

const notPlaceholderAfter = (prefixLength: number) => (secret: string) =>
  !isPlaceholderToken(secret.slice(prefixLength));

export const vendorRules: Rule[] = [
  regexRule({
    id: 'aws-access-key-id',
    keywords: ['ak' + 'ia', 'as' + 'ia', 'ab' + 'ia', 'ac' + 'ca', 'a3t'],
    title: 'AWS access key id',
    category: 'aws',
    pattern: new RegExp(`\\b(?<secret>(?:${AWS_KEY_PREFIXES})[A-Z2-7]{16})\\b`, 'g'),
    publicPrefix: 4,
    accept: notPlaceholderAfter(4),
  }),
  regexRule({
    id: 'aws-secret-access-key',
    keywords: ['secret'],
    title: 'AWS secret access key',
    category: 'aws',
    // Only with a key name that says so: 40 base64 characters alone are too common. The name may be
    // written in words, as `aws configure` prompts for it (`AWS Secret Access Key [None]: …`), and a
    // command may give the value after a blank (`aws configure set aws_secret_access_key …`).
    pattern:
      /(?:(?:aws[ _.-]?)?secret[ _.-]?access[ _.-]?key|aws[ _.-]?secret[ _.-]?key)["']?(?:(?:[ \t]*\[[^\]\n]{0,40}\])?\s*(?::=|=>|=|:)\s*|[ \t]+)["']?(?<secret>(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    accept: (secret) => !isPlaceholderToken(secret) && !isPlaceholder(secret),
  }),
  regexRule({
    id: 'github-token',
    keywords: ['gh' + 'p_', 'gh' + 'o_', 'gh' + 'u_', 'gh' + 's_', 'gh' + 'r_'],
    title: 'GitHub token',
    category: 'github',
    pattern: /\b(?<secret>gh[pousr]_[A-Za-z0-9]{36,251})\b/g,
    publicPrefix: 4,
    accept: notPlaceholderAfter(4),
  }),
  regexRule({
    id: 'github-app-installation-token',
    keywords: ['gh' + 's_'],
    title: 'GitHub App installation token (stateless)',
    category: 'github',
    // Since 2026 an installation token is `ghs_<app id>_<JWT>`: dots, dashes and underscores that
    // the classic form (36 letters and digits) does not allow.
    pattern: /\b(?<secret>ghs_[0-9]{1,20}_[A-Za-z0-9_-]{8,1000}\.[A-Za-z0-9_-]{8,1000}\.[A-Za-z0-9_-]{8,1000})/g,
    publicPrefix: 4,
    accept: notPlaceholderAfter(4),
  }),
  regexRule({
    id: 'github-fine-grained-token',
    keywords: ['github_pat_'],
    needle: 'github_pat_',
    title: 'GitHub fine-grained personal access token',
    category: 'github',
    pattern: /\b(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g,
    publicPrefix: 11,
    accept: notPlaceholderAfter(11),
  }),
  regexRule({
    id: 'stripe-live-key',
    keywords: ['sk_' + 'live_', 'rk_' + 'live_'],
    title: 'Stripe live secret or restricted key',
    category: 'stripe',
    pattern: new RegExp(`\\b(?<secret>${STRIPE_LIVE}[A-Za-z0-9]{24,247})\\b`, 'g'),
    publicPrefix: 8,
    accept: notPlaceholderAfter(8),
  }),
  regexRule({
    id: 'slack-token',
    keywords: ['xo' + 'x'],
    title: 'Slack token',
    category: 'slack',
    pattern: new RegExp(`\\b(?<secret>${SLACK_TOKEN}-[0-9]{6,}-[A-Za-z0-9-]{8,250})`, 'g'),
    publicPrefix: 5,
    accept: (secret) => !isPlaceholderToken(secret.slice(5)),
  }),
  regexRule({
    id: 'slack-webhook',
    keywords: ['hooks.slack.com'],
    needle: 'hooks.slack.com',
    title: 'Slack incoming webhook URL',
    category: 'slack',
    pattern:
      /(?<secret>https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,40})/g,
    publicPrefix: 33,
    accept: (secret) => !isPlaceholderToken(secret.slice(secret.lastIndexOf('/') + 1)),
  }),
  regexRule({
    // Anyone with the URL can post to the channel; gitleaks has rules for Discord's bot tokens only.
    id: 'discord-webhook',
    keywords: ['/api/webhooks/'],
    needle: '/api/webhooks/',
    title: 'Discord webhook URL',
    category: 'vendor',
    pattern:
      /(?<secret>https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])/g,
    publicPrefix: 33,
    accept: (secret) => !isPlaceholderToken(secret.slice(secret.lastIndexOf('/') + 1)),
  }),
  regexRule({
    id: 'private-key',
    keywords: ['private' + ' key'],
    needle: PRIVATE_KEY,
    title: 'Private key',
    category: 'private-key',
    // PEM and OpenSSH blocks, also escaped on one line (`\n` in JSON or a .env value).
    pattern: PRIVATE_KEY_BLOCK,
    publicPrefix: (secret) => secret.indexOf('-----', 10) + 5,
    accept: (secret) => {
      const body = secret.replace(/-----[^-]+-----/g, '').replace(/(?<!\\)(?:\\)+[rn]|\s/g, '');
      // Structured key material is base64 of DER: no word check (it would hit by chance).
      // A body that starts `EXAMPLE` is how AWS' documentation writes a key (real DER starts `MI`).
      return body.length >= 64 && !/\.{3}|…|x{6,}/i.test(body) && !body.startsWith('EXAMPLE') && !isRepetitive(body);
    },
  }),
  regexRule({
    id: 'gcp-service-account',
    keywords: ['private_key_id'],
    needle: 'private_key_id',
    title: 'Google Cloud service-account key',
    category: 'gcp',
    pattern: /"private_key_id"\s*:\s*"(?<secret>[0-9a-f]{40})"/g,
    accept: (_secret, _context, text) => /"type"\s*:\s*"service_account"/.test(text),
  }),
  regexRule({
    id: 'npm-token',
    keywords: ['npm_'],
    needle: 'npm_',
    title: 'npm access token',
    category: 'npm',
    pattern: /\b(?<secret>npm_[A-Za-z0-9]{36})\b/g,
    publicPrefix: 4,
    accept: notPlaceholderAfter(4),
  }),
  regexRule({
    id: 'npmrc-auth-token',
    keywords: [':_auth', ':_password'],
    needle: ':_',
    title: 'npm registry auth token in .npmrc',
    category: 'npm',
    // Also as `npm config set //host/:_authToken VALUE` writes it (a blank for the `=`).
    pattern:
      /:_(?:authToken|auth|password)(?:\s*=\s*|(?<=\b(?:npm|yarn|pnpm)[ \t]+config[ \t]+set[ \t]+\S{0,200}:_\w+)[ \t]+)(?<secret>[^\s"'$][^\s"']{7,})/g,
    accept: (secret) => !isPlaceholder(secret) && !secret.startsWith('npm_'),
  }),
  regexRule({
    id: 'openai-api-key',
    keywords: ['sk-'],
    needle: 'sk-',
    title: 'OpenAI-style API key',
    category: 'openai',
    pattern:
      /\b(?<secret>sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48}))(?![A-Za-z0-9_-])/g,
    publicPrefix: (secret) => (/^sk-(?:proj|svcacct|admin)-/.test(secret) ? secret.indexOf('-', 3) + 1 : 3),
    accept: (secret) => !isPlaceholderToken(secret.slice(3)),
  }),
  regexRule({
    id: 'azure-sas-signature',
    keywords: ['sig='],
    title: 'Azure shared access signature',
    category: 'vendor',
    // The signature of a SAS query string, behind its service version (`sv=2022-11-02`); the other
    // fields (permissions, expiry, resource) are public.
    pattern: AZURE_SAS_SIGNATURE,
    accept: (secret) => !isPlaceholderToken(secret),
  }),
  regexRule({
    // Jenkins stores credentials (credentials.xml, job configs) encrypted with the controller's
    // master key: `{AQAAABAAAA…}` is format 1, a 16-byte IV, then the ciphertext. Whoever also has
    // the controller's secrets/ folder decrypts it; it does not belong in a repository.
    id: 'jenkins-encrypted-secret',
    keywords: ['{aqaaabaaaa'],
    needle: '{AQAAABAAAA',
    title: 'Jenkins encrypted credential',
    category: 'vendor',
    pattern: /\{(?<secret>AQAAABAAAA[A-Za-z0-9+/]{40,}={0,2})\}/g,
    publicPrefix: 10,
    accept: notPlaceholderAfter(10),
  }),
  regexRule({
    id: 'vault-token',
    keywords: ['hv' + 's.', 'hv' + 'b.', 'hv' + 'r.'],
    title: 'Vault token',
    category: 'vault',
    pattern: new RegExp(`\\b(?<secret>${VAULT_TOKEN}[A-Za-z0-9_-]{24,})`, 'g'),
    publicPrefix: 4,
    accept: notPlaceholderAfter(4),
  }),
  regexRule({
    id: 'vault-legacy-token',
    keywords: ['s.'],
    title: 'Vault token (legacy s. format)',
    category: 'vault',
    // `s.` + 24 characters is too short to trust alone: only next to "vault" or "token".
    pattern: VAULT_LEGACY_TOKEN,
    publicPrefix: 2,
    accept: notPlaceholderAfter(2),
  }),
];
