import { isCodeFile, isConfigFile, isEnvFile, isLockFile, isMinifiedFile } from './file-kinds.js';
import { isFileAllowed, isLineAllowed } from './placeholders.js';
import { fingerprint, redactedPreview } from './redact.js';
import { rules as defaultRules } from './rules/index.js';
import { KeywordIndex } from './rules/keywords.js';
import type { Candidate, Finding, Rule, RuleContext } from './types.js';

export interface ScanTextOptions {
  /** Path reported in findings; its name and extension also steer the rules. Default `<text>`. */
  file?: string;
  /** Rules to run (default: all of them). */
  rules?: readonly Rule[];
}

/**
 * Scans one text for hardcoded secrets. Pure and synchronous: no I/O. Returns findings sorted by
 * position; when two rules report overlapping text the more specific (higher-priority) one wins.
 */
export function scanText(text: string, options: ScanTextOptions = {}): Finding[] {
  const file = options.file ?? '<text>';
  if (isFileAllowed(text)) return [];
  let lower: string | undefined;
  const memos = new Map<string, unknown>();
  const context: RuleContext = {
    file: options.file,
    lowerText: () => (lower ??= text.toLowerCase()),
    memo: <T>(key: string, compute: () => T): T => {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
    lockFile: isLockFile(file),
    code: isCodeFile(file),
    minified: isMinifiedFile(file),
    envFile: isEnvFile(file),
    configFile: isConfigFile(file),
  };
  const ruleList = options.rules ?? defaultRules;
  const present = keywordIndexFor(ruleList).present(context.lowerText());
  const found: Array<{ rule: Rule; candidate: Candidate }> = [];
  for (const rule of ruleList) {
    if (rule.keywords && !rule.keywords.some((k) => present.has(k))) continue;
    for (const candidate of rule.find(text, context)) found.push({ rule, candidate });
  }
  found.sort((a, b) => b.rule.priority - a.rule.priority || a.candidate.start - b.candidate.start);
  const kept: typeof found = [];
  for (const item of found) {
    const overlaps = kept.some((k) => item.candidate.start < k.candidate.end && k.candidate.start < item.candidate.end);
    if (!overlaps) kept.push(item);
  }
  kept.sort((a, b) => a.candidate.start - b.candidate.start);

  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  for (const { rule, candidate } of kept) {
    const { line, column } = lines.position(candidate.start);
    if (isLineAllowed(lines.text(line), line > 1 ? lines.text(line - 1) : undefined)) continue;
    const secret = text.slice(candidate.start, candidate.end);
    findings.push({
      file,
      line,
      column,
      ruleId: rule.id,
      category: rule.category,
      title: rule.title,
      preview: redactedPreview(secret, candidate.publicPrefix),
      fingerprint: fingerprint(secret),
    });
  }
  return findings;
}

const keywordIndexes = new WeakMap<readonly Rule[], KeywordIndex>();

function keywordIndexFor(rules: readonly Rule[]): KeywordIndex {
  let index = keywordIndexes.get(rules);
  if (!index) {
    index = new KeywordIndex(rules.flatMap((rule) => rule.keywords ?? []));
    keywordIndexes.set(rules, index);
  }
  return index;
}

/** Offset → 1-based line and column, by binary search over line starts. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly source: string) {
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }
  text(line: number): string {
    const start = this.starts[line - 1] ?? 0;
    const next = this.starts[line];
    return this.source.slice(start, next === undefined ? undefined : next - 1);
  }
}
