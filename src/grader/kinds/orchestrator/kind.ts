import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { OrchestratorScenarioDefinition } from '../../../course/scenario-schema.js';
import { oneLine, UserError } from '../../../util/errors.js';
import type { ChallengeKind, ChallengeKindFactory, GradeContext } from '../../challenge-kind.js';
import { inPlannedOrder, placeChecks, type PlacedCheck, type PlannedCheck } from '../../planned-checks.js';
import type { CheckResult } from '../../report.js';
import { ran, runApp, type AppRun } from '../vault-app/app-run.js';
import { AppSetup } from '../vault-app/app-setup.js';
import { judgeApp, plannedChecks } from '../vault-app/checks.js';
import { Handover } from './handover.js';
import { WRAPPED_SECRET_ID_VARIABLE } from './orchestrator-checks.js';

/**
 * `orchestrator` (challenge.yaml `scenario: {type: orchestrator}`): secure introduction. The
 * program gets no VAULT_SECRET_ID but VAULT_WRAPPED_SECRET_ID_FILE, a file holding a
 * response-wrapped secret_id that it must unwrap once.
 *
 * - prepare: as a Vault app;
 * - run: right before the program starts, the grader wraps a new secret_id and writes the
 *   wrapping token to a file (handover.ts; the wrapping token's TTL runs from there); then as a
 *   Vault app;
 * - judge: the standard checks, `unwrap` and `unwrap-once`, and `login` replaced where the
 *   standard hint would point at a VAULT_SECRET_ID this challenge does not set
 *   (orchestrator-checks.ts).
 */
export const orchestratorKind: ChallengeKindFactory<ChallengeDefinition> = (definition, context) =>
  new OrchestratorGrade(definition, context);

export function orchestratorChecks(): PlacedCheck[] {
  return [
    {
      id: 'unwrap',
      title: `Unwraps the wrapping token from ${WRAPPED_SECRET_ID_VARIABLE} (sys/wrapping/unwrap)`,
      position: 'before-login',
    },
    {
      id: 'login',
      title: 'Logs in with AppRole using the role_id it was given and the secret_id it unwrapped',
      position: 'before-login',
    },
    { id: 'unwrap-once', title: 'Unwraps it only once (a wrapping token is single-use)', position: 'after-reads' },
  ];
}

export function orchestratorOf(definition: ChallengeDefinition): OrchestratorScenarioDefinition {
  if (definition.scenario?.type !== 'orchestrator') throw new Error(`${definition.id} has no orchestrator scenario`);
  return definition.scenario;
}

/** The standard checks with the orchestrator's: `unwrap` and a retitled `login` first, `unwrap-once` after the reads. */
export function orchestratorPlan(definition: ChallengeDefinition): PlannedCheck[] {
  const readIds = definition.reads.map((read) => read.id);
  return placeChecks(plannedChecks(definition), orchestratorChecks(), readIds);
}

/** The orchestrator's program gets the wrapped secret_id's file instead of VAULT_SECRET_ID. */
export function orchestratorVariables(
  variables: Readonly<Record<string, string>>,
  wrappedSecretIdFile: string | undefined,
): Record<string, string> {
  const { VAULT_SECRET_ID: _replaced, ...rest } = variables;
  return wrappedSecretIdFile ? { ...rest, [WRAPPED_SECRET_ID_VARIABLE]: wrappedSecretIdFile } : rest;
}

class OrchestratorGrade implements ChallengeKind {
  readonly plannedChecks: PlannedCheck[];
  readonly #app: AppSetup;
  #handover: Handover | undefined;
  #run: AppRun | undefined;

  constructor(
    private readonly definition: ChallengeDefinition,
    context: GradeContext,
  ) {
    this.#app = new AppSetup(definition, context);
    this.plannedChecks = orchestratorPlan(definition);
  }

  get vault(): string {
    return this.#app.provider;
  }

  prepare(): Promise<void> {
    return this.#app.prepare();
  }

  async run(): Promise<void> {
    const build = await this.#app.context.program.build();
    if (build?.ok !== false) {
      const { wrapTtlSeconds } = orchestratorOf(this.definition);
      this.#handover = await Handover.make(this.#app.vault, this.definition.role.name, wrapTtlSeconds).catch(
        (error: unknown) => {
          throw new UserError(`could not set up the grading Vault: ${oneLine(error)}`);
        },
      );
    }
    this.#run = await runApp(this.#app, {
      variables: orchestratorVariables(this.#app.variables, this.#handover?.file),
      sensitive: [...this.#app.sensitive, ...(this.#handover?.sensitive ?? [])],
    });
  }

  async judge(): Promise<CheckResult[]> {
    const run = ran(this.#run);
    const verdicts = this.#handover?.verdicts(run, this.#app.credentials.roleIdHash);
    return inPlannedOrder(this.plannedChecks, await judgeApp(this.#app, run), verdicts);
  }

  async dispose(): Promise<void> {
    await this.#handover?.remove();
    await this.#app.dispose();
  }
}
