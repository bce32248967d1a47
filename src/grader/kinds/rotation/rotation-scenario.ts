import type { ChallengeDefinition } from '../../../course/challenge-schema.js';
import type { RotationScenarioDefinition } from '../../../course/scenario-schema.js';
import { oneLine } from '../../../util/errors.js';
import type { AuditEntry } from '../../../vault/audit/entry.js';
import type { Verdict } from '../../planned-checks.js';
import type { KnownSecret } from '../../scanner-port.js';
import type { AppRun, RunWatcher } from '../vault-app/app-run.js';
import type { AppSetup } from '../vault-app/app-setup.js';
import { AppTokens, auditTime, durationSeconds, versionOf, type AppRequest } from '../vault-app/app-tokens.js';
import { rotationVerdicts, type RotationTimeline } from './rotation-checks.js';

/**
 * What the grader does to a rotation app while it runs, and what it saw: the app keeps working
 * while its secret and its token change under it.
 *
 * Timeline (server time, from the audit log):
 * 1. The program logs in (L1) and reads the secret (version 1).
 * 2. `rotateAfterSeconds` later the grader writes version 2 (R). The program must read it by R + window.
 * 3. The first token cannot live past L1 + token_max_ttl (E) — renewals or not. On a real server
 *    the grader simply waits for E. On the embedded server, whose clock the grader owns, it
 *    fast-forwards the clock by token_max_ttl + 1 s as soon as the new version has been read (or
 *    the window is over): every token issued so far is then expired, as if the app had been
 *    paused. Either way the program must read again after E with a token from a new login.
 * 4. Satisfied once both reads have been seen (the run then stops the program after the usual
 *    grace period); or it stops the program itself once both windows (R + window, E + window)
 *    are over.
 *
 * The program sleeps in real time and the embedded clock otherwise follows real time, so a
 * program that re-reads every few seconds, renews or logs in again before its TTL runs out and
 * logs in again on a 403 passes on both kinds of server.
 */
export function rotationOf(definition: ChallengeDefinition): RotationScenarioDefinition {
  if (definition.scenario?.type !== 'rotation') throw new Error(`${definition.id} has no rotation scenario`);
  return definition.scenario;
}

export class RotationScenario implements RunWatcher {
  readonly timeline: RotationTimeline = {};
  /** The program's next values: known to the leak detector from the start. */
  readonly sensitive: KnownSecret[];
  readonly #stop = new AbortController();
  readonly #tokens: AppTokens;
  readonly #path: string;
  readonly #maxTtlSeconds: number;
  readonly #timers = new Set<NodeJS.Timeout>();
  #rotating: Promise<void> | undefined;
  #disposed = false;
  #expiryScheduled = false;
  #newVersionRead = false;
  #readAfterExpiry = false;
  /** The rotation's window and the expiry's window are over: the program has had every chance. */
  readonly #over = { rotation: false, expiry: false };

  constructor(
    private readonly app: AppSetup,
    private readonly scenario: RotationScenarioDefinition,
    /** The values of the version the grader writes. */
    private readonly next: { data: Record<string, string>; sensitive: readonly KnownSecret[] },
  ) {
    this.sensitive = next.sensitive.map((known) => ({ ...known, name: `${known.name} (the rotated version)` }));
    this.#tokens = new AppTokens(app.credentials.roleIdHash);
    this.#path = `${app.definition.mount}/data/${scenario.path}`;
    this.#maxTtlSeconds = durationSeconds(app.definition.role.tokenMaxTtl);
  }

  /** Aborted when the scenario ends the run itself (both windows over, or the rotation failed). */
  get stopSignal(): AbortSignal {
    return this.#stop.signal;
  }

  /** Both the new version and a read after the first token's end have been seen. */
  get satisfied(): boolean {
    return this.#newVersionRead && this.#readAfterExpiry;
  }

  onAuditEntry(entry: AuditEntry): void {
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

  /** The scenario's checks and `exit` replaced, from the final trail (the live view may have lagged behind the stop). */
  verdicts(run: AppRun): Map<string, Verdict> {
    const tokens = new AppTokens(this.app.credentials.roleIdHash);
    for (const entry of run.entries) tokens.add(entry);
    return rotationVerdicts({
      definition: this.app.definition,
      scenario: this.scenario,
      maxTtlSeconds: this.#maxTtlSeconds,
      tokens,
      timeline: this.timeline,
      outcome: run.outcome,
      complete: this.satisfied,
    });
  }

  /** Stop the timers and wait for a rotation under way; idempotent. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await this.#rotating;
  }

  /** Kept up to date read by read, so that `satisfied` costs nothing per audit entry. */
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
    if (this.app.vault.clock) return; // the embedded server: fast-forward instead (below)
    const time = firstLogin + this.#maxTtlSeconds * 1000;
    this.#after(time - Date.now(), () => {
      this.timeline.expiry = { time, how: 'max-ttl' };
      this.#status(
        `its first token has reached token_max_ttl (${this.#maxTtlSeconds} s): every request with it is refused from now on`,
      );
      this.#after(this.scenario.windowSeconds * 1000, () => this.#windowOver('expiry'));
    });
  }

  /** The embedded server: skip the wait for the token's end by moving the server's clock. */
  #fastForward(): void {
    const clock = this.app.vault.clock;
    if (!clock || this.timeline.expiry || !this.timeline.rotation || this.#disposed) return;
    const advancedSeconds = this.#maxTtlSeconds + 1;
    clock.advance(advancedSeconds * 1000);
    this.timeline.expiry = { time: clock.now(), how: 'fast-forward', advancedSeconds };
    this.#status(
      `fast-forwarded the server's clock by ${advancedSeconds} s (past token_max_ttl): every token issued so far has expired`,
    );
    this.#after(this.scenario.windowSeconds * 1000, () => this.#windowOver('expiry'));
  }

  /** Stop the program once both windows are over (not before: a late first read still gets its rotation). */
  #windowOver(which: 'rotation' | 'expiry'): void {
    this.#over[which] = true;
    if (this.#over.rotation && this.#over.expiry) this.#stop.abort();
  }

  #rotate(): void {
    this.#rotating = (async () => {
      try {
        const response = await this.#writeNextVersion();
        if (this.#disposed || !response) return;
        const time = auditTime(response.data.created_time) || (this.app.vault.clock?.now() ?? Date.now());
        this.timeline.rotation = { time, version: response.data.version };
        this.#status(
          `rotated: wrote version ${response.data.version} of ${this.#path} (the program has ${this.scenario.windowSeconds} s to read it)`,
        );
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
        this.#status(`could not rotate ${this.#path}: ${oneLine(error)}`);
        this.#stop.abort(); // the scenario cannot go on: report now rather than at the timeout
      }
    })();
  }

  /** A few tries: a dev server's storage can refuse a write that races another ("transaction commit failed"). */
  async #writeNextVersion() {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.app.vault.admin.write<{ version: number; created_time: string }>(this.#path, {
          data: this.next.data,
        });
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

  #status(message: string): void {
    this.app.context.emit({ type: 'status', message });
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
