import { createHash } from 'node:crypto';
import { shannonEntropy } from '../../entropy.js';
import { isPlaceholderToken } from '../../placeholders.js';
import { classifyKey } from '../key-names.js';
import { followedByPlaceholder } from '../regex-rule.js';
import type { Candidate, Rule, RuleContext, SecretCategory } from '../../types.js';
import { goRegexToJs } from './go-regex.js';
import { LINEAR_REWRITES } from './linear-rewrites.js';

/** A rule as gitleaks' config/gitleaks.toml defines it (the fields this scanner uses). */
export interface GitleaksRuleData {
  id: string;
  description: string;
  regex?: string;
  secretGroup?: number;
  entropy?: number;
  keywords: string[];
  path?: string;
  allowlists?: GitleaksAllowlistData[];
}

export interface GitleaksAllowlistData {
  condition?: string;
  regexTarget?: string;
  regexes?: string[];
  stopwords?: string[];
  paths?: string[];
  /** Literal allowlisted values kept as SHA-256 hashes (see scripts/gitleaks-rules/import.ts). */
  sha256?: string[];
}

interface Allowlist {
  and: boolean;
  target: 'secret' | 'match' | 'line';
  regexes: RegExp[];
  stopwords: string[];
  paths: RegExp[];
  hashes: Set<string>;
}

const compile = (source: string, flags = '') =>
  new RegExp(goRegexToJs(LINEAR_REWRITES[source]?.regex ?? source), flags);

/**
 * gitleaks' semi-generic rules start with `[\w.-]{0,50}?` to take the variable name into the
 * match. It changes nothing about the secret (the group after the keyword), but it makes a
 * backtracking engine try a match at every character: dropped, the engine jumps to the keyword.
 */
const withoutNamePrefix = (source: string) => source.replace(/^(\(\?i\))?\[\\w\.-\]\{0,50\}\?/, '$1');

function compileAllowlist(data: GitleaksAllowlistData): Allowlist {
  return {
    and: data.condition?.toUpperCase() === 'AND',
    target: data.regexTarget === 'match' || data.regexTarget === 'line' ? data.regexTarget : 'secret',
    regexes: (data.regexes ?? []).map((r) => compile(r)),
    stopwords: (data.stopwords ?? []).map((w) => w.toLowerCase()),
    paths: (data.paths ?? []).map((r) => compile(r)),
    hashes: new Set(data.sha256 ?? []),
  };
}

interface Hit {
  secret: string;
  match: string;
  line: string;
  file: string | undefined;
}

/** gitleaks' checkFindingAllowed: OR of regex and stopword by default; AND of every listed check. */
function allowed(list: Allowlist, hit: Hit): boolean {
  const target = list.target === 'match' ? hit.match : list.target === 'line' ? hit.line : hit.secret;
  const regexAllowed =
    list.regexes.some((r) => r.test(target)) ||
    (list.hashes.size > 0 && list.hashes.has(createHash('sha256').update(target).digest('hex')));
  const lower = hit.secret.toLowerCase();
  const stopword = list.stopwords.some((w) => lower.includes(w));
  if (!list.and) return regexAllowed || stopword;
  const checks: boolean[] = [];
  if (list.paths.length) checks.push(hit.file !== undefined && list.paths.some((p) => p.test(hit.file!)));
  if (list.regexes.length || list.hashes.size) checks.push(regexAllowed);
  if (list.stopwords.length) checks.push(stopword);
  return checks.length > 0 && checks.every(Boolean);
}

function pathAllowed(list: Allowlist, file: string | undefined): boolean {
  // A path-only allowlist skips the rule for that file (gitleaks' checkCommitOrPathAllowed).
  return !list.and && list.paths.length > 0 && file !== undefined && list.paths.some((p) => p.test(file));
}

/**
 * A rule whose pattern starts with a short prefix of a token's own (`gho_`, `xoxb-`, `SK`): the
 * prefix starts a word, and a match glued to a letter or digit before it (`Sogho_…`) is a piece of
 * another word, not a token. A long prefix (`github_pat_`) is a token wherever it starts.
 */
