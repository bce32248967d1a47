import { isPlaceholderToken } from '../placeholders.js';
import type { Rule } from '../types.js';
import { regexRule } from './regex-rule.js';

/**
 * Vendor tokens without a leading prefix, known by their structure instead: a suffix that names
 * the vendor (`-us21`, `NRAL`), a bot id before the secret, or parts that decode to an id. Formats
 * from the vendors' documentation. Each part is written so that this file holds no token.
 */

/** Base64 (either alphabet) of a run of 17 to 20 digits: a Discord user id (a snowflake). */
function isSnowflake(part: string): boolean {
  const decoded = Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  return /^\d{17,20}$/.test(decoded);
}

export const structuredTokenRules: Rule[] = [
  regexRule({
    // Mailchimp API keys: 32 hex digits and the data centre the account lives in.
    id: 'mailchimp-api-key',
    title: 'Mailchimp API key',
    category: 'vendor',
    keywords: ['-us'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>[0-9a-f]{32}-us[0-9]{1,2})(?![A-Za-z0-9_-])/g,
    accept: (secret) => !isPlaceholderToken(secret.slice(0, 32)),
  }),
  regexRule({
    // Mailgun's private API keys since 2020: 32 hex digits, then two groups of 8.
    id: 'mailgun-private-key',
    title: 'Mailgun private API key',
    category: 'vendor',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9_-])/g,
    accept: (secret) => !isPlaceholderToken(secret.slice(0, 32)),
  }),
  regexRule({
    // A Telegram bot token: the bot's numeric id, `:`, and 35 characters that start `AA`.
    id: 'telegram-bot-token',
    title: 'Telegram bot token',
    category: 'vendor',
    keywords: [':aa'],
    pattern: /(?<![A-Za-z0-9_:-])(?<secret>[0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/g,
    publicPrefix: (secret) => secret.indexOf(':') + 1,
    accept: (secret) => !isPlaceholderToken(secret.slice(secret.indexOf(':') + 3)),
  }),
  regexRule({
    // A Discord bot token: base64 of the bot's user id, a timestamp, an HMAC. The first part must
    // decode to the digits of an id (base64 of a digit starts M, N or O), which random text of that
    // shape does about never.
    id: 'discord-bot-token',
    title: 'Discord bot token',
    category: 'vendor',
    pattern:
      /(?<![A-Za-z0-9_.-])(?<secret>[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40})(?![A-Za-z0-9_.-])/g,
    publicPrefix: (secret) => secret.indexOf('.') + 1,
    accept: (secret) => isSnowflake(secret.slice(0, secret.indexOf('.'))) && !isPlaceholderToken(secret.slice(-27)),
  }),
  regexRule({
    // A Salesforce session id or OAuth access token: the 15-character org id (`00D…`), `!`, the token.
    id: 'salesforce-access-token',
    title: 'Salesforce session id or access token',
    category: 'vendor',
    keywords: ['00d'],
    pattern: /(?<![A-Za-z0-9_.!-])(?<secret>00D[A-Za-z0-9]{12}![A-Za-z0-9._]{80,})(?![A-Za-z0-9._!-])/g,
    publicPrefix: 16,
    accept: (secret) => !isPlaceholderToken(secret.slice(16)),
  }),
  regexRule({
    // New Relic license (ingest) keys: 40 characters ending in `NRAL`; EU accounts' start `eu01xx`.
    id: 'new-relic-license-key',
    title: 'New Relic license key',
    category: 'vendor',
    keywords: ['nral'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>(?:[0-9a-f]{4}|eu[0-9]{2})[0-9a-fx]{32}NRAL)(?![A-Za-z0-9_-])/g,
    accept: (secret) => !isPlaceholderToken(secret.slice(0, 36)),
  }),
];
