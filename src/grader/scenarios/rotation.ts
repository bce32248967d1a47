import type { ChallengeDefinition } from '../../course/challenge-schema.js';
import type { RotationScenarioDefinition } from '../../course/scenario-schema.js';
import type { AuditEntry } from '../../vault/audit/entry.js';
import { VaultAdmin } from '../../vault/admin-client.js';
import { oneLine } from '../../util/errors.js';
import { generateSecrets, type KnownSecret } from '../secrets.js';
import { AppTokens, auditTime, durationSeconds, versionOf, type AppRequest } from './app-tokens.js';
import { rotationVerdicts, type RotationTimeline } from './rotation-checks.js';
import type {
  PlannedScenarioCheck,
  RunControl,
  Scenario,
  ScenarioEvaluation,
  ScenarioRun,
  ScenarioSetup,
  Verdict,
} from './types.js';

/**
 * `rotation`: the app keeps working while its secret and its token change under it.
 *
 * Timeline (server time, from the audit log):
 * 1. The program logs in (L1) and reads the secret (version 1).
 * 2. `rotateAfterSeconds` later the grader writes version 2 (R). The program must read it by R + window.
 * 3. The first token cannot live past L1 + token_max_ttl (E) — renewals or not. On a real server
 *    the grader simply waits for E. On the embedded server, whose clock the grader owns, it
 *    fast-forwards the clock by token_max_ttl + 1 s as soon as the new version has been read (or
 *    the window is over): every token issued so far is then expired, as if the app had been
 *    paused. Either way the program must read again after E with a token from a new login.
 * 4. Done when both reads have been seen (then the usual grace period), or once both windows
 *    (R + window, E + window) are over.
 *
 * The program sleeps in real time and the embedded clock otherwise follows real time, so a
 * program that re-reads every few seconds, renews or logs in again before its TTL runs out and
 * logs in again on a 403 passes on both kinds of server.
 */
export const rotationScenario: Scenario = {
  plannedChecks(definition: ChallengeDefinition): PlannedScenarioCheck[] {
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
  },

  async prepare(setup: ScenarioSetup): Promise<ScenarioRun> {
    const scenario = rotationOf(setup.definition);
    const secret = setup.definition.secrets.find((candidate) => candidate.path === scenario.path)!;
    // The next version's values are made now, so the leak detector knows them from the start.
    const next = await generateSecrets({ ...setup.definition, secrets: [secret] });
    const rootHash = await setup.vault.auditTrail!.hash(setup.vault.rootToken);
    return new RotationRun(setup, scenario, next.secrets[0]!.data, next.sensitive, rootHash);
  },
};

export function rotationOf(definition: ChallengeDefinition): RotationScenarioDefinition {
  if (definition.scenario?.type !== 'rotation') throw new Error(`${definition.id} has no rotation scenario`);
  return definition.scenario;
}

class RotationRun implements ScenarioRun {
  readonly env = {};
  readonly sensitive: KnownSecret[];
  readonly timeline: RotationTimeline = {};
  readonly #tokens: AppTokens;
  readonly #admin: VaultAdmin;
  readonly #path: string;
  readonly #maxTtlSeconds: number;
  readonly #timers = new Set<NodeJS.Timeout>();
  #control: RunControl | undefined;
  #rotating: Promise<void> | undefined;
  #disposed = false;
  #expiryScheduled = false;
  #newVersionRead = false;
  #readAfterExpiry = false;
  /** The rotation's window and the expiry's window are over: the program has had every chance. */
  readonly #over = { rotation: false, expiry: false };

  constructor(
    private readonly setup: ScenarioSetup,
    private readonly scenario: RotationScenarioDefinition,
    private readonly nextData: Record<string, string>,
    nextSensitive: KnownSecret[],
    private readonly rootHash: string,
  ) {
    this.sensitive = nextSensitive.map((known) => ({ ...known, label: `${known.label} (the rotated version)` }));
    this.#tokens = new AppTokens(setup.credentials.roleIdHash);
    this.#admin = new VaultAdmin(setup.vault.address, setup.vault.rootToken);
    this.#path = `${setup.definition.mount}/data/${scenario.path}`;
    this.#maxTtlSeconds = durationSeconds(setup.definition.role.tokenMaxTtl);
  }

  started(control: RunControl): void {
    this.#control = control;
  }

  isOwnEntry(entry: AuditEntry): boolean {
    return entry.auth?.client_token === this.rootHash || entry.request.client_token === this.rootHash;
  }

