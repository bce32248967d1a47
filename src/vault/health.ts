import { setTimeout as sleep } from 'node:timers/promises';

/** Poll `GET /v1/sys/health` until it answers 200 (initialised, unsealed, active). */
export async function waitForHealthy(
  address: string,
  options: { timeoutMs: number; signal?: AbortSignal; intervalMs?: number },
): Promise<{ version?: string }> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    options.signal?.throwIfAborted();
    try {
      const response = await fetch(`${address}/v1/sys/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return (await response.json()) as { version?: string };
      last = `sys/health answered ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(options.intervalMs ?? 50);
  }
  throw new Error(`Vault at ${address} was not healthy within ${Math.round(options.timeoutMs / 1000)} s (${last})`);
}
