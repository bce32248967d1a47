import type { Candidate, Rule, RuleContext, SecretCategory } from '../types.js';

export interface RegexRuleSpec {
  id: string;
  title: string;
  category: SecretCategory;
  priority?: number;
  /** Must have the `g` flag. The secret is the group named `secret`, else the whole match. */
  pattern: RegExp;
  /** Length of a public prefix of the secret (e.g. 4 for a GitHub token prefix), shown in previews. */
  publicPrefix?: number | ((secret: string) => number);
  /** A string every match contains: texts without it are skipped without running the regex. */
  needle?: string;
  /** Lower-case strings of which every match contains one (see Rule.keywords). */
  keywords?: readonly string[];
  /** Extra check on the secret (placeholder filter, checksum, file context). */
  accept?: (secret: string, context: RuleContext, text: string) => boolean;
}

/** Builds a rule from a regular expression: most vendor formats need nothing more. */
export function regexRule(spec: RegexRuleSpec): Rule {
  const flags = spec.pattern.flags.includes('d') ? spec.pattern.flags : `${spec.pattern.flags}d`;
  const pattern = new RegExp(spec.pattern.source, flags);
  return {
    id: spec.id,
    title: spec.title,
    category: spec.category,
    priority: spec.priority ?? 100,
    ...(spec.keywords ? { keywords: spec.keywords } : {}),
    find(text: string, context: RuleContext): Candidate[] {
      const found: Candidate[] = [];
      if (spec.needle && !text.includes(spec.needle)) return found;
      // exec with lastIndex rather than matchAll: matchAll clones the RegExp on every call,
      // which costs more than the search itself on small files.
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        if (match[0].length === 0) pattern.lastIndex++;
        const span = match.indices?.groups?.secret ?? match.indices?.[0];
        if (!span) continue;
        const [start, end] = span;
        const secret = text.slice(start, end);
        if (followedByPlaceholder(text, end)) continue;
        if (spec.accept && !spec.accept(secret, context, text)) continue;
        const publicPrefix = typeof spec.publicPrefix === 'function' ? spec.publicPrefix(secret) : spec.publicPrefix;
        found.push({ start, end, ...(publicPrefix ? { publicPrefix } : {}) });
      }
      return found;
    },
  };
}

/** `xoxp-1234-5678-#####`, `ghp_abc…`, `sk_live_<KEY>`: the token goes on as a placeholder. */
export function followedByPlaceholder(text: string, end: number): boolean {
  return /^(?:[#*…{]|<(?!\/)|\.\.\.)/.test(text.slice(end, end + 3));
}
