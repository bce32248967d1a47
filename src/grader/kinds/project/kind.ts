import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { ProjectDefinition } from '../../../course/project-schema.js';
import { oneLine, UserError } from '../../../util/errors.js';
import type { ChallengeKind, ChallengeKindFactory, GradeContext } from '../../challenge-kind.js';
import { inPlannedOrder, placeChecks, type PlannedCheck } from '../../planned-checks.js';
import type { CheckResult } from '../../report.js';
import { readSourceFiles } from '../../source/files.js';
import { checkTrackedEnvFiles } from '../../source/git-env.js';
import { findSourceHints } from '../../source/hints.js';
import type { SourceInspection } from '../../source/inspect.js';
import { ran, runApp, type AppRun } from '../vault-app/app-run.js';
import { AppSetup } from '../vault-app/app-setup.js';
import { judgeApp, plannedChecks } from '../vault-app/checks.js';
import { startGradingVault, type GradingVault } from '../vault-app/grading-vault.js';
import type { GeneratedSecrets } from '../vault-app/secrets.js';
import { setupPlan, setupVerdicts } from './setup-checks.js';
import { collectSetupEvidence, type SetupEvidence } from './setup-evidence.js';
import { findSetupScript, runSetupScript, type SetupScript } from './setup-script.js';
import { mintSetupToken } from './setup-token.js';
import { copyForSetup } from './setup-workspace.js';
import { adoptStoredState, readStoredSecrets } from './stored-state.js';
import { tlsVerdict } from './tls-check.js';
import { freePort, TlsProbe } from './tls-probe.js';

/**
 * `project` (challenge.yaml `project:`, the mini project): the learner brings a whole small
 * deployment, graded in two parts against one fresh Vault.
 *
 * - prepare: the Vault started, KV v2 at `secret/` as on any dev server, the setup script found;
 * - run, part 1: the learner's setup script runs in a private copy of their folder
 *   (setup-workspace.ts) with a token limited to the task (setup-token.ts), which is revoked when
 *   it ends; its state is judged by the challenge's setup steps, its output and its files checked
 *   for the values it stored (setup-evidence.ts);
 * - run, part 2: the app runs on top of that state — the grader only issues a role_id and a
 *   secret_id for the learner's role, as an orchestrator would — with PORT added; while it runs
 *   a TlsProbe knocks on 127.0.0.1:$PORT. When part 1 left nothing the app could log in to or
 *   read, the grader sets up a fresh Vault as the task describes instead, and says so, so that
 *   either part can be worked on first;
 * - judge: part 1's checks, then the standard checks with `serves-tls` after the reads.
 */
export const projectKind: ChallengeKindFactory<ChallengeDefinition> = (definition, context) =>
  new ProjectGrade(definition, projectOf(definition), context);

export function projectOf(definition: ChallengeDefinition): ProjectDefinition {
  if (!definition.project) throw new Error(`${definition.id} has no project section`);
  return definition.project;
}

/** Part 1's checks, then the standard checks with `serves-tls` after the reads. */
export function projectPlan(definition: ChallengeDefinition): PlannedCheck[] {
  const readIds = definition.reads.map((read) => read.id);
  const serves = {
    id: 'serves-tls',
    title: 'Serves HTTPS on PORT with the TLS certificate stored in Vault',
    position: 'after-reads' as const,
  };
  return [...setupPlan(definition), ...placeChecks(plannedChecks(definition), [serves], readIds)];
}

/** The checks of part 2 that ran on the learner's state and can fail because of it. */
const STATE_DEPENDENT = new Set(['login', 'serves-tls']);

class ProjectGrade implements ChallengeKind {
  readonly plannedChecks: PlannedCheck[];
  readonly #app: AppSetup;
  #setupVault: GradingVault | undefined;
  #provider = 'none';
  #script: SetupScript | undefined;
  #setup: SetupEvidence | undefined;
  #stored: GeneratedSecrets | undefined;
  #onYourState: { yours: true } | { yours: false; reason: string } | undefined;
  #probe: TlsProbe | undefined;
  #run: AppRun | undefined;

  constructor(
    private readonly definition: ChallengeDefinition,
    private readonly project: ProjectDefinition,
    private readonly context: GradeContext,
  ) {
    this.#app = new AppSetup(definition, context, () => this.#appSource());
    this.plannedChecks = projectPlan(definition);
  }

  get vault(): string {
    return this.#provider;
  }

  async prepare(): Promise<void> {
    const vault = await startGradingVault(this.context);
    this.#setupVault = vault;
    this.#provider = vault.provider;
    // As on any dev server (the learner's playground): KV version 2 at secret/.
    await vault.admin.enableKvV2(this.definition.mount).catch((error: unknown) => {
      throw new UserError(`could not set up the grading Vault: ${oneLine(error)}`);
    });
    this.#script = await findSetupScript(this.context.dir);
  }

  async run(): Promise<void> {
    await this.#partOne();
    await this.#partTwo();
  }

