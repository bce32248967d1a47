import type { SourceFinding, SourceScanner } from './ports.js';
import { lineOf, readSourceFiles } from './source-files.js';

/**
 * TO BE REPLACED: a minimal stand-in for src/scanner's source scanner (secretlint's rules or as
 * good), so the `no-hardcoded-secret` check is real until that lands. When merging, make
 * `sourceScanner` an adapter over src/scanner and delete the rules below.
 */
interface Rule {
  id: string;
  description: string;
  pattern: RegExp;
  /** Reject a match that is clearly not a secret (a placeholder, an env lookup). */
  accept?: (match: RegExpExecArray) => boolean;
}

const PLACEHOLDER = /^(?:x+|\*+|\.+|changeme|change-me|password|secret|example|todo|your[-_].*|<.*>|\$\{.*\}|%s)$/i;

const RULES: Rule[] = [
  { id: 'private-key', description: 'a PEM private key', pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/g },
  { id: 'aws-access-key-id', description: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { id: 'vault-token', description: 'a Vault token', pattern: /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g },
  { id: 'github-token', description: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g },
  { id: 'slack-token', description: 'a Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  {
    id: 'url-credentials',
    description: 'a URL with a password in it',
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"`]+:([^\s@/'"`]{3,})@/gi,
    accept: (match) => !PLACEHOLDER.test(match[1]!) && !/^[{$<%]/.test(match[1]!),
  },
  {
    id: 'secret-assignment',
    description: 'a secret-looking value assigned to a secret-looking name',
    pattern:
      /\b([A-Za-z_][A-Za-z0-9_]*(?:password|passwd|pwd|secret|api_?key|apikey|token|secret_?id|role_?id|private_?key)[A-Za-z0-9_]*)["']?\s*(?::=|=|:)\s*(?:b|r|f)?(["'`])([^"'`\n]{8,})\2/gi,
    accept: (match) => {
      const value = match[3]!;
      if (PLACEHOLDER.test(value)) return false;
      // Names of variables, paths and URLs are not secrets: VAULT_SECRET_ID, secret/data/x.
      if (/^[A-Z][A-Z0-9_]*$/.test(value) || /[/\s]/.test(value) || /^https?:/.test(value)) return false;
      if (/[${}]/.test(value)) return false;
      return true;
    },
  },
];

export const sourceScanner: SourceScanner = {
  async scan(dir) {
    const findings: SourceFinding[] = [];
    for (const file of await readSourceFiles(dir)) {
      for (const rule of RULES) {
        for (const match of file.text.matchAll(rule.pattern)) {
          if (rule.accept && !rule.accept(match as RegExpExecArray)) continue;
          findings.push({ file: file.path, line: lineOf(file.text, match.index ?? 0), rule: rule.id, description: rule.description });
        }
      }
    }
    return findings;
  },
};
