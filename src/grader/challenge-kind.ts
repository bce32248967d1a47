import type { ProviderChoice } from '../vault/provider.js';
import type { PlannedCheck } from './planned-checks.js';
import type { LearnerProgram } from './program/learner-program.js';
import type { CheckResult, GradeEvent } from './report.js';
import type { CreateLeakDetector, ScanFolder } from './scanner-port.js';

/**
 * The one interface every kind of challenge implements, the way every Vault secrets engine
 * implements logical.Backend: the pipeline (pipeline.ts) calls `prepare`, `run`, `judge` and
 * `dispose` in that order and knows nothing else about a kind. A kind keeps its own state between
 * the steps (the Vault it started, the evidence it collected).
 *
 * The kinds (kinds.ts routes a challenge to one): `vault-app` (approle), `log-scrubbing`,
 * `rotation`, `orchestrator`, `project` (mini-project: the learner's setup script, then their
 * app on the state it left), `vault-agent` (the learner's Agent configuration, then their app on
 * the file Agent renders) — each a program against a fresh Vault, sharing the steps in
 * kinds/vault-app/ — `scanner-challenge`, a scanner run on a generated corpus, and `leak`, a
 * leaked key answered in Vault and in a repository's history.
 */
export interface ChallengeKind {
  /** The report's checks, in order; the checklist shows them pending before anything runs. */
  readonly plannedChecks: readonly PlannedCheck[];
  /** Set up what the program meets: an isolated Vault, provisioned; a corpus on disk. */
  prepare(): Promise<void>;
  /** Run the learner's program (once, or once per input) and keep what it did. */
  run(): Promise<void>;
  /** The evidence, judged: one result per planned check, in planned order. */
  judge(): Promise<CheckResult[]>;
  /** Undo `prepare` (stop the Vault and timers, remove temp files). Idempotent; runs after a failure too. */
  dispose(): Promise<void>;
  /** What the report's `vault` says: the provider graded against, or `none`. */
  readonly vault: string;
}

/** What the pipeline hands every kind for one grade. */
export interface GradeContext {
  /** The learner's folder: absolute, and a folder. */
  dir: string;
  /** The detected command; its build is already under way. */
  program: LearnerProgram;
  timeoutSeconds: number;
  /** How long a program that has done everything may keep running before it is stopped. */
  graceMs: number;
  /** Which Vault to grade against (`--vault`, `--vault-binary`). */
  vault: { choice: ProviderChoice; binary?: string };
  /** src/scanner's pieces (scanner-port.ts), replaceable through GradeOptions. */
  scanner: { createLeakDetector: CreateLeakDetector; scanFolder: ScanFolder };
  signal?: AbortSignal;
  emit: (event: GradeEvent) => void;
}

/** Makes a grade's kind from its challenge, as a Vault engine's Factory makes its Backend. */
export type ChallengeKindFactory<Definition> = (definition: Definition, context: GradeContext) => ChallengeKind;
