import { BinaryProvider } from './binary-provider.js';
import { DockerProvider } from './docker-provider.js';
import { EmbeddedProvider } from './embedded-provider.js';
import { ExternalProvider } from './external-provider.js';
import {
  PROVIDER_CHOICES,
  type ProviderChoice,
  type ProviderName,
  type RunningVault,
  type StartOptions,
  type VaultProvider,
} from './provider.js';
import { UserError } from '../util/errors.js';
import { PortInUseError } from '../util/net.js';

export { parseProviderChoice, PROVIDER_CHOICES } from './provider.js';

export interface SelectOptions {
  /** `--vault-binary PATH` for the binary provider (with `auto`, it picks the binary provider). */
  binary?: string;
  env?: NodeJS.ProcessEnv;
  /** Docker image: `vault` (default), `openbao` or a full reference; env SECRETS_WORKBOOK_DOCKER_IMAGE. */
  dockerImage?: string;
  /**
   * False where only a server we start makes sense (`vault up`): `auto` then ignores VAULT_ADDR
   * and `external` is refused.
   */
  allowExternal?: boolean;
  /** Replace providers (tests); the others are built from the options above. */
  providers?: Partial<Record<ProviderName, VaultProvider>>;
}

export interface ProviderSelection {
  provider: VaultProvider;
  /** One line saying which provider and why ("binary: OpenBao v2.7.2 at /usr/bin/bao (docker: no Docker engine …)"). */
  reason: string;
}

/** The order `auto` tries local providers in (README, Vault providers). */
export const AUTO_ORDER: readonly ProviderName[] = ['docker', 'binary', 'embedded'];

export function createProviders(options: SelectOptions = {}): Record<ProviderName, VaultProvider> {
  const env = options.env ?? process.env;
  return {
    docker:
      options.providers?.docker ??
      new DockerProvider({ image: options.dockerImage ?? env.SECRETS_WORKBOOK_DOCKER_IMAGE }),
    binary: options.providers?.binary ?? new BinaryProvider({ binary: options.binary }),
    embedded: options.providers?.embedded ?? new EmbeddedProvider(),
    external: options.providers?.external ?? new ExternalProvider({ env }),
  };
}

/** For a command that starts its own Vault (vault up), `--vault external` means nothing. */
export function refuseExternal(choice: ProviderChoice): void {
  if (choice === 'external') {
    throw new UserError(
      '--vault external cannot be used here: this command starts its own Vault (use auto, docker, binary or embedded)',
    );
  }
}

/**
 * Resolve `--vault auto|docker|binary|embedded|external` to a provider (README, Vault providers):
 * auto picks external when VAULT_ADDR is set, else the first available of docker, binary, embedded.
 */
export async function selectProvider(choice: ProviderChoice, options: SelectOptions = {}): Promise<ProviderSelection> {
  const env = options.env ?? process.env;
  const allowExternal = options.allowExternal !== false;
  const providers = createProviders(options);

  if (choice !== 'auto') {
    if (!allowExternal) refuseExternal(choice);
    const provider = providers[choice];
    if (!provider) throw new UserError(`unknown --vault value '${choice}' (choose ${PROVIDER_CHOICES.join(', ')})`);
    const availability = await provider.availability();
    if (!availability.available) throw new UserError(unavailableMessage(choice, availability.reason));
    return { provider, reason: `${choice}: ${availability.reason} (--vault ${choice})` };
  }

  if (allowExternal && env.VAULT_ADDR?.trim()) {
    const availability = await providers.external.availability();
    if (!availability.available) {
      throw new UserError(
        `external Vault (VAULT_ADDR is set): ${availability.reason}; unset VAULT_ADDR to start a local Vault instead`,
      );
    }
    return { provider: providers.external, reason: `external: ${availability.reason} (VAULT_ADDR is set)` };
  }

  if (options.binary) {
    const availability = await providers.binary.availability();
    if (!availability.available) throw new UserError(`binary provider unavailable: ${availability.reason}`);
    return { provider: providers.binary, reason: `binary: ${availability.reason} (--vault-binary given)` };
  }

  const skipped: string[] = [];
  for (const name of AUTO_ORDER) {
    const availability = await providers[name].availability();
    if (availability.available) {
      const why = skipped.length ? ` (${skipped.join('; ')})` : '';
      return { provider: providers[name], reason: `${name}: ${availability.reason}${why}` };
    }
    skipped.push(`${name}: ${availability.reason}`);
  }
  throw new UserError(`no Vault provider is available (${skipped.join('; ')})`);
}

/** What to say when the provider the user asked for cannot run: the reason, and where else to go. */
export function unavailableMessage(choice: ProviderName, reason: string): string {
  const others = AUTO_ORDER.filter((name) => name !== choice).map((name) => `--vault ${name}`);
  const alternatives = choice === 'external' ? '' : ` (use ${others.join(' or ')} instead)`;
  return `${choice} provider unavailable: ${reason.replace(/^docker provider: /, '')}${alternatives}`;
}

/**
 * Select and start in one step, for commands that just need a running server. With `auto`, a
 * provider that looked available but fails to start (a pull refused, a container that never
 * turns healthy) is reported in one line through `onProgress`, and the next one is tried: a first
 * run never dead-ends while binary or embedded can still serve.
 */
export async function startVault(
  choice: ProviderChoice,
  options: SelectOptions & StartOptions = {},
): Promise<{ vault: RunningVault; selection: ProviderSelection }> {
  const selection = await selectProvider(choice, options);
  const name = selection.provider.name;
  const fallback = choice === 'auto' && !options.binary && AUTO_ORDER.includes(name) && !isExternal(selection);
  if (!fallback) {
    try {
      return { vault: await selection.provider.start(options), selection };
    } catch (error) {
      // A port the user chose is theirs to change: no other provider is the answer.
      if (error instanceof PortInUseError) throw error;
      if (choice !== 'auto' && error instanceof UserError && choice !== 'external')
        throw new UserError(unavailableMessage(choice, error.message), error.exitCode);
      throw error;
    }
  }
  const providers = createProviders(options);
  providers[name] = selection.provider;
  const failed: string[] = [];
  for (const next of AUTO_ORDER.slice(AUTO_ORDER.indexOf(name))) {
    const provider = providers[next];
    let reason = selection.reason;
    if (next !== name) {
      const availability = await provider.availability();
      if (!availability.available) {
        failed.push(`${next}: ${availability.reason}`);
        continue;
      }
      reason = `${next}: ${availability.reason}`;
    }
    try {
      const vault = await provider.start(options);
      const why = failed.length ? ` (${failed.join('; ')})` : '';
      return { vault, selection: { provider, reason: next === name ? reason : `${reason}${why}` } };
    } catch (error) {
      if (error instanceof PortInUseError) throw error;
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
      const line = `${next}: ${message.replace(new RegExp(`^${next} provider: `), '')}`;
      failed.push(line);
      const after = AUTO_ORDER[AUTO_ORDER.indexOf(next) + 1];
      options.onProgress?.(after ? `${line}; trying ${after}` : line);
    }
  }
  throw new UserError(`no Vault provider could start (${failed.join('; ')})`);
}

function isExternal(selection: ProviderSelection): boolean {
  return selection.provider.name === 'external';
}
