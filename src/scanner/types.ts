/**
 * Categories a finding belongs to. The corpus generator labels its secrets with the first eight;
 * the others are extra vendor rules the scanner knows.
 */
export const CORPUS_CATEGORIES = [
  'aws',
  'github',
  'stripe',
  'slack',
  'private-key',
  'password',
  'high-entropy',
  'url-credentials',
] as const;

export type CorpusCategory = (typeof CORPUS_CATEGORIES)[number];
export type SecretCategory =
  | CorpusCategory
  | 'gcp'
  | 'npm'
  | 'openai'
  | 'vault'
  | 'gitlab'
  | 'jwt'
  /** Any other provider's token (most come from gitleaks' rules). */
  | 'vendor';

/**
 * One hardcoded secret found in a file. It never carries the secret itself: `preview` shows at
 * most a few leading characters and `fingerprint` is a short SHA-256 prefix, enough to tell two
 * findings apart or recognise the same value again.
 */
export interface Finding {
  /** Path as given or relative to the scanned folder, with `/` separators. */
  file: string;
  /** 1-based line of the first character of the secret. */
  line: number;
  /** 1-based column (in UTF-16 code units) of the first character of the secret. */
  column: number;
  ruleId: string;
  category: SecretCategory;
  /** Human title of the rule, e.g. "GitHub token". */
  title: string;
  /** Redacted preview, e.g. a token prefix and 4 characters then `…` — never the whole value. */
  preview: string;
  /** First 12 hex characters of SHA-256 of the secret value. */
  fingerprint: string;
}

/** A secret span a rule found in a text, before line/column, allow-comments and redaction. */
export interface Candidate {
  /** Offset of the secret's first character. */
  start: number;
  /** Offset just past the secret. */
  end: number;
  /** Length of a leading part that is public (a token prefix, a PEM header), shown in previews. */
  publicPrefix?: number;
}

export interface RuleContext {
  /** File path (for extension-dependent decisions); `undefined` for plain text. */
  file: string | undefined;
  /** True for lock files (package-lock.json, yarn.lock, go.sum, …): integrity hashes everywhere. */
  lockFile: boolean;
  /** True for source code, where an unquoted value is an expression, not a literal. */
  code: boolean;
  /** True for minified bundles and source maps: long random-looking strings are normal there. */
  minified: boolean;
  /** True for dotenv files (`.env`, `.env.production`, `app.env`), where values are unquoted. */
  envFile: boolean;
  /** True for configuration formats (.conf, .ini, .properties, .toml, YAML, dotenv). */
  configFile: boolean;
  /** The text in lower case, computed once per text for the rules' keyword checks. */
  lowerText: () => string;
  /** A value computed once per text and shared by the rules that ask for the same key. */
  memo: <T>(key: string, compute: () => T) => T;
}

export interface Rule {
  id: string;
  title: string;
  category: SecretCategory;
  /** Higher wins when two rules report overlapping spans (vendor rules beat generic ones). */
  priority: number;
  /**
   * Lower-case strings of which every match contains one: a text holding none of them is not
   * given to the rule (scanText finds the keywords of all rules in one pass).
   */
  keywords?: readonly string[];
  find(text: string, context: RuleContext): Iterable<Candidate>;
}
