import type { ProviderName } from '../../src/vault/provider.js';

/**
 * What this machine is expected to have, said explicitly (CI's .ci/run sets it): a suite that
 * would otherwise skip a provider or a toolchain that is missing fails instead, so coverage
 * cannot be lost silently. Unset (a developer's machine), suites run on what is there and say
 * what they skipped.
 *   SECRETS_WORKBOOK_EXPECT_PROVIDERS="docker binary embedded"
 *   SECRETS_WORKBOOK_EXPECT_GO=1
 * A machine with no Docker engine says so by leaving docker out of the list.
 */
export const EXPECTED_PROVIDERS: ReadonlySet<ProviderName> = new Set(
  (process.env.SECRETS_WORKBOOK_EXPECT_PROVIDERS ?? '').split(/[\s,]+/).filter(Boolean) as ProviderName[],
);
export const EXPECT_GO = Boolean(
  process.env.SECRETS_WORKBOOK_EXPECT_GO && process.env.SECRETS_WORKBOOK_EXPECT_GO !== '0',
);

/** Throws when `name` is expected here but could not be used; otherwise reports whether it can. */
export function usable(name: ProviderName | 'go', ok: boolean, reason: string): boolean {
  const expected = name === 'go' ? EXPECT_GO : EXPECTED_PROVIDERS.has(name);
  if (!ok && expected) {
    throw new Error(
      `${name} is expected on this machine (${name === 'go' ? 'SECRETS_WORKBOOK_EXPECT_GO' : 'SECRETS_WORKBOOK_EXPECT_PROVIDERS'}) but cannot be used: ${reason}`,
    );
  }
  if (!ok) console.info(`${name} is not available here, its tests are skipped: ${reason}`);
  return ok;
}