  async judge(): Promise<CheckResult[]> {
    const run = ran(this.#run);
    const setup = prepared(this.#setup);
    const verdicts = setupVerdicts(setup, this.definition, this.context.timeoutSeconds);
    const { tls } = this.project;
    // The certificate Vault holds now, at grading time.
    const stored = await this.#app.vault.admin.kvGet(this.definition.mount, tls.path).catch(() => undefined);
    const certificate = stored?.data[tls.certificate];
    verdicts.set(
      'serves-tls',
      tlsVerdict({
        probe: prepared(this.#probe),
        outcome: run.outcome,
        tls,
        mount: this.definition.mount,
        stored: typeof certificate === 'string' ? certificate : undefined,
        timeoutSeconds: this.context.timeoutSeconds,
      }),
    );
    const checks = inPlannedOrder(this.plannedChecks, await judgeApp(this.#app, run), verdicts);
    return this.#saySetupBehind(checks, setup);
  }

  async dispose(): Promise<void> {
    this.#probe?.finish();
    await this.#app.dispose();
    await this.#setupVault?.stop();
  }

  /** The learner's setup script, with a token of its own, on the fresh Vault; its evidence taken at once. */
  async #partOne(): Promise<void> {
    const vault = prepared(this.#setupVault);
    const { context, definition } = this;
    const workspace = await copyForSetup(context.dir);
    try {
      const before = await readSourceFiles(workspace.dir);
      const token = await mintSetupToken(vault, definition.id, this.project.setupPolicy, context.timeoutSeconds).catch(
        (error: unknown) => {
          throw new UserError(`could not set up the grading Vault: ${oneLine(error)}`);
        },
      );
      let outcome;
      try {
        outcome = await runSetupScript(context, this.#script, { cwd: workspace.dir, variables: token.variables });
      } finally {
        await token.revoke().catch(() => undefined);
      }
      this.#stored = await readStoredSecrets(vault, definition);
      const [after, findings] = await Promise.all([
        readSourceFiles(workspace.dir),
        context.scanner.scanFolder(workspace.dir),
      ]);
      this.#setup = await collectSetupEvidence({
        context,
        definition,
        vault,
        outcome,
        sensitive: [...this.#stored.sensitive, { name: 'its token (VAULT_TOKEN)', value: token.value }],
        before,
        after,
        findings,
      });
    } finally {
      await workspace.remove();
    }
    const held = this.#setup.steps.filter((step) => step.outcome.done).length;
    context.emit({
      type: 'status',
      message: `part 1: ${held} of ${this.#setup.steps.length} setup checks hold in the Vault your setup script left`,
    });
  }

  /** The app on the learner's state (or, when there is none to run on, on one the grader sets up), with the probe. */
  async #partTwo(): Promise<void> {
    const vault = prepared(this.#setupVault);
    const adopted = await adoptStoredState(vault, this.definition, prepared(this.#stored));
    if ('reason' in adopted) {
      this.#onYourState = { yours: false, reason: adopted.reason };
      this.context.emit({
        type: 'status',
        message: `part 2: ${adopted.reason}, so your app runs on a fresh Vault the grader sets up as the task describes`,
      });
      this.#setupVault = undefined;
      await vault.stop();
      await this.#app.prepare();
    } else {
      this.#onYourState = { yours: true };
      this.context.emit({ type: 'status', message: 'part 2: your app runs on the Vault your setup script configured' });
      // The app's setup owns the Vault from here, and stops it.
      this.#setupVault = undefined;
      this.#app.prepareOn(vault, adopted.secrets, adopted.credentials);
    }
    const port = await freePort();
    this.#probe = new TlsProbe(port, this.project.tls.serverName);
    try {
      this.#run = await runApp(this.#app, {
        variables: { ...this.#app.variables, PORT: String(port) },
        sensitive: this.#app.sensitive,
        watchers: [this.#probe],
      });
    } finally {
      this.#probe.finish();
    }
  }

  /** What the app's source checks judge: the learner's folder without the setup script (part 1's). */
  async #appSource(): Promise<SourceInspection> {
    const { dir, scanner } = this.context;
    const script = this.#script?.file;
    const [findings, files, envFiles] = await Promise.all([
      scanner.scanFolder(dir),
      readSourceFiles(dir),
      checkTrackedEnvFiles(dir),
    ]);
    return {
      findings: findings.filter((finding) => finding.file !== script),
      envFiles,
      hints: findSourceHints(files.filter((file) => file.path !== script)),
    };
  }

  /** Part 2's checks say which Vault they ran on, and point back at part 1 when its state is why they failed. */
  #saySetupBehind(checks: CheckResult[], setup: SetupEvidence): CheckResult[] {
    const where = prepared(this.#onYourState);
    const readIds = new Set(this.definition.reads.map((read) => read.id));
    const failedSteps = setup.steps.filter((step) => !step.outcome.done).map((step) => `\`${step.id}\``);
    return checks.map((check) => {
      if (check.id === 'login') {
        const on = where.yours
          ? 'on the Vault your setup script configured'
          : `on a Vault the grader set up (${where.reason})`;
        check = { ...check, detail: `${check.detail} — ${on}` };
      }
      const dependent = STATE_DEPENDENT.has(check.id) || readIds.has(check.id);
      if (check.passed || !dependent || !where.yours || failedSteps.length === 0) return check;
      return {
        ...check,
        hint: `${check.hint} This ran on the Vault your setup script configured, where part 1 found problems (${failedSteps.join(', ')}): fix those first.`,
      };
    });
  }
}

function prepared<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the project grade has not got this far');
  return value;
}
