import { BinaryProvider } from './binary-provider.js';
import type { ProviderChoice, RunningVault, StartOptions, VaultProvider } from './provider.js';
import { UserError } from '../util/errors.js';

export interface SelectOptions {
  /** `--vault-binary PATH` for the binary provider. */
  binary?: string;
  env?: NodeJS.ProcessEnv;
}

export interface ProviderSelection {
  provider: VaultProvider;
  /** One line saying which provider and why ("binary: bao 2.7.2 on PATH (no Docker engine answered)"). */
  reason: string;
}

/**
 * Resolve `--vault auto|docker|binary|embedded|external` to a provider (DESIGN.md, Vault providers):
 * auto picks external when VAULT_ADDR is set, else the first available of docker, binary, embedded.
 */
export async function selectProvider(choice: ProviderChoice, options: SelectOptions = {}): Promise<ProviderSelection> {
  switch (choice) {
    case 'binary': {
      const provider = new BinaryProvider({ binary: options.binary });
      const availability = await provider.availability();
      if (!availability.available) throw new UserError(`binary provider unavailable: ${availability.reason}`);
      return { provider, reason: `binary: ${availability.reason}` };
    }
    default:
      throw new UserError(`the ${choice} provider is not available yet`);
  }
}

/** Select and start in one step, for commands that just need a running server. */
export async function startVault(
  choice: ProviderChoice,
  options: SelectOptions & StartOptions = {},
): Promise<{ vault: RunningVault; selection: ProviderSelection }> {
  const selection = await selectProvider(choice, options);
  const vault = await selection.provider.start(options);
  return { vault, selection };
}
