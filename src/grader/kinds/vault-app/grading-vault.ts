import { registerCleanup } from '../../../util/cleanup.js';
import { oneLine, UserError } from '../../../util/errors.js';
import { VaultAdmin } from '../../../vault/admin-client.js';
import type { AuditEntry } from '../../../vault/audit/entry.js';
import type { AuditTrail } from '../../../vault/audit/trail.js';
import type { ProviderName, RunningVault, VirtualClock } from '../../../vault/provider.js';
import { startVault } from '../../../vault/select.js';
import type { GradeContext } from '../../challenge-kind.js';
import { retireRootToken } from './grader-token.js';

/**
 * The isolated Vault one grade runs against. Never the learner's playground: `auto` ignores
 * VAULT_ADDR, and a shared Vault is used only when asked for by name (`--vault external`). It is
 * started with an audit device, whose trail is the evidence, and stopped at the end of the grade
 * and on Ctrl-C.
 *
 * Only the grader holds a privileged token, inside `admin`; the learner's program never sees it.
 * Everything the grader itself asks (provisioning, a rotation, a wrapped secret_id) goes through
 * `admin`, and `isGraderEntry` tells those requests apart in the audit trail so that they never
 * count as the program's evidence.
 */
export interface GradingVault {
  provider: ProviderName;
  /** `http://127.0.0.1:<port>`: what the program gets as VAULT_ADDR. */
  address: string;
  trail: AuditTrail;
  /** The embedded server's clock, which the rotation kind moves forward; real servers have none. */
  clock?: VirtualClock;
  admin: VaultAdmin;
  /** The entry records a request the grader made with its own token. */
  isGraderEntry(entry: AuditEntry): boolean;
  /** Stop the server and remove what it left; idempotent. */
  stop(): Promise<void>;
}

export async function startGradingVault(context: GradeContext): Promise<GradingVault> {
  const { choice, binary } = context.vault;
  let vault: RunningVault;
  try {
    // With `auto`, a provider that fails to start is reported and the next one tried.
    const started = await startVault(choice, {
      binary,
      allowExternal: choice === 'external',
      audit: true,
      signal: context.signal,
      onProgress: (message) => context.emit({ type: 'status', message }),
    });
    vault = started.vault;
    context.emit({ type: 'status', message: `vault: ${started.selection.reason}` });
  } catch (error) {
    throw new UserError(`could not start a Vault: ${oneLine(error)}`);
  }
  const unregister = registerCleanup(() => vault.stop());
  const stop = async () => {
    unregister();
    await vault.stop();
  };
  try {
    const trail = vault.auditTrail;
    if (!trail) throw new UserError(`the ${vault.provider} Vault has no audit trail, so nothing can be checked`);
    // The audit log stores tokens as HMACs: the grader's own are recognised by their HMAC.
    const { token, hashes } = await graderIdentity(vault, trail, context.timeoutSeconds).catch((error: unknown) => {
      throw new UserError(`could not set up the grading Vault: ${oneLine(error)}`);
    });
    return {
      provider: vault.provider,
      address: vault.address,
      trail,
      clock: vault.clock,
      admin: new VaultAdmin(vault.address, token),
      isGraderEntry: (entry) =>
        hashes.has(entry.auth?.client_token ?? '') || hashes.has(entry.request.client_token ?? ''),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The grader's token (the dev root token retired) and the HMACs of every token it has used. */
async function graderIdentity(
  vault: RunningVault,
  trail: AuditTrail,
  timeoutSeconds: number,
): Promise<{ token: string; hashes: Set<string> }> {
  const rootHash = await trail.hash(vault.rootToken);
  const { token } = await retireRootToken(vault, timeoutSeconds);
  return { token, hashes: new Set([rootHash, await trail.hash(token)]) };
}
