import type { ServerClock } from '../../core/clock.js';

export interface LockoutSettings {
  /** Failed logins that lock the alias (Vault default 5). */
  threshold: number;
  /** Seconds the alias stays locked (default 15 min). */
  duration: number;
  /** Seconds without a failure after which the count starts again (default 15 min). */
  counterReset: number;
}

export const DEFAULT_LOCKOUT: LockoutSettings = { threshold: 5, duration: 900, counterReset: 900 };

/**
 * Vault's user lockout (1.13+, on by default for AppRole): after `threshold` failed logins for
 * one role_id on one mount, every login for it is refused with 403 until `duration` has passed.
 * A successful login clears the count.
 */
export class Lockout {
  readonly #failures = new Map<string, { count: number; last: number }>();

  constructor(
    private readonly clock: ServerClock,
    private readonly settings: LockoutSettings | undefined,
  ) {}

  isLocked(alias: string): boolean {
    if (!this.settings) return false;
    const entry = this.#failures.get(alias);
    if (!entry || entry.count < this.settings.threshold) return false;
    if (this.clock.now() - entry.last >= this.settings.duration * 1000) {
      this.#failures.delete(alias);
      return false;
    }
    return true;
  }

  fail(alias: string): void {
    if (!this.settings) return;
    const now = this.clock.now();
    const entry = this.#failures.get(alias);
    if (!entry || now - entry.last >= this.settings.counterReset * 1000) {
      if (this.#failures.size >= 10_000) this.#failures.clear();
      this.#failures.set(alias, { count: 1, last: now });
    } else {
      entry.count += 1;
      entry.last = now;
    }
  }

  succeed(alias: string): void {
    this.#failures.delete(alias);
  }
}
