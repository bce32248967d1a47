import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { ChallengeKind, ChallengeKindFactory, GradeContext } from '../../challenge-kind.js';
import { inPlannedOrder, placeChecks, type PlacedCheck, type PlannedCheck } from '../../planned-checks.js';
import type { CheckResult } from '../../report.js';
import { ran, runApp, type AppRun } from '../vault-app/app-run.js';
import { AppSetup } from '../vault-app/app-setup.js';
import { judgeApp, plannedChecks } from '../vault-app/checks.js';
import { generateSecrets, type GeneratedSecrets } from '../vault-app/secrets.js';
import { rotationOf, RotationScenario } from './rotation-scenario.js';

/**
 * `rotation` (challenge.yaml `scenario: {type: rotation}`): a long-running app that keeps working
 * while its password rotates and its short-lived token expires.
 *
 * - prepare: as a Vault app, plus the values of the version the grader will write;
 * - run: as a Vault app, with the RotationScenario (rotation-scenario.ts) following the audit
 *   trail: it rotates the secret after the first read, lets the first token expire (or moves the
 *   embedded server's clock), and ends the run when it has seen enough or its windows are over;
 * - judge: the standard checks, `read-rotated`, `token-renewed`, `expired-token-recovered`, and
 *   `exit` replaced: this app must keep running (rotation-checks.ts).
 */
export const rotationKind: ChallengeKindFactory<ChallengeDefinition> = (definition, context) =>
  new RotationGrade(definition, context);

export function rotationChecks(definition: ChallengeDefinition): PlacedCheck[] {
  const scenario = rotationOf(definition);
  return [
    {
      id: 'read-rotated',
      title: `Reads the new version of ${definition.mount}/data/${scenario.path} within ${scenario.windowSeconds} s of the rotation`,
      position: 'after-reads',
    },
    {
      id: 'token-renewed',
      title: 'Renews its token or logs in again, and keeps reading after its first token has expired',
      position: 'after-reads',
    },
    {
      id: 'expired-token-recovered',
      title: 'Recovers from every request refused because its token had expired',
      position: 'after-reads',
    },
    { id: 'exit', title: 'Keeps running until the grader stops it (a long-running app)', position: 'after-reads' },
  ];
}

/** The standard checks with the rotation's: after the reads, and `exit` retitled. */
export function rotationPlan(definition: ChallengeDefinition): PlannedCheck[] {
  const readIds = definition.reads.map((read) => read.id);
  return placeChecks(plannedChecks(definition), rotationChecks(definition), readIds);
}

class RotationGrade implements ChallengeKind {
  readonly plannedChecks: PlannedCheck[];
  readonly #app: AppSetup;
  #next: GeneratedSecrets | undefined;
  #scenario: RotationScenario | undefined;
  #run: AppRun | undefined;

  constructor(
    private readonly definition: ChallengeDefinition,
    context: GradeContext,
  ) {
    this.#app = new AppSetup(definition, context);
    this.plannedChecks = rotationPlan(definition);
  }

  get vault(): string {
    return this.#app.provider;
  }

  async prepare(): Promise<void> {
    const scenario = rotationOf(this.definition);
    const secret = this.definition.secrets.find((candidate) => candidate.path === scenario.path)!;
    const [next] = await Promise.all([generateSecrets({ ...this.definition, secrets: [secret] }), this.#app.prepare()]);
    this.#next = next;
  }

  async run(): Promise<void> {
    const next = this.#next!;
    const scenario = new RotationScenario(this.#app, rotationOf(this.definition), {
      data: next.secrets[0]!.data,
      sensitive: next.sensitive,
    });
    this.#scenario = scenario;
    this.#run = await runApp(this.#app, {
      variables: this.#app.variables,
      sensitive: [...this.#app.sensitive, ...scenario.sensitive],
      watchers: [scenario],
      stop: scenario.stopSignal,
    });
  }

  async judge(): Promise<CheckResult[]> {
    const run = ran(this.#run);
    // A program that was never built met no scenario: its checks fail as not run.
    const verdicts = run.outcome.kind === 'build-failed' ? undefined : this.#scenario?.verdicts(run);
    return inPlannedOrder(this.plannedChecks, await judgeApp(this.#app, run), verdicts);
  }

  async dispose(): Promise<void> {
    await this.#scenario?.dispose();
    await this.#app.dispose();
  }
}
