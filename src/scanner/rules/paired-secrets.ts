import { shannonEntropy } from '../entropy.js';
import { isPlaceholder, isPlaceholderToken } from '../placeholders.js';
import type { Rule, SecretCategory } from '../types.js';
import { AWS_KEY_PREFIXES } from './vendor.js';

/**
 * The secret half of a pair whose other half is public and has a shape of its own: a value too
 * plain to report alone (forty base64 characters, thirty-two hex digits) is reported within three
 * lines of its partner — a CSV of credentials, two arguments of a client constructor, two lines of
 * a config file.
 */
interface Pair {
  id: string;
  title: string;
  category: SecretCategory;
  /** Lower-case strings one of which every partner holds. */
  keywords: string[];
  /** The public half. */
  partner: RegExp;
  /** Values that may be the secret half. */
  secret: RegExp;
  /** A candidate worth reporting: random enough, not a placeholder. */
  accept: (value: string) => boolean;
}

// A name on the value's line that says it is a digest (`md5: …`, `"etag": "…"`), not a credential.
const DIGEST_NAME =
  /(?:md5|sha\d{0,3}|hash|digest|checksum|etag|fingerprint|commit)\w{0,30}["']?[ \t]{0,5}[:=,][ \t]{0,5}["']?$/i;

const NEAR = 3;
/** Longer than any name DIGEST_NAME reads: only the end of a line before a value is looked at. */
const NAME_REACH = 64;

/** The offsets from the start of the line `near` lines above `offset` to the end of the line `near` lines below. */
function lineWindow(text: string, offset: number, near: number): [number, number] {
  // (A negative `fromIndex` is read as 0 by lastIndexOf, so the first line is taken care of apart.)
  let start = offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
  for (let i = 0; i < near && start > 0; i++) start = start >= 2 ? text.lastIndexOf('\n', start - 2) + 1 : 0;
  let end = offset;
  for (let i = 0; i <= near; i++) {
    const next = text.indexOf('\n', end);
    if (next === -1) return [start, text.length];
    end = next + 1;
  }
  return [start, end];
}

function pairRule({ id, title, category, keywords, partner, secret, accept }: Pair): Rule {
  return {
    id,
    keywords,
    title,
    category,
    priority: 90,
    find(text) {
      const found: Array<{ start: number; end: number }> = [];
      partner.lastIndex = 0;
      const partners = [...text.matchAll(partner)];
      if (partners.length === 0) return found;
      // Windows of offsets, not line numbers: counting the lines before every candidate was linear in
      // the file per candidate.
      const windows = partners.map((m) => lineWindow(text, m.index, NEAR));
      const partnerStarts = new Set(partners.map((m) => m.index));
      secret.lastIndex = 0;
      for (let m = secret.exec(text); m; m = secret.exec(text)) {
        const at = m.index;
        const value = m[0];
        if (partnerStarts.has(at) || !windows.some(([start, end]) => at >= start && at < end)) continue;
        if (!accept(value) || isPlaceholderToken(value) || isPlaceholder(value)) continue;
        const lineStart = text.lastIndexOf('\n', at - 1) + 1;
        if (DIGEST_NAME.test(text.slice(Math.max(lineStart, at - NAME_REACH), at))) continue;
        found.push({ start: at, end: at + value.length });
      }
      return found;
    },
  };
}

/**
 * An AWS secret access key without a name that says so, next to its access key id
 * (`AKIA… / wJalr…`): forty base64 characters alone are too common to report.
 */
export const awsSecretNearKeyIdRule = pairRule({
  id: 'aws-secret-access-key-pair',
  title: 'AWS secret access key (next to its key id)',
  category: 'aws',
  keywords: ['ak' + 'ia', 'as' + 'ia', 'ab' + 'ia', 'ac' + 'ca', 'a3t'],
  partner: new RegExp(`\\b(?:${AWS_KEY_PREFIXES})[A-Z2-7]{16}\\b`, 'g'),
  secret: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
  accept: (value) =>
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    /\d/.test(value) &&
    !/^[0-9a-fA-F]+$/.test(value) &&
    shannonEntropy(value) >= 4,
});

/**
 * A Twilio auth token (thirty-two hex digits) next to its account SID (`AC` and thirty-two hex
 * digits), as `twilio.Client(sid, token)` and every quick-start take them: the SID is public, the
 * token is the password. A digest or an id of the same shape elsewhere in the file is not beside one.
 */
export const twilioAuthTokenRule = pairRule({
  id: 'twilio-auth-token',
  title: 'Twilio auth token (next to its account SID)',
  category: 'vendor',
  keywords: ['ac'],
  partner: /\bAC[0-9a-f]{32}\b/g,
  secret: /(?<![0-9A-Za-z_-])[0-9a-f]{32}(?![0-9A-Za-z_-])/g,
  accept: (value) => /\d/.test(value) && /[a-f]/.test(value) && shannonEntropy(value) >= 3.2,
});
