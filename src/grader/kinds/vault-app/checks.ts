import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { PlannedCheck } from '../../planned-checks.js';
import type { RunResult } from '../../program/run-program.js';
import type { CheckResult } from '../../report.js';
import type { Finding, LeakFinding } from '../../scanner-port.js';
import type { EnvFileCheck } from '../../source/git-env.js';
import { withoutProvidedVariables, type SourceHints } from '../../source/hints.js';
import { loginCheck, readCheck } from './access-checks.js';
import type { AppRun } from './app-run.js';
import type { AppSetup } from './app-setup.js';
import type { Evidence } from './evidence.js';
import { envFileCheck, exitCheck, leakCheck, sourceCheck } from './program-checks.js';

/**
 * The standard checks of a program against Vault, from the evidence: did it log in, read each
 * secret (access-checks.ts), exit cleanly, print no secret, keep none in its files
 * (program-checks.ts). Each failure says what was observed and, in the hint, the likely mistake:
 * a KV v1 path without /data/, a wrong variable name, a hard-coded address, a login that never
 * happened, a timeout before any request. Details never hold a secret value: only paths, names,
 * counts, times and redacted output lines.
 */
export type ProgramOutcome =
  | { kind: 'ran'; result: RunResult; allReadsSeen: boolean }
  | { kind: 'build-failed'; message: string }
  | { kind: 'spawn-failed'; message: string };

export interface CheckInputs {
  definition: ChallengeDefinition;
  evidence: Evidence;
  outcome: ProgramOutcome;
  timeoutSeconds: number;
  /** Last lines of stderr (or stdout), already redacted. */
  lastErrorLine?: string;
  leaks: LeakFinding[];
  sourceFindings: Finding[];
  envFiles: EnvFileCheck;
  hints: SourceHints;
}

export function plannedChecks(definition: ChallengeDefinition): PlannedCheck[] {
  return [
    { id: 'login', title: 'Logs in with AppRole using the role_id and secret_id it was given' },
    ...definition.reads.map((read) => ({ id: read.id, title: read.title })),
    { id: 'exit', title: 'Exits with status 0 (or keeps serving once every read is done)' },
    { id: 'no-leak', title: 'Prints no secret value (raw, base64, hex or URL-encoded)' },
    { id: 'no-hardcoded-secret', title: 'No secret hard-coded in the source files' },
    { id: 'no-committed-env', title: 'No .env file committed to git' },
  ];
}

export function evaluateChecks(inputs: CheckInputs): CheckResult[] {
  const titles = new Map(plannedChecks(inputs.definition).map((check) => [check.id, check.title]));
  const make = (id: string, passed: boolean, detail: string, hint = ''): CheckResult => ({
    id,
    title: titles.get(id) ?? id,
    passed,
    detail,
    hint: passed ? '' : hint,
  });
  return [
    make('login', ...loginCheck(inputs)),
    ...inputs.definition.reads.map((read) => make(read.id, ...readCheck(inputs, read))),
    make('exit', ...exitCheck(inputs)),
    make('no-leak', ...leakCheck(inputs)),
    make('no-hardcoded-secret', ...sourceCheck(inputs)),
    make('no-committed-env', ...envFileCheck(inputs)),
  ];
}

/** The `judge` step every kind with a program against Vault shares: the standard checks of one run. */
export async function judgeApp(app: AppSetup, run: AppRun): Promise<CheckResult[]> {
  const source = await app.source();
  return evaluateChecks({
    definition: app.definition,
    evidence: run.evidence,
    outcome: run.outcome,
    timeoutSeconds: app.context.timeoutSeconds,
    lastErrorLine: run.output.lastLine(),
    leaks: run.output.leaks(),
    sourceFindings: source.findings,
    envFiles: source.envFiles,
    hints: withoutProvidedVariables(source.hints, Object.keys(run.variables)),
  });
}
