import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadChallenge } from '../course/challenges.js';
import { isScannerChallenge } from '../course/scanner-challenge-schema.js';
import { registerCleanup } from '../util/cleanup.js';
import { oneLine, UserError } from '../util/errors.js';
import type { ProviderChoice, RunningVault } from '../vault/provider.js';
import { startVault } from '../vault/select.js';
import { buildDirFor, serialiseBuild } from './build-cache.js';
import { runBuild } from './build.js';
import { evaluateChecks, plannedChecks, type ProgramOutcome } from './checks.js';
import { detectCommand, DETECTION_HELP } from './detect.js';
import { collectEvidence, EvidenceCollector } from './evidence.js';
import { checkTrackedEnvFiles } from './git-env.js';
import { createLeakDetector } from './leak-adapter.js';
import { OutputCollector } from './output.js';
import type { CreateLeakDetector, SourceScanner } from './ports.js';
import { programEnvironment } from './program-env.js';
import { provision } from './provision.js';
import { LineRedactor } from './redact.js';
import type { CheckResult, GradeEvent, GradeReport } from './report.js';
import type { AuditEntry } from '../vault/audit/entry.js';
import { runProgram, type RunningProgram } from './run-program.js';
import { scanSource } from './source-check.js';
import { generateSecrets } from './secrets.js';
import { insertBeforeExit, logCheckPlan, LogLineWatcher } from './log-lines.js';
import { gradeScanner } from './modes/scanner.js';
import { sourceScanner as defaultSourceScanner } from './scan-adapter.js';
import {
  applyScenarioEnv,
  applyScenarioVerdicts,
  scenarioOf,
  withoutProvidedVariables,
  withScenarioChecks,
  type ScenarioRun,
} from './scenarios/index.js';

/**
 * provision → run the learner's program → collect evidence from the audit trail → checks → report.
 * The UI and the `grade` command both call this; it never touches the terminal itself.
 */
export interface GradeOptions {
  challengeId: string;
  /** The learner's folder. */
  dir: string;
  /** Overrides the detected command (`--cmd`). */
  cmd?: string;
  vault?: ProviderChoice;
  vaultBinary?: string;
  timeoutSeconds?: number;
  signal?: AbortSignal;
  onEvent?: (event: GradeEvent) => void;
  /** Where challenges live (tests); the shipped challenges/ by default. */
  challengesRoot?: string;
  /** How long a program that has done every read may keep running before it is stopped. */
  graceMs?: number;
  /** The scanner's pieces (src/scanner); the stand-ins in leak-adapter.ts / scan-adapter.ts by default. */
  createLeakDetector?: CreateLeakDetector;
  sourceScanner?: SourceScanner;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_GRACE_MS = 750;

export async function gradeChallenge(options: GradeOptions): Promise<GradeReport> {
  const started = Date.now();
  const emit = (event: GradeEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A broken listener must not break the grade.
    }
  };
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (!(timeoutSeconds > 0) || !Number.isFinite(timeoutSeconds))
    throw new UserError(`--timeout must be a positive number of seconds, not ${timeoutSeconds}`);
  const { definition } = await loadChallenge(options.challengeId, options.challengesRoot);
  const dir = resolve(options.dir);
  if (
    !(await stat(dir).then(
      (info) => info.isDirectory(),
      () => false,
    ))
  )
    throw new UserError(`${dir} is not a folder`);
  // A scanner challenge needs no Vault: its own mode (modes/scanner.ts).
  if (isScannerChallenge(definition))
    return gradeScanner({ ...options, dir, timeoutSeconds }, definition, emit, started);

  const buildDir = buildDirFor(dir);
  const plan = await detectCommand(dir, { cmd: options.cmd, buildDir });
  if (!plan) throw new UserError(`nothing to run in ${dir}: ${DETECTION_HELP}`);
  emit({ type: 'status', message: `command: ${plan.description}` });
  const scenario = scenarioOf(definition);
  const planned = withScenarioChecks(insertBeforeExit(plannedChecks(definition), logCheckPlan(definition)), definition);
  for (const check of planned) emit({ type: 'check-pending', id: check.id, title: check.title });

