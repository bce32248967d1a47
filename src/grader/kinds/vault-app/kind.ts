import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { ChallengeKind, ChallengeKindFactory, GradeContext } from '../../challenge-kind.js';
import { inPlannedOrder, type PlannedCheck } from '../../planned-checks.js';
import type { CheckResult } from '../../report.js';
import { ran, runApp, type AppRun } from './app-run.js';
import { AppSetup } from './app-setup.js';
import { judgeApp, plannedChecks } from './checks.js';

/**
 * `vault-app` (approle): the program gets VAULT_ADDR, VAULT_ROLE_ID and
 * VAULT_SECRET_ID, logs in with AppRole and reads its secrets.
 *
 * - prepare: fresh secrets, a grading Vault provisioned from challenge.yaml (app-setup.ts);
 * - run: the program once, the audit trail followed live (app-run.ts);
 * - judge: login, each read, exit, no leak, nothing hard-coded, no .env committed (checks.ts).
 *
 * The other kinds against Vault (log-scrubbing, rotation, orchestrator, project) are built from
 * the same three steps, with their own additions.
 */
export const vaultAppKind: ChallengeKindFactory<ChallengeDefinition> = (definition, context) =>
  new VaultAppGrade(definition, context);

class VaultAppGrade implements ChallengeKind {
  readonly plannedChecks: PlannedCheck[];
  readonly #app: AppSetup;
  #run: AppRun | undefined;

  constructor(definition: ChallengeDefinition, context: GradeContext) {
    this.#app = new AppSetup(definition, context);
    this.plannedChecks = plannedChecks(definition);
  }

  get vault(): string {
    return this.#app.provider;
  }

  prepare(): Promise<void> {
    return this.#app.prepare();
  }

  async run(): Promise<void> {
    this.#run = await runApp(this.#app, { variables: this.#app.variables, sensitive: this.#app.sensitive });
  }

  async judge(): Promise<CheckResult[]> {
    return inPlannedOrder(this.plannedChecks, await judgeApp(this.#app, ran(this.#run)));
  }

  dispose(): Promise<void> {
    return this.#app.dispose();
  }
}
