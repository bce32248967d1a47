import type { ForeignCategory } from '../../src/scanner/corpus/foreign.js';
import type { SourceName } from './sources.js';

/** One example as an extractor found it, before labels are turned into line ranges. */
export interface RawExample {
  source: SourceName;
  /** Path in the upstream repository. */
  path: string;
  line: number;
  unit: string;
  label: 'secret' | 'benign';
  text: string;
  /** TruffleHog: the values its detector must report (located in the text to label lines). */
  want?: string[];
  /** secretlint: the line ranges its snapshot reports; other lines are unlabelled. */
  ranges?: Array<[number, number]>;
  /** File name to write it as (secretlint keeps its fixture's name). */
  name?: string;
  /** detect-secrets: the file extension its test pairs the line with. */
  extension?: string;
}

export const PASSWORD_WORD = /pass(?:word|wd)?|pwd/i;

const GITLEAKS: Record<string, ForeignCategory> = {
  aws: 'aws',
  github: 'github',
  gitlab: 'gitlab',
  slack: 'slack',
  stripe: 'stripe',
  privatekey: 'private-key',
  jwt: 'jwt',
  generic: 'generic',
  kubernetes: 'generic',
  curl: 'generic',
};
const SECRETLINT: Record<string, ForeignCategory> = {
  aws: 'aws',
  github: 'github',
  gitlab: 'gitlab',
  slack: 'slack',
  stripe: 'stripe',
  privatekey: 'private-key',
  basicauth: 'url-credentials',
  'database-connection-string': 'url-credentials',
};
const TRUFFLEHOG: Record<string, ForeignCategory> = {
  aws: 'aws',
  github: 'github',
  github_oauth2: 'github',
  gitlab: 'gitlab',
  slack: 'slack',
  slackwebhook: 'slack',
  stripe: 'stripe',
  privatekey: 'private-key',
  jwt: 'jwt',
  uri: 'url-credentials',
  ftp: 'url-credentials',
  ldap: 'url-credentials',
  redis: 'url-credentials',
  mongodb: 'url-credentials',
  postgres: 'url-credentials',
  jdbc: 'url-credentials',
  sqlserver: 'url-credentials',
};
const DETECT_SECRETS: Record<string, ForeignCategory> = {
  aws_key: 'aws',
  basic_auth: 'url-credentials',
  github_token: 'github',
  gitlab_token: 'gitlab',
  jwt: 'jwt',
  private_key: 'private-key',
  slack: 'slack',
  stripe_key: 'stripe',
  keyword: 'generic',
};

/**
 * The category of an example, from the rule or detector it was written for: that project's own
 * word for what it is. Providers without a category of their own are `vendor`. Examples of the
 * generic rules (gitleaks' generic and curl rules, detect-secrets' keyword plugin) whose text
 * names a password are `password`, as is gitleaks' curl user:password rule.
 */
export function categoryOf(raw: RawExample): ForeignCategory {
  let category: ForeignCategory;
  if (raw.source === 'gitleaks') {
    category = GITLEAKS[raw.path.split('/').pop()!.replace(/\.go$/, '')] ?? 'vendor';
    if (raw.unit === 'CurlBasicAuth') return 'password';
  } else if (raw.source === 'secretlint') {
    category = SECRETLINT[/secretlint-rule-([^/]+)/.exec(raw.path)![1]!] ?? 'vendor';
  } else if (raw.source === 'trufflehog') {
    category = TRUFFLEHOG[raw.path.split('/')[2]!] ?? 'vendor';
  } else {
    category = DETECT_SECRETS[/tests\/plugins\/(\w+)_test\.py/.exec(raw.path)![1]!] ?? 'vendor';
  }
  if (category === 'generic' && PASSWORD_WORD.test(raw.text)) return 'password';
  return category;
}