  // Never the learner's playground: `auto` ignores VAULT_ADDR; a shared Vault only when asked for by name.
  const choice = options.vault ?? 'auto';
  // startVault: with `auto`, a provider that fails to start is reported and the next one tried.
  const starting = startVault(choice, {
    binary: options.vaultBinary,
    allowExternal: choice === 'external',
    audit: true,
    signal: options.signal,
    onProgress: (message) => emit({ type: 'status', message }),
  });
  starting.catch(() => undefined);
  // Independent work in parallel with the server's start: key generation, the build, the source checks.
  const secretsPromise = generateSecrets(definition);
  const buildPromise = plan.build
    ? serialiseBuild(buildDir, () => runBuild(plan, dir, buildDir, emit))
    : Promise.resolve(undefined);
  const sourcePromise = scanSource(dir, options.sourceScanner ?? defaultSourceScanner);
  const envPromise = checkTrackedEnvFiles(dir);
  for (const promise of [secretsPromise, buildPromise, sourcePromise, envPromise]) promise.catch(() => undefined);

  let vault: RunningVault;
  try {
    const started = await starting;
    vault = started.vault;
    emit({ type: 'status', message: `vault: ${started.selection.reason}` });
  } catch (error) {
    throw new UserError(`could not start a Vault: ${oneLine(error)}`);
  }
  const unregister = registerCleanup(() => vault.stop());
  let scenarioRun: ScenarioRun | undefined;
  try {
    const trail = vault.auditTrail;
    if (!trail) throw new UserError(`the ${vault.provider} Vault has no audit trail, so nothing can be checked`);
    const generated = await secretsPromise;
    const credentials = await provision(vault, definition, generated.secrets).catch((error: unknown) => {
      throw new UserError(`could not set up the grading Vault: ${oneLine(error)}`);
    });
    const build = await buildPromise;
    // A scenario's own setup comes last, right before the program starts (a wrapping token's TTL runs from here).
    if (scenario && !(build && !build.ok)) {
      scenarioRun = await scenario.prepare({ vault, definition, credentials, emit }).catch((error: unknown) => {
        throw new UserError(`could not set up the grading Vault: ${oneLine(error)}`);
      });
    }
    const known = [
      ...generated.sensitive,
      { label: 'the secret_id (VAULT_SECRET_ID)', value: credentials.secretId },
      ...(scenarioRun?.sensitive ?? []),
    ];
    const create = options.createLeakDetector ?? createLeakDetector;
    const output = new OutputCollector({
      detector: create(known),
      redactor: new LineRedactor(create, known),
      onLine: (stream, line) => emit({ type: 'program-output', stream, line }),
    });
    const evidenceOptions = { mount: definition.mount, reads: definition.reads, roleIdHash: credentials.roleIdHash };
    const baseline = (await trail.entries()).length;
    let stopWhenDone = () => {};
    const logLines = definition.logs
      ? new LogLineWatcher({ ...definition, logs: definition.logs }, generated.secrets, () => stopWhenDone())
      : undefined;

    const isOwn = (entry: AuditEntry) => scenarioRun?.isOwnEntry(entry) ?? false;

    let outcome: ProgramOutcome;
    if (build && !build.ok) {
      outcome = { kind: 'build-failed', message: build.message };
    } else {
      emit({ type: 'status', message: `running: ${plan.command} (timeout ${timeoutSeconds} s)` });
      const live = new EvidenceCollector(evidenceOptions);
      const shownLive = new Set<string>();
      let running: RunningProgram | undefined;
      let graceTimer: NodeJS.Timeout | undefined;
      // Done once every read is seen (or the scenario says so; with `logs`, also enough request
      // lines): then a grace period.
      stopWhenDone = () => {
        const readsDone = scenarioRun?.complete ? scenarioRun.complete() : live.allReadsSeen;
        if (readsDone && (logLines?.satisfied ?? true) && !graceTimer)
          graceTimer = setTimeout(() => void running?.stop(), options.graceMs ?? DEFAULT_GRACE_MS);
      };
      const unsubscribe = trail.subscribe((entry) => {
        if (isOwn(entry)) return;
        live.add(entry);
        scenarioRun?.observe(entry);
        announceLive(live, definition.mount, definition.reads, shownLive, emit);
        stopWhenDone();
      });
      const onAbort = () => void running?.stop();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        running = runProgram({
          command: plan.command,
          cwd: dir,
          env: applyScenarioEnv(
            programEnvironment(
              { VAULT_ADDR: vault.address, VAULT_ROLE_ID: credentials.roleId, VAULT_SECRET_ID: credentials.secretId },
              { pathPrefix: plan.pathPrefix },
            ),
            scenarioRun?.env ?? {},
          ),
          timeoutMs: timeoutSeconds * 1000,
          onOutput: (stream, chunk) => {
            output.write(stream, chunk);
            logLines?.write(stream, chunk);
          },
        });
        scenarioRun?.started({ stop: () => void running?.stop() });
        const result = await running.result;
        output.finish();
        logLines?.finish();
        options.signal?.throwIfAborted();
        outcome = result.spawnError
          ? { kind: 'spawn-failed', message: result.spawnError }
          : { kind: 'ran', result, allReadsSeen: false };
      } finally {
        clearTimeout(graceTimer);
        unsubscribe();
        options.signal?.removeEventListener('abort', onAbort);
      }
    }

