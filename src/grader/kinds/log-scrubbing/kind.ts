import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { ChallengeKind, ChallengeKindFactory, GradeContext } from '../../challenge-kind.js';
import { inPlannedOrder, insertBeforeExit, type PlannedCheck } from '../../planned-checks.js';
import type { CheckResult } from '../../report.js';
import { ran, runApp, type AppRun } from '../vault-app/app-run.js';
import { AppSetup } from '../vault-app/app-setup.js';
import { judgeApp, plannedChecks } from '../vault-app/checks.js';
import { logCheckPlan, LogLineWatcher } from './log-lines.js';

/**
 * `log-scrubbing` (challenge.yaml `logs`): a Vault app whose secrets are made to break naive
 * redaction, and which must log usefully without leaking them.
 *
 * - prepare: as a Vault app;
 * - run: as a Vault app, with a LogLineWatcher reading the raw output: the program is done once
 *   its reads are seen and it has logged enough request lines;
 * - judge: the standard checks, plus `startup-lines` and `request-lines` before `exit`.
 */
type LogsDefinition = ChallengeDefinition & { logs: NonNullable<ChallengeDefinition['logs']> };

export const logScrubbingKind: ChallengeKindFactory<ChallengeDefinition> = (definition, context) => {
  if (!definition.logs) throw new Error(`${definition.id} has no logs section`);
  return new LogScrubbingGrade({ ...definition, logs: definition.logs }, context);
};

/** The standard checks with the log checks before `exit`. */
export function logScrubbingPlan(definition: ChallengeDefinition): PlannedCheck[] {
  return insertBeforeExit(plannedChecks(definition), logCheckPlan(definition));
}

class LogScrubbingGrade implements ChallengeKind {
  readonly plannedChecks: PlannedCheck[];
  readonly #app: AppSetup;
  #logLines: LogLineWatcher | undefined;
  #run: AppRun | undefined;

  constructor(
    private readonly definition: LogsDefinition,
    context: GradeContext,
  ) {
    this.#app = new AppSetup(definition, context);
    this.plannedChecks = logScrubbingPlan(definition);
  }

  get vault(): string {
    return this.#app.provider;
  }

  prepare(): Promise<void> {
    return this.#app.prepare();
  }

  async run(): Promise<void> {
    this.#logLines = new LogLineWatcher(this.definition, this.#app.secrets.secrets);
    this.#run = await runApp(this.#app, {
      variables: this.#app.variables,
      sensitive: this.#app.sensitive,
      watchers: [this.#logLines],
    });
    this.#logLines.finish();
  }

  async judge(): Promise<CheckResult[]> {
    const run = ran(this.#run);
    const titles = new Map(this.plannedChecks.map((check) => [check.id, check.title]));
    // A program that did not run logged nothing: its log checks fail as not run.
    const logChecks = run.outcome.kind === 'ran' ? (this.#logLines?.checks(titles) ?? []) : [];
    return inPlannedOrder(this.plannedChecks, [...(await judgeApp(this.#app, run)), ...logChecks]);
  }

  dispose(): Promise<void> {
    return this.#app.dispose();
  }
}
