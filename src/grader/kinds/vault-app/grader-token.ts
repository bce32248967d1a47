import { VaultAdmin } from '../../../vault/admin-client.js';
import type { RunningVault } from '../../../vault/provider.js';

/**
 * A dev server's root token can be read by whoever can read the server's environment
 * (`/proc/<pid>/environ`, `docker inspect`), and a learner's program runs as the same user. So a
 * Vault the grader started keeps no working root token: the grader makes itself an orphan token
 * with the root policy and a lifetime of one grade, held only in this process's memory, and
 * revokes the dev root token before the program starts. A shared Vault (`--vault external`) is
 * the user's: its token is left alone.
 */
export interface GraderToken {
  token: string;
  /** The tokens whose requests are the grader's own: the retired root token and this one. */
  retired?: string;
}

/** Leaves room for the slowest build and the grace periods after the program's timeout. */
const MARGIN_SECONDS = 900;

export async function retireRootToken(vault: RunningVault, timeoutSeconds: number): Promise<GraderToken> {
  if (vault.provider === 'external') return { token: vault.rootToken };
  const root = new VaultAdmin(vault.address, vault.rootToken);
  const created = await root.write<unknown>('auth/token/create-orphan', {
    policies: ['root'],
    ttl: `${Math.ceil(timeoutSeconds * 2 + MARGIN_SECONDS)}s`,
    display_name: 'grader',
    no_default_policy: true,
  });
  const token = created?.auth?.client_token;
  if (!token) throw new Error('Vault returned no token for the grader');
  vault.useToken?.(token);
  await root.revokeSelf();
  return { token, retired: vault.rootToken };
}
