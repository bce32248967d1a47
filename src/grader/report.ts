/**
 * The grade report: the JSON contract of `grade --json` (README, `grade`), also what the TUI checklist,
 * `--junit` and classroom submissions are made from. Never holds a secret value.
 */
export interface CheckResult {
  id: string;
  title: string;
  passed: boolean;
  /** What was observed, one or two sentences ("read secret/data/database/backend at 12:00:01"). */
  detail: string;
  /** When failed: the likely cause and what to try. Empty string when passed. */
  hint: string;
}

export interface GradeReport {
  challenge: string;
  passed: boolean;
  /** The provider the program was graded against: docker | binary | embedded | external; `none` for a challenge without Vault (scanner). */
  vault: string;
  durationMs: number;
  checks: CheckResult[];
}

/** Live progress for the TUI checklist and the plain-text reporter. */
export type GradeEvent =
  | { type: 'status'; message: string }
  | { type: 'check-pending'; id: string; title: string }
  | { type: 'check-done'; check: CheckResult }
  | { type: 'program-output'; stream: 'stdout' | 'stderr'; line: string }
  | { type: 'finished'; report: GradeReport };
