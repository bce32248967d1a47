import type { ProviderChoice, ProviderName, RunningVault } from '../vault/provider.js';
import type { SelectOptions } from '../vault/select.js';
import { registerCleanup } from '../util/cleanup.js';
import { oneLine } from '../util/errors.js';
import type { CheckOutcome, StepCheck } from './vault-checks.js';

// The providers (execa, node-vault) load on the first start or check, not with the UI.
const loadSelect = () => import('../vault/select.js');
const loadChecks = () => Promise.all([import('./vault-checks.js'), import('../vault/admin-client.js')]);

export type PlaygroundStatus = 'down' | 'starting' | 'up' | 'stopping' | 'failed';

export interface PlaygroundState {
  status: PlaygroundStatus;
  provider?: ProviderName;
  address?: string;
  version?: string;
  /** Why this provider was picked, or what went wrong (one line, never a secret). */
  message?: string;
}

export interface PlaygroundOptions extends SelectOptions {
  choice?: ProviderChoice;
  /** The folder the course was started in: where the steps about files and Git look. Default: process.cwd(). */
  workDir?: string;
  /** For tests: how to start a server (defaults to `startVault`). */
  start?: (
    choice: ProviderChoice,
    options: SelectOptions & { audit: boolean; onProgress: (message: string) => void },
  ) => Promise<{ vault: RunningVault; selection: { reason: string } }>;
}

/**
 * The learner's playground Vault: started and stopped from the UI (`v`), checked by hands-on
 * steps, stopped when the UI exits — also on Ctrl-C, through the cleanup registry. Plain module
 * with a subscribe/getState pair so the UI (useSyncExternalStore) and tests can both drive it.
 */
export class Playground {
  #state: PlaygroundState = { status: 'down' };
  #vault: RunningVault | undefined;
  #listeners = new Set<() => void>();
  #unregister: (() => void) | undefined;
  #pending: Promise<void> = Promise.resolve();

  constructor(private readonly options: PlaygroundOptions = {}) {}

  getState = (): PlaygroundState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The lines to paste in another terminal. They carry the dev root token, on purpose (DESIGN.md). */
  exportLines(): string[] {
    if (!this.#vault || this.#state.status !== 'up') return [];
    return [`export VAULT_ADDR='${this.#vault.address}'`, `export VAULT_TOKEN='${this.#vault.rootToken}'`];
  }

  start(): Promise<void> {
    this.#pending = this.#pending.then(() => this.#start());
    return this.#pending;
  }

  stop(): Promise<void> {
    this.#pending = this.#pending.then(() => this.#stop());
    return this.#pending;
  }

  /** A step's check: against this Vault, or, for the steps about files and Git, in `workDir`. */
  async check(check: StepCheck): Promise<CheckOutcome> {
    const [{ runStepCheck }, { VaultAdmin }] = await loadChecks();
    const up = this.#vault && this.#state.status === 'up';
    const admin = up ? new VaultAdmin(this.#vault!.address, this.#vault!.rootToken) : undefined;
    return runStepCheck(check, { admin, workDir: this.options.workDir ?? process.cwd() });
  }

  async #start(): Promise<void> {
    if (this.#state.status === 'up') return;
    this.#set({ status: 'starting', message: 'starting a dev-mode Vault…' });
    const { choice = 'auto', start = (await loadSelect()).startVault, ...select } = this.options;
    try {
      const { vault, selection } = await start(choice, {
        ...select,
        audit: false,
        onProgress: (message) => this.#set({ ...this.#state, message }),
      });
      this.#vault = vault;
      this.#unregister = registerCleanup(() => vault.stop());
      this.#set({
        status: 'up',
        provider: vault.provider,
        address: vault.address,
        version: vault.version,
        message: selection.reason,
      });
    } catch (error) {
      this.#set({ status: 'failed', message: oneLine(error) });
    }
  }

  async #stop(): Promise<void> {
    const vault = this.#vault;
    if (!vault) {
      if (this.#state.status === 'failed') this.#set({ status: 'down' });
      return;
    }
    this.#set({ ...this.#state, status: 'stopping', message: 'stopping…' });
    try {
      await vault.stop();
    } finally {
      this.#unregister?.();
      this.#unregister = undefined;
      this.#vault = undefined;
      this.#set({ status: 'down' });
    }
  }

  #set(state: PlaygroundState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
}
