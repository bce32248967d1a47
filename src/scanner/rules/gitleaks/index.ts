import type { Rule, SecretCategory } from '../../types.js';
import { hasBech32Checksum } from '../bech32.js';
import { gitleaksRule, type GitleaksAllowlistData, type GitleaksRuleData } from './gitleaks-rule.js';
import data from './rules.json' with { type: 'json' };

/**
 * gitleaks' default rules (MIT; the notice is in rules.json), used as data: vendor formats this
 * scanner has no rule of its own for, kept up to date by re-running scripts/gitleaks-rules/import.ts.
 * Left out, because this scanner's own rule measures better on the corpora in test/scanner/:
 */
export const REPLACED_GITLEAKS_RULES: Record<string, string> = {
  'generic-api-key': 'secret-assignment and high-entropy-string (key names, placeholders, entropy per alphabet)',
  'curl-auth-user': 'command-line-credentials (also wget, httpie, mysql, --password=; no catastrophic backtracking)',
  'curl-auth-header': 'authorization-header (any tool, not only curl)',
  jwt: 'jwt (decodes the header and checks its alg)',
  'jwt-base64': 'jwt',
  'private-key': 'private-key (also escaped on one line; placeholder bodies)',
  'kubernetes-secret-yaml': 'kubernetes-secret (any file name; each value decoded and checked)',
};

const PREFIX_CATEGORIES: Array<[RegExp, SecretCategory]> = [
  [/^aws-/, 'aws'],
  [/^github-/, 'github'],
  [/^gitlab-/, 'gitlab'],
  [/^slack-/, 'slack'],
  [/^stripe-/, 'stripe'],
  [/^gcp-/, 'gcp'],
  [/^npm-/, 'npm'],
  [/^openai-/, 'openai'],
  [/^vault-/, 'vault'],
];

/** Checks of a token's own structure, for the formats whose tokens carry a checksum. */
const STRUCTURE_CHECKS: Record<string, (secret: string) => boolean> = {
  'age-secret-key': hasBech32Checksum,
};

export function gitleaksCategory(id: string): SecretCategory {
  return PREFIX_CATEGORIES.find(([prefix]) => prefix.test(id))?.[1] ?? 'vendor';
}

export const GITLEAKS_RELEASE: string = data.release;

const used = (data.rules as GitleaksRuleData[]).filter(
  (rule) => rule.regex !== undefined && !(rule.id in REPLACED_GITLEAKS_RULES),
);

export const gitleaksRules: Rule[] = used.map((rule) =>
  gitleaksRule(rule, {
    category: gitleaksCategory(rule.id),
    priority: 100,
    global: data.allowlist as GitleaksAllowlistData,
    ...(STRUCTURE_CHECKS[rule.id] ? { accept: STRUCTURE_CHECKS[rule.id] } : {}),
  }),
);
