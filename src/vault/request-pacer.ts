import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How many requests to a Vault are in flight at once, adapted to what the server accepts: a 429
 * (a rate-limit quota) halves the limit and pauses every request for the Retry-After; a run of
 * successes as long as the limit raises it by one, up to the caller's ceiling (additive
 * increase, multiplicative decrease, as TCP does). A command runs its work inside `withPacer`,
 * and every request the admin client makes there (retries included) takes a slot first.
 */
export class RequestPacer {
  #limit: number;
  #inFlight = 0;
  #successes = 0;
  #pausedUntil = 0;
  #lastDecrease = Number.NEGATIVE_INFINITY;
  readonly #waiting: (() => void)[] = [];
  /** How often the limit was cut (for the benchmark and the tests). */
  throttles = 0;

  constructor(
    readonly ceiling: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#limit = Math.max(1, ceiling);
  }

  get limit(): number {
    return this.#limit;
  }

  async acquire(): Promise<void> {
    for (;;) {
      const pause = this.#pausedUntil - this.now();
      if (pause > 0) await sleep(pause);
      else if (this.#inFlight < this.#limit) break;
      else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#inFlight += 1;
  }

  release(): void {
    this.#inFlight -= 1;
    this.#waiting.shift()?.();
  }

  succeeded(): void {
    if (++this.#successes < this.#limit) return;
    this.#successes = 0;
    if (this.#limit < this.ceiling) {
      this.#limit += 1;
      this.#waiting.shift()?.();
    }
  }

  /** Vault refused for the rate: slow down (once per pause, however many requests saw it). */
  throttled(retryAfterMs: number): void {
    const now = this.now();
    this.#pausedUntil = Math.max(this.#pausedUntil, now + retryAfterMs);
    this.#successes = 0;
    if (now - this.#lastDecrease < Math.max(retryAfterMs, 100)) return;
    this.#lastDecrease = now;
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    this.throttles += 1;
  }
}

const current = new AsyncLocalStorage<RequestPacer>();

/** Run `work` with every Vault request in it paced by `pacer`. */
export function withPacer<T>(pacer: RequestPacer, work: () => Promise<T>): Promise<T> {
  return current.run(pacer, work);
}

export const currentPacer = (): RequestPacer | undefined => current.getStore();
