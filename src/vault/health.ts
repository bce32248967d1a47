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

/**
 * Poll `auth/token/lookup-self` until the server accepts `token`. A healthy answer on a port proves
 * only that some Vault is there: one started at the same moment may have won the port, and ours is
 * about to exit. Only the server that accepts our random root token is ours. (A dev server may also
 * answer healthy a moment before its chosen root token exists, hence the polling.)
 */
export async function waitForTokenAccepted(
  address: string,
  token: string,
  options: { timeoutMs: number; signal?: AbortSignal; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    options.signal?.throwIfAborted();
    try {
      const response = await fetch(`${address}/v1/auth/token/lookup-self`, {
        headers: { 'X-Vault-Token': token },
        signal: AbortSignal.timeout(2_000),
      });
      await response.body?.cancel();
      if (response.status === 200) return;
      last = `auth/token/lookup-self answered ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(options.intervalMs ?? 50);
  }
  throw new Error(
    `Vault at ${address} did not accept its root token within ${Math.round(options.timeoutMs / 1000)} s (${last})`,
  );
}
