import type { AuditEntry } from '../../../vault/audit/entry.js';
import { OutputCollector } from '../../program/output.js';
import { LineRedactor } from '../../program/output-redactor.js';
import type { OutputStream, RunningProgram } from '../../program/run-program.js';
import type { KnownSecret } from '../../scanner-port.js';
import type { AppSetup } from './app-setup.js';
import type { ProgramOutcome } from './checks.js';
import { EvidenceCollector, type Evidence, type EvidenceOptions } from './evidence.js';

/**
 * The `run` step every kind with a program against Vault shares: the program runs once against
 * the grading Vault while the grader follows the audit trail live (the checklist ticks `login`
 * and each read as they happen) and passes every byte it prints through the leak detector. It is
 * done when it exits, at the timeout, or once every read is seen and every watcher is satisfied:
 * then, after a short grace period, it is stopped (a server that keeps running passes).
 *
 * The evidence that is judged is every entry the trail delivered from the program's start until
 * everything the server audited had come through (the live view can lag behind): the program's
 * own entries, the grader's left out.
 */
export interface AppRunOptions {
  /** Added to the program's minimal environment. */
  variables: Readonly<Record<string, string>>;
  /** Values it must not print, in any encoding. */
  sensitive: readonly KnownSecret[];
  /** What else follows this run (log lines, a rotation): the program is done when all are satisfied. */
  watchers?: readonly RunWatcher[];
  /** Ends the run early (a scenario's own deadline); the program counts as stopped by the grader. */
  stop?: AbortSignal;
}

/** Follows a run besides the reads: sees the program's audit entries and output, and says when it has seen enough. */
export interface RunWatcher {
  onAuditEntry?(entry: AuditEntry): void;
  onOutput?(stream: OutputStream, chunk: string): void;
  /** Called once, right before the program starts: `changed` says `satisfied` may have changed on its own (a probe's answer). */
  watch?(changed: () => void): void;
  readonly satisfied: boolean;
}

export interface AppRun {
  /** What the program was given besides the minimal environment. */
  variables: Readonly<Record<string, string>>;
  outcome: ProgramOutcome;
  /** The program's audit entries (request and response entries), the grader's own left out. */
  entries: AuditEntry[];
  evidence: Evidence;
  /** Its output: leaks found, the line that best says why it ended. */
  output: OutputCollector;
}

export async function runApp(app: AppSetup, options: AppRunOptions): Promise<AppRun> {
  const { context, definition, vault } = app;
  const create = context.scanner.createLeakDetector;
  const output = new OutputCollector({
    detector: create(options.sensitive),
    redactor: new LineRedactor(create, options.sensitive),
    onLine: (stream, line) => context.emit({ type: 'program-output', stream, line }),
  });
  const evidenceOptions: EvidenceOptions = {
    mount: definition.mount,
    reads: definition.reads,
    roleIdHash: app.credentials.roleIdHash,
  };
  // Everything audited before this point (provisioning) has been read: the subscription below
  // sees only what comes after, every entry of it, however many (never a trimmed list).
  await vault.trail.entries();
  const entries: AuditEntry[] = [];
  const judged = new EvidenceCollector(evidenceOptions);
  const unsubscribe = vault.trail.subscribe((entry) => {
    if (vault.isGraderEntry(entry)) return;
    entries.push(entry);
    judged.add(entry);
  });
  let outcome: ProgramOutcome;
  try {
    const build = await context.program.build();
    outcome =
      build && !build.ok
        ? { kind: 'build-failed', message: build.message }
        : await followProgram(app, options, output, evidenceOptions);
    // The live view can lag behind the server: wait until everything it audited has come through.
    await vault.trail.entries();
  } finally {
    unsubscribe();
  }
  const { evidence } = judged;
  if (outcome.kind === 'ran') outcome.allReadsSeen = definition.reads.every((read) => evidence.reads.has(read.id));
  return { variables: options.variables, outcome, entries, evidence, output };
}

/** The run's result, once `run` has happened (the pipeline judges only after it). */
export function ran(run: AppRun | undefined): AppRun {
  if (!run) throw new Error('judge before run');
  return run;
}

async function followProgram(
  app: AppSetup,
  options: AppRunOptions,
  output: OutputCollector,
  evidenceOptions: EvidenceOptions,
): Promise<ProgramOutcome> {
  const { context, vault } = app;
  const { program } = context;
  const watchers = options.watchers ?? [];
  context.emit({ type: 'status', message: `running: ${program.plan.command} (timeout ${context.timeoutSeconds} s)` });
  const live = new EvidenceCollector(evidenceOptions);
  const announce = liveAnnouncer(app, live);
  let running: RunningProgram | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  const stopWhenDone = () => {
    if (graceTimer || !live.allReadsSeen || !watchers.every((watcher) => watcher.satisfied)) return;
    graceTimer = setTimeout(() => void running?.stop(), context.graceMs);
  };
  const unsubscribe = vault.trail.subscribe((entry) => {
    if (vault.isGraderEntry(entry)) return;
    live.add(entry);
    for (const watcher of watchers) watcher.onAuditEntry?.(entry);
    announce();
    stopWhenDone();
  });
  const onStop = () => void running?.stop();
  options.stop?.addEventListener('abort', onStop, { once: true });
  for (const watcher of watchers) watcher.watch?.(stopWhenDone);
  try {
    running = program.start({
      variables: options.variables,
      onOutput: (stream, chunk) => {
        output.write(stream, chunk);
        for (const watcher of watchers) watcher.onOutput?.(stream, chunk);
        stopWhenDone();
      },
    });
    if (options.stop?.aborted) onStop();
    const result = await running.result;
    output.finish();
    return result.spawnError
      ? { kind: 'spawn-failed', message: result.spawnError }
      : { kind: 'ran', result, allReadsSeen: false };
  } finally {
    clearTimeout(graceTimer);
    unsubscribe();
    options.stop?.removeEventListener('abort', onStop);
  }
}

/** Live ticks for the checklist: a login or a read, once seen, cannot un-happen. */
function liveAnnouncer(app: AppSetup, live: EvidenceCollector): () => void {
  const { mount, reads } = app.definition;
  const shown = new Set<string>();
  return () => {
    const login = live.evidence.logins.find((attempt) => attempt.success && attempt.issuedRole);
    if (login && !shown.has('login')) {
      shown.add('login');
      app.context.emit({ type: 'status', message: 'seen: AppRole login with the issued credentials' });
    }
    for (const read of reads) {
      if (live.evidence.reads.has(read.id) && !shown.has(read.id)) {
        shown.add(read.id);
        app.context.emit({ type: 'status', message: `seen: read of ${mount}/data/${read.path}` });
      }
    }
  };
}
