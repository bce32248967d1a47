import { VaultAdmin, VaultApiError } from '../vault/admin-client.js';
import { runApproleCheck } from './checks/approle.js';
import { runKvVersionsCheck } from './checks/kv-versions.js';
import { runMountCheck } from './checks/mounts.js';
import { runPkiCheck } from './checks/pki.js';
import { runPolicyCheck } from './checks/policy.js';
import { runTokenCheck } from './checks/tokens.js';
import { isLocalCheck, type CheckOutcome, type LocalCheck, type StepCheck, type VaultCheck } from './checks/types.js';

/**
 * Checks of a learner's work, used by hands-on steps (lessons) and challenge setup parts: a step
 * ticks itself when the playground Vault — or, for the few steps about files and Git, the folder
 * the course was started in — says it is done, like a hosted lab's check script. Vault checks
 * judge by behaviour and settings (what a token with the policy may do, the role's settings as
 * Vault reports them), never by the text the learner typed. They never read or return a secret
 * value, only whether it is there.
 */
export type { CheckOutcome, LocalCheck, StepCheck, VaultCheck };
export { isLocalCheck };

export async function runVaultCheck(admin: VaultAdmin, check: VaultCheck): Promise<CheckOutcome> {
  try {
    return await evaluate(admin, check);
  } catch (error) {
    if (error instanceof VaultApiError && error.status === 403) {
      return { done: false, detail: `the playground token may not read this (${error.message})` };
    }
    return { done: false, detail: `could not ask Vault: ${(error as Error).message}` };
  }
}

/** Any step's check: local ones in `workDir` (the folder the course was started in), the rest against Vault. */
export async function runStepCheck(
  check: StepCheck,
  { admin, workDir }: { admin?: VaultAdmin; workDir: string },
): Promise<CheckOutcome> {
  if (isLocalCheck(check)) {
    const { runLocalCheck } = await import('./checks/local.js');
    return runLocalCheck(check, workDir);
  }
  if (!admin) return { done: false, detail: 'the playground Vault is not running (press v to start it)' };
  if (check.type === 'rendered-file') {
    const { runRenderedFileCheck } = await import('./checks/rendered.js');
    return runRenderedFileCheck(admin, check, workDir).catch((error: unknown) => ({
      done: false,
      detail: `could not check ${check.file}: ${(error as Error).message.split('\n')[0]}`,
    }));
  }
  return runVaultCheck(admin, check);
}

function evaluate(admin: VaultAdmin, check: VaultCheck): Promise<CheckOutcome> {
  switch (check.type) {
    case 'auth-enabled':
    case 'kv-v2-mounted':
    case 'kv-secret':
      return runMountCheck(admin, check);
    case 'kv-old-versions-destroyed':
      return runKvVersionsCheck(admin, check);
    case 'pki-role':
      return runPkiCheck(admin, check);
    case 'policy-exists':
    case 'policy-allows':
    case 'policy-grants':
      return runPolicyCheck(admin, check);
    case 'approle-role':
    case 'approle-secret-id':
    case 'approle-wrapped-secret-id':
      return runApproleCheck(admin, check);
    case 'token-exists':
      return runTokenCheck(admin, check);
  }
}

export { VaultApiError };
