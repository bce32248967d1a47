import type { ChallengeDefinition } from '../../course/challenge-schema.js';
import type { AuditEntry } from '../../vault/audit/entry.js';
import type { RunningVault } from '../../vault/provider.js';
import type { ProgramOutcome } from '../checks.js';
import type { Provisioned } from '../provision.js';
import type { GradeEvent } from '../report.js';
import type { KnownSecret } from '../secrets.js';

/**
 * A scenario is what the grader does while the learner's program runs, beyond provisioning and
 * watching: rotate a secret and let tokens expire (rotation.ts), hand over a wrapped secret_id as
 * a trusted orchestrator would (orchestrator.ts). The grader core (../index.ts) calls these hooks
 * and otherwise grades as usual; a scenario adds checks and may replace the verdict of a
 * standard one (a long-running app's `exit`, a `login` that sent the wrapping token).
 */
export interface ScenarioSetup {
  vault: RunningVault;
  definition: ChallengeDefinition;
  credentials: Provisioned;
  emit: (event: GradeEvent) => void;
}

/** Lets a scenario end the run itself (its own deadline passed). */
export interface RunControl {
  stop(): void;
}

export type Verdict = [passed: boolean, detail: string, hint?: string];

export interface ScenarioEvaluation {
  /** The program's audit entries (the grader's own requests left out), request and response entries. */
  entries: readonly AuditEntry[];
  outcome: ProgramOutcome;
}

export interface ScenarioRun {
  /** Variables to set for the program; `undefined` removes one the grader would set (VAULT_SECRET_ID). */
  env: Record<string, string | undefined>;
  /** Values the program must not print, besides the provisioned secrets. */
  sensitive: KnownSecret[];
  /** Called once the program has started; `control.stop()` ends it. */
  started(control: RunControl): void;
  /** Every audit entry while the program runs, in order (the grader's own requests left out). */
  observe(entry: AuditEntry): void;
  /**
   * Whether the program has done all the scenario waits for: the grader then stops it after its
   * grace period. Without it, the grader waits for the required reads as usual.
   */
  complete?(): boolean;
  /** The grader's own requests (made during the run), to leave out of the evidence. */
  isOwnEntry(entry: AuditEntry): boolean;
  /** The scenario's checks (ids as planned) and replaced verdicts of standard checks. */
  evaluate(input: ScenarioEvaluation): Map<string, Verdict>;
  /** Stop timers, remove temp files; idempotent. */
  dispose(): Promise<void>;
}

export interface PlannedScenarioCheck {
  /** A new check, or a standard one's id to retitle it (its place stays). */
  id: string;
  title: string;
  /** Where a new check goes in the report: before `login` or after the reads. */
  position: 'before-login' | 'after-reads';
}

export interface Scenario {
  plannedChecks(definition: ChallengeDefinition): PlannedScenarioCheck[];
  /** After provisioning and the build, right before the program starts. */
  prepare(setup: ScenarioSetup): Promise<ScenarioRun>;
}