  observe(entry: AuditEntry): void {
    if (this.isOwnEntry(entry)) return;
    const request = this.#tokens.add(entry);
    if (!request) return;
    const firstLogin = this.#tokens.firstLogin;
    if (firstLogin && !this.#expiryScheduled) this.#scheduleMaxTtl(firstLogin.time);
    if (!this.#isGoodRead(request)) return;
    if (!this.timeline.firstRead) {
      this.timeline.firstRead = request;
      this.#after(this.scenario.rotateAfterSeconds * 1000, () => this.#rotate());
    }
    this.#noteRead(request);
  }

  complete(): boolean {
    return this.#newVersionRead && this.#readAfterExpiry;
  }

  evaluate(input: ScenarioEvaluation): Map<string, Verdict> {
    // The final trail is authoritative (the live subscription may have lagged behind the stop).
    const tokens = new AppTokens(this.setup.credentials.roleIdHash);
    for (const entry of input.entries) tokens.add(entry);
    return rotationVerdicts({
      definition: this.setup.definition,
      scenario: this.scenario,
      maxTtlSeconds: this.#maxTtlSeconds,
      tokens,
      timeline: this.timeline,
      outcome: input.outcome,
      complete: this.complete(),
    });
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await this.#rotating;
  }

  /** Kept up to date read by read, so that deciding completion costs nothing per audit entry. */
  #noteRead(read: AppRequest): void {
    if (!this.#newVersionRead && this.#readsNewVersion(read)) {
      this.#newVersionRead = true;
      this.#fastForward();
    }
    const expiry = this.timeline.expiry;
    if (expiry && read.time > expiry.time && read.login!.index > 0) this.#readAfterExpiry = true;
  }

  /** A real server: the first token ends at L1 + token_max_ttl, whatever the program does. */
  #scheduleMaxTtl(firstLogin: number): void {
    this.#expiryScheduled = true;
    if (this.setup.vault.clock) return; // the embedded server: fast-forward instead (below)
    const time = firstLogin + this.#maxTtlSeconds * 1000;
    this.#after(time - Date.now(), () => {
      this.timeline.expiry = { time, how: 'max-ttl' };
      this.setup.emit({
        type: 'status',
        message: `its first token has reached token_max_ttl (${this.#maxTtlSeconds} s): every request with it is refused from now on`,
      });
      this.#after(this.scenario.windowSeconds * 1000, () => this.#windowOver('expiry'));
    });
  }

  /** The embedded server: skip the wait for the token's end by moving the server's clock. */
  #fastForward(): void {
    const clock = this.setup.vault.clock;
    if (!clock || this.timeline.expiry || !this.timeline.rotation || this.#disposed) return;
    const advancedSeconds = this.#maxTtlSeconds + 1;
    clock.advance(advancedSeconds * 1000);
    this.timeline.expiry = { time: clock.now(), how: 'fast-forward', advancedSeconds };
    this.setup.emit({
      type: 'status',
      message: `fast-forwarded the server's clock by ${advancedSeconds} s (past token_max_ttl): every token issued so far has expired`,
    });
    this.#after(this.scenario.windowSeconds * 1000, () => this.#windowOver('expiry'));
  }

  /** Stop the program once both windows are over (not before: a late first read still gets its rotation). */
  #windowOver(which: 'rotation' | 'expiry'): void {
    this.#over[which] = true;
    if (this.#over.rotation && this.#over.expiry) this.#control?.stop();
  }

  #rotate(): void {
    this.#rotating = (async () => {
      try {
        const response = await this.#writeNextVersion();
        if (this.#disposed || !response) return;
        const time = auditTime(response.data.created_time) || (this.setup.vault.clock?.now() ?? Date.now());
        this.timeline.rotation = { time, version: response.data.version };
        this.setup.emit({
          type: 'status',
          message: `rotated: wrote version ${response.data.version} of ${this.#path} (the program has ${this.scenario.windowSeconds} s to read it)`,
        });
        // If the new version is not read in time, the token part of the scenario still runs.
        this.#after(this.scenario.windowSeconds * 1000, () => {
          this.#fastForward();
          this.#windowOver('rotation');
        });
        // The program may have read it before this answer came back.
        for (const request of this.#tokens.requests) if (this.#isGoodRead(request)) this.#noteRead(request);
      } catch (error) {
        if (this.#disposed) return;
        this.timeline.rotationError = oneLine(error);
        this.setup.emit({ type: 'status', message: `could not rotate ${this.#path}: ${oneLine(error)}` });
        this.#control?.stop(); // the scenario cannot go on: report now rather than at the timeout
      }
    })();
  }

  /** A few tries: a dev server's storage can refuse a write that races another ("transaction commit failed"). */
  async #writeNextVersion() {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#admin.write<{ version: number; created_time: string }>(this.#path, { data: this.nextData });
      } catch (error) {
        if (attempt >= 3 || this.#disposed) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  #isGoodRead(request: AppRequest): boolean {
    return (
      request.success && request.login !== undefined && request.operation === 'read' && request.path === this.#path
    );
  }

  #readsNewVersion(request: AppRequest): boolean {
    const rotation = this.timeline.rotation;
    return rotation !== undefined && request.time >= rotation.time && versionOf(request) >= rotation.version;
  }

  #after(ms: number, run: () => void): void {
    if (this.#disposed) return;
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        if (!this.#disposed) run();
      },
      Math.max(0, ms),
    );
    timer.unref();
    this.#timers.add(timer);
  }
}
