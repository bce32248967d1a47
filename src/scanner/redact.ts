import { createHash } from 'node:crypto';

/** First 12 hex characters of SHA-256 of the value: stable across runs, reveals nothing useful. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12);
}

/**
 * A preview that never shows the secret: the public prefix (a GitHub token prefix or a PEM header, at most 40
 * characters) plus up to 4 characters of the rest, and never more than a quarter of the rest, so
 * an 8-character password shows 2 characters.
 */
export function redactedPreview(value: string, publicPrefix = 0): string {
  const prefix = value.slice(0, Math.min(publicPrefix, 40)).replace(/\s+/g, ' ');
  // After a PEM header comes a line break, raw or escaped (`\n` in JSON): skip it.
  const rest = value.slice(publicPrefix).replace(/^(?:\s|\\[rn])+/, '');
  const shown = Math.min(4, Math.floor(rest.length / 4));
  return `${prefix}${rest.slice(0, shown)}…`;
}