    const entries = (await trail.entries()).slice(baseline).filter((entry) => !isOwn(entry));
    const evidence = collectEvidence(entries, evidenceOptions);
    if (outcome.kind === 'ran') outcome.allReadsSeen = definition.reads.every((read) => evidence.reads.has(read.id));
    const source = await sourcePromise;
    const standardChecks = evaluateChecks({
      definition,
      evidence,
      outcome,
      timeoutSeconds,
      lastErrorLine: output.lastLine(),
      leaks: output.leaks(),
      sourceFindings: source.findings,
      envFiles: await envPromise,
      hints: scenarioRun ? withoutProvidedVariables(source.hints, scenarioRun.env) : source.hints,
    });
    const withLogLines = logLines
      ? insertBeforeExit(standardChecks, logLines.checks(new Map(planned.map((check) => [check.id, check.title]))))
      : standardChecks;
    const checks = scenario
      ? applyScenarioVerdicts(withLogLines, planned, scenarioRun?.evaluate({ entries, outcome }) ?? new Map())
      : withLogLines;
    for (const check of checks) emit({ type: 'check-done', check });
    const report: GradeReport = {
      challenge: definition.id,
      passed: checks.every((check) => check.passed),
      vault: vault.provider,
      durationMs: Date.now() - started,
      checks,
    };
    emit({ type: 'finished', report });
    return report;
  } finally {
    await scenarioRun?.dispose();
    unregister();
    await vault.stop();
  }
}

/** Live ticks for the checklist: a login or a read, once seen, cannot un-happen. */
function announceLive(
  live: EvidenceCollector,
  mountOf: string,
  reads: readonly { id: string; path: string }[],
  shown: Set<string>,
  emit: (event: GradeEvent) => void,
): void {
  const login = live.evidence.logins.find((attempt) => attempt.success && attempt.issuedRole);
  if (login && !shown.has('login')) {
    shown.add('login');
    emit({ type: 'status', message: 'seen: AppRole login with the issued credentials' });
  }
  for (const read of reads) {
    if (live.evidence.reads.has(read.id) && !shown.has(read.id)) {
      shown.add(read.id);
      emit({ type: 'status', message: `seen: read of ${mountOf}/data/${read.path}` });
    }
  }
}

export type { CheckResult, GradeEvent, GradeReport };
