import { setTimeout as sleep } from 'node:timers/promises';
import { VaultApiError, VaultNetworkError } from './admin-errors.js';
import { currentPacer } from './request-pacer.js';

/**
 * When a request to Vault is tried again, and after how long. Only what cannot do a thing twice is
 * retried: any request Vault refused before doing it (connection refused, 429 under a rate-limit
 * quota, 412 while a follower catches up, the KV upgrade after a mount, a standby that knows no
 * active node during an election, a sealed node), and reads whose answer was
 * lost (reset, timeout, 502/503/504 during a leader election). A `read` here is anything twice
 * does no more than once: lookups sent as POST, a policy written again. Any other write whose answer
 * was lost is not repeated: it may have happened (a second secret_id, a second KV version).
 * Backoff is exponential with full jitter, honouring Retry-After, within a total budget.
 */
export type RequestKind = 'read' | 'write';

export interface RetryOptions {
  attempts: number;
  baseMs: number;
  capMs: number;
  budgetMs: number;
  random?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 8, baseMs: 100, capMs: 5_000, budgetMs: 30_000 };

/** Milliseconds to wait before trying again, or undefined when this failure is final. */
export function retryDelay(
  error: unknown,
  kind: RequestKind,
  attempt: number,
  options = DEFAULT_RETRY,
): number | undefined {
  // An election lasts what it lasts (seconds to tens of seconds): only the budget bounds the wait for it.
  if ((attempt >= options.attempts && !duringElection(error)) || !retryable(error, kind)) return undefined;
  if (error instanceof VaultApiError && error.retryAfterSeconds !== undefined)
    return Math.min(error.retryAfterSeconds * 1000, options.capMs);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** (attempt - 1));
  return Math.round((options.random ?? Math.random)() * ceiling);
}

const NOT_DONE_ON_THIS_NODE = /active cluster node not found|^Vault is sealed$|node is not active/i;

function duringElection(error: unknown): boolean {
  if (error instanceof VaultNetworkError) return error.code === 'ENOLEADER';
  return error instanceof VaultApiError && error.errors.some((text) => /active cluster node not found/i.test(text));
}

function retryable(error: unknown, kind: RequestKind): boolean {
  if (error instanceof VaultNetworkError)
    return error.code === 'ECONNREFUSED' || error.code === 'ENOLEADER' || kind === 'read';
  if (!(error instanceof VaultApiError)) return false;
  if (error.status === 429 || error.status === 412) return true;
  if (error.errors.some((text) => /upgrading from non-versioned to versioned/i.test(text))) return true;
  // A standby that knows no active node yet (an election) or a sealed node refuses before doing anything.
  if (error.errors.some((text) => NOT_DONE_ON_THIS_NODE.test(text))) return true;
  return kind === 'read' && [502, 503, 504].includes(error.status);
}

export async function withRetries<T>(
  _path: string,
  kind: RequestKind,
  run: () => Promise<T>,
  options = DEFAULT_RETRY,
): Promise<T> {
  const deadline = Date.now() + options.budgetMs;
  const pacer = currentPacer();
  for (let attempt = 1; ; attempt++) {
    await pacer?.acquire();
    let delay: number | undefined;
    try {
      const result = await run();
      pacer?.succeeded();
      return result;
    } catch (error) {
      delay = retryDelay(error, kind, attempt, options);
      if (pacer && error instanceof VaultApiError && error.status === 429) pacer.throttled(delay ?? options.baseMs);
      if (delay === undefined || Date.now() + delay > deadline) throw error;
    } finally {
      pacer?.release();
    }
    await sleep(delay);
  }
}
