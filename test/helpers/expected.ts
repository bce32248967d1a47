import type { ProviderName } from '../../src/vault/provider.js';

/**
 * What this machine is expected to have, said explicitly (CI's .ci/run sets it): a suite that
 * would otherwise skip a provider or a toolchain that is missing fails instead, so coverage
 * cannot be lost silently. Unset (a developer's machine), suites run on what is there and say
 * what they skipped.
 *   SECRETS_WORKBOOK_EXPECT_PROVIDERS="docker binary embedded"
 *   SECRETS_WORKBOOK_EXPECT_GO=1
 *   SECRETS_WORKBOOK_EXPECT_TMUX=1   (the real-terminal tests, test/e2e/)
 * A machine with no Docker engine says so by leaving docker out of the list.
 */
export const EXPECTED_PROVIDERS: ReadonlySet<ProviderName> = new Set(
  (process.env.SECRETS_WORKBOOK_EXPECT_PROVIDERS ?? '').split(/[\s,]+/).filter(Boolean) as ProviderName[],
);
const flag = (name: string) => Boolean(process.env[name] && process.env[name] !== '0');
export const EXPECT_GO = flag('SECRETS_WORKBOOK_EXPECT_GO');
export const EXPECT_TMUX = flag('SECRETS_WORKBOOK_EXPECT_TMUX');

/** Throws when `name` is expected here but could not be used; otherwise reports whether it can. */
export function usable(name: ProviderName | 'go' | 'tmux', ok: boolean, reason: string): boolean {
  const [expected, variable] =
    name === 'go'
      ? [EXPECT_GO, 'SECRETS_WORKBOOK_EXPECT_GO']
      : name === 'tmux'
        ? [EXPECT_TMUX, 'SECRETS_WORKBOOK_EXPECT_TMUX']
        : [EXPECTED_PROVIDERS.has(name), 'SECRETS_WORKBOOK_EXPECT_PROVIDERS'];
  if (!ok && expected)
    throw new Error(`${name} is expected on this machine (${variable}) but cannot be used: ${reason}`);
  if (!ok) console.info(`${name} is not available here, its tests are skipped: ${reason}`);
  return ok;
}
