import type { CheckResult } from './report.js';

/**
 * The checks of a grade, planned before anything runs (the checklist shows them pending), and the
 * one rule that turns results into the report: planned order, planned titles, and a planned check
 * nobody judged fails as "did not run" rather than going missing.
 */
export interface PlannedCheck {
  id: string;
  title: string;
}

/** A check's result as a kind's judge produces it; the title comes from the plan. */
export type Verdict = [passed: boolean, detail: string, hint?: string];

/**
 * The report's checks: every planned check in planned order with its planned title — a verdict
 * of the kind's own where it gave one (replacing a standard result of the same id), else the
 * standard result, else failed as not run.
 */
export function inPlannedOrder(
  planned: readonly PlannedCheck[],
  results: readonly CheckResult[],
  verdicts: ReadonlyMap<string, Verdict> = new Map(),
): CheckResult[] {
  const byId = new Map(results.map((check) => [check.id, check]));
  return planned.map(({ id, title }) => {
    const verdict = verdicts.get(id);
    if (verdict) {
      const [passed, detail, hint = ''] = verdict;
      return { id, title, passed, detail, hint: passed ? '' : hint };
    }
    const known = byId.get(id);
    if (known) return { ...known, title };
    return {
      id,
      title,
      passed: false,
      detail: 'the program did not run',
      hint: 'Fix what stopped it first (see the `exit` check).',
    };
  });
}

/** Extra checks right before `exit` (the log lines come after the reads). */
export function insertBeforeExit<T extends { id: string }>(checks: readonly T[], extra: readonly T[]): T[] {
  const at = checks.findIndex((check) => check.id === 'exit');
  return at === -1 ? [...checks, ...extra] : [...checks.slice(0, at), ...extra, ...checks.slice(at)];
}

export interface PlacedCheck extends PlannedCheck {
  /** Where a new check goes: before `login`, or after the last of `readIds`. */
  position: 'before-login' | 'after-reads';
}

/**
 * The standard checks with a kind's own placed among them. One with a standard check's id
 * retitles that check in place (a long-running app's `exit`).
 */
export function placeChecks(
  standard: readonly PlannedCheck[],
  own: readonly PlacedCheck[],
  readIds: readonly string[],
): PlannedCheck[] {
  const retitled = new Map(
    own.filter((check) => standard.some((known) => known.id === check.id)).map((check) => [check.id, check.title]),
  );
  const extra = own.filter((check) => !retitled.has(check.id));
  const before = extra.filter((check) => check.position === 'before-login').map(({ id, title }) => ({ id, title }));
  const after = extra.filter((check) => check.position === 'after-reads').map(({ id, title }) => ({ id, title }));
  const lastRead = Math.max(...standard.map((check, index) => (readIds.includes(check.id) ? index : -1)));
  const result: PlannedCheck[] = [];
  for (const [index, check] of standard.entries()) {
    if (check.id === 'login') result.push(...before);
    result.push({ id: check.id, title: retitled.get(check.id) ?? check.title });
    if (index === lastRead) result.push(...after);
  }
  return result;
}