const shortPrefix = (source: string) => {
  const literal = /^(?:\(\?:)?([A-Za-z0-9_-]*)/.exec(source)![1]!;
  return literal.length > 0 && literal.length < 8;
};
const gluedToWord = (text: string, start: number) =>
  start > 0 &&
  /[A-Za-z0-9]/.test(text[start - 1]!) &&
  !AFTER_COLOUR_CODE.test(text.slice(Math.max(0, start - 24), start));
/** A terminal colour code (`ESC[93m`) ends in a letter, but a token after it starts a word of its own. */
const AFTER_COLOUR_CODE = /\x1b\[[0-9;]{0,20}m$/;

/**
 * The literal a rule's token starts with (`FLWSECK_TEST-`, `ops_eyJ`, `ATATT3`), when its regex
 * begins with one (after `\b` and an opening group): the token names its vendor itself. Such a
 * value is a secret whatever the variable it is assigned to is called (`flutterwavePubKeyToken =
 * "FLWSECK_TEST-…"` holds a secret key, misnamed), so the name check for digests does not apply.
 */
export function tokenPrefix(source: string): string {
  const body = source.replace(/^(?:\\b)?(?:\((?:\?:)?)*/, '');
  const written = /^(?:[A-Za-z0-9_]|\\[.-]|-)*/.exec(body)![0];
  const literal = written.replace(/\\/g, '');
  const next = body[written.length];
  // One alternative of several (`(?:EAAA|sq0atp-)`) is not the prefix of every token.
  if (next === '|') return '';
  // A quantifier after the last character makes that character optional or repeated: not literal.
  return next !== undefined && '?*+{'.includes(next) ? literal.slice(0, -1) : literal;
}
/** Four characters and more: `SK` or `AC` alone say little, `dop_v1_` or `FLWSECK_` say who made the token. */
const selfIdentifying = (source: string) => tokenPrefix(source).length >= 4;

export interface GitleaksRuleOptions {
  category: SecretCategory;
  priority: number;
  /** The global allowlist of gitleaks' config. */
  global: GitleaksAllowlistData;
  /** A check of the secret's own structure (a checksum) that the regex cannot make. */
  accept?: (secret: string) => boolean;
}

/**
 * One gitleaks rule, run the way gitleaks runs it: only when one of its keywords is in the text,
 * the regex over the whole text, the secret from the chosen (or first non-empty) group, its
 * Shannon entropy above the rule's threshold, then the global and the rule's allowlists. On top,
 * this scanner's own context checks: placeholders (`xxxx`, `EXAMPLE`, repetitive values) and
 * values assigned to a name that says digest (`commit: <40 hex>` is not a Sourcegraph token).
 */
export function gitleaksRule(data: GitleaksRuleData, options: GitleaksRuleOptions): Rule {
  let compiled: { regex: RegExp; path?: RegExp; allowlists: Allowlist[]; global: Allowlist } | undefined;
  const load = () =>
    (compiled ??= {
      regex: compile(withoutNamePrefix(data.regex!), 'gd'),
      ...(data.path ? { path: compile(data.path) } : {}),
      allowlists: (data.allowlists ?? []).map(compileAllowlist),
      global: compileAllowlist(options.global),
    });
  const keywords = data.keywords.map((k) => k.toLowerCase());
  const prefixed = data.regex !== undefined && shortPrefix(data.regex);
  const namesItself = data.regex !== undefined && selfIdentifying(data.regex);
  return {
    id: data.id,
    title: data.description,
    category: options.category,
    priority: options.priority,
    ...(keywords.length ? { keywords } : {}),
    find(text: string, context: RuleContext): Candidate[] {
      const found: Candidate[] = [];
      const { regex, path, allowlists, global } = load();
      if (path && (context.file === undefined || !path.test(context.file))) return found;
      if (allowlists.some((list) => pathAllowed(list, context.file))) return found;
      regex.lastIndex = 0;
      for (let match = regex.exec(text); match; match = regex.exec(text)) {
        if (match[0].length === 0) regex.lastIndex++;
        if (prefixed && gluedToWord(text, match.index)) continue;
        const span = secretSpan(match, data.secretGroup);
        if (!span) continue;
        const secret = text.slice(span[0], span[1]);
        if (data.entropy !== undefined && shannonEntropy(secret) <= data.entropy) continue;
        if (options.accept && !options.accept(secret)) continue;
        if (isPlaceholderToken(secret) || followedByPlaceholder(text, span[1])) continue;
        if (!namesItself && namedAsHash(text, span[0])) continue;
        if (!keywordNear(keywords, context.lowerText(), match.index, match.index + match[0].length)) continue;
        const hit: Hit = { secret, match: match[0], line: lineAround(text, match.index), file: context.file };
        if (allowed(global, hit) || allowlists.some((list) => allowed(list, hit))) continue;
        found.push({ start: span[0], end: span[1] });
      }
      return found;
    },
  };
}

/** The secret's span: the chosen group, else the first non-empty group, else the match (trimmed of newlines). */
function secretSpan(match: RegExpExecArray, secretGroup: number | undefined): [number, number] | undefined {
  const indices = match.indices;
  if (!indices) return undefined;
  if (secretGroup) return indices[secretGroup] ?? undefined;
  for (let i = 1; i < indices.length; i++) {
    const span = indices[i];
    if (span && span[1] > span[0]) return span;
  }
  let [start, end] = indices[0]!;
  while (start < end && match.input[start] === '\n') start++;
  while (end > start && match.input[end - 1] === '\n') end--;
  return [start, end];
}

// The name is the last run of name characters, from its first letter; tried once per run (not from
// every character of it), so a long run not followed by an operator is linear.
export const KEY_BEFORE = /^(?:[^\n]*?[^\w.-])?[\d.-]*([A-Za-z_][\w.-]*)["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?$/;

/** The value is assigned to a name that says it is a digest or an id (`commit`, `sha`, `integrity`, `uuid`). */
function namedAsHash(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const key = KEY_BEFORE.exec(text.slice(Math.max(lineStart, start - 120), start))?.[1];
  return key !== undefined && classifyKey(key) === 'hash';
}

/** How far before a match, on its line, its keyword may be (the name a value is assigned to). */
const KEYWORD_REACH = 200;

/**
 * gitleaks runs a rule when one of its keywords is anywhere in the file; then a rule whose regex
 * is only "40 hex digits" (Sourcegraph's, in one alternative) reports every commit hash of a file
 * that mentions Sourcegraph once. Here the keyword has to be in the match or before it on its line.
 */
function keywordNear(keywords: readonly string[], lower: string, start: number, end: number): boolean {
  if (keywords.length === 0) return true;
  const lineStart = lower.lastIndexOf('\n', start - 1) + 1;
  const window = lower.slice(Math.max(lineStart, start - KEYWORD_REACH), end);
  return keywords.some((k) => window.includes(k));
}

function lineAround(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? undefined : end);
}
