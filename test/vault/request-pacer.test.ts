import { describe, expect, it } from 'vitest';
import { RequestPacer, withPacer } from '../../src/vault/request-pacer.js';
import { VaultApiError } from '../../src/vault/admin-errors.js';
import { withRetries } from '../../src/vault/retry-policy.js';

describe('RequestPacer', () => {
  it('halves the limit once per refusal window, and grows back by one per limit of successes', () => {
    let now = 0;
    const pacer = new RequestPacer(32, () => now);
    pacer.throttled(1_000);
    pacer.throttled(1_000);
    expect(pacer.limit).toBe(16);
    now = 1_500;
    pacer.throttled(1_000);
    expect(pacer.limit).toBe(8);
    for (let index = 0; index < 8; index++) pacer.succeeded();
    expect(pacer.limit).toBe(9);
    for (let index = 0; index < 1_000; index++) pacer.succeeded();
    expect(pacer.limit).toBeLessThanOrEqual(32);
  });

  it('never lets more than the limit run at once', async () => {
    const pacer = new RequestPacer(3);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        await pacer.acquire();
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        pacer.release();
      }),
    );
    expect(most).toBe(3);
  });

  it('a 429 inside withRetries cuts the limit and pauses the next attempt for the Retry-After', async () => {
    const pacer = new RequestPacer(8);
    let calls = 0;
    const started = Date.now();
    const answer = await withPacer(pacer, () =>
      withRetries('secret/data/x', 'read', async () => {
        if (++calls === 1) throw new VaultApiError(429, ['rate limit quota exceeded'], 'secret/data/x', 1);
        return 'ok';
      }),
    );
    expect(answer).toBe('ok');
    expect(pacer.limit).toBe(4);
    expect(pacer.throttles).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});
