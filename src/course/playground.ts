import type { ProviderChoice, ProviderName, RunningVault } from '../vault/provider.js';
import type { SelectOptions } from '../vault/select.js';
import { registerCleanup } from '../util/cleanup.js';
import { oneLine } from '../util/errors.js';
import type { CheckOutcome, StepCheck } from './vault-checks.js';

// The providers (execa, node-vault) load on the first start or check, not with the UI.
const loadSelect = () => import('../vault/select.js');
const loadRecord = () => import('./playground-record.js');
const loadChecks = () => Promise.all([import('./vault-checks.js'), import('../vault/admin-client.js')]);

export type PlaygroundStatus = 'down' | 'starting' | 'up' | 'stopping' | 'failed';

export interface PlaygroundState {
  status: PlaygroundStatus;
  /** Started elsewhere (`vault up` in another terminal): shown and checked, left running on quit. */
  attached?: boolean;
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
  /** The shared record of the running playground (playground-record.ts); tests pass a temp file. */
  recordFile?: string;
  /** Look for a playground started in another terminal this often while down (0: only on demand). */
  attachPollMs?: number;
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
  #poll: NodeJS.Timeout | undefined;

  constructor(private readonly options: PlaygroundOptions = {}) {
    if (options.attachPollMs) {
      this.#poll = setInterval(() => void this.refresh(), options.attachPollMs);
      this.#poll.unref();
      void this.refresh();
    }
  }

  /**
   * Follow the shared record: attach to a playground another terminal started, and let go of one
   * whose process has ended. Never starts or stops a server.
   */
  refresh(): Promise<void> {
    this.#pending = this.#pending.then(async () => {
      if (this.#state.status === 'down' || this.#state.status === 'failed') await this.#attach();
      else if (this.#state.attached && !(await this.#recorded())) this.#detach();
    });
    return this.#pending;
  }

  getState = (): PlaygroundState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The lines to paste in another terminal. They carry the dev root token, on purpose (ARCHITECTURE.md, Rules). */
  exportLines(): string[] {
    if (!this.#vault || this.#state.status !== 'up') return [];
    return [`export VAULT_ADDR='${this.#vault.address}'`, `export VAULT_TOKEN='${this.#vault.rootToken}'`];
  }

  start(): Promise<void> {
    this.#pending = this.#pending.then(() => this.#start());
    return this.#pending;
  }

  /** Stop the playground; one started elsewhere is asked to stop (SIGTERM, as Ctrl-C in its terminal). */
  stop(): Promise<void> {
    this.#pending = this.#pending.then(() => this.#stop());
    return this.#pending;
  }

  /** On quit: stop our own playground, leave one started elsewhere running. True when one was stopped. */
  async release(): Promise<boolean> {
    clearInterval(this.#poll);
    await this.#pending;
    if (this.#state.attached) {
      this.#detach();
      return false;
    }
    const wasUp = this.#state.status === 'up';
    await this.stop();
    return wasUp;
  }

  /** A step's check: against this Vault, or, for the steps about files and Git, in `workDir`. */
  async check(check: StepCheck): Promise<CheckOutcome> {
    if (this.#state.status !== 'up') await this.refresh();
    const [{ runStepCheck }, { VaultAdmin }] = await loadChecks();
    const up = this.#vault && this.#state.status === 'up';
    const admin = up ? new VaultAdmin(this.#vault!.address, this.#vault!.rootToken) : undefined;
    return runStepCheck(check, { admin, workDir: this.options.workDir ?? process.cwd() });
  }

  async #start(): Promise<void> {
    if (this.#state.status === 'up') return;
    if (await this.#attach()) return;
    this.#set({ status: 'starting', message: 'starting a dev-mode Vault…' });
    const { choice = 'auto', start = (await loadSelect()).startVault, ...select } = this.options;
    try {
      const { vault, selection } = await start(choice, {
        ...select,
        audit: false,
        onProgress: (message) => this.#set({ ...this.#state, message }),
      });
      this.#vault = vault;
      const record = await loadRecord();
      const file = this.options.recordFile ?? record.playgroundRecordFile();
      this.#unregister = registerCleanup(async () => {
        await record.removePlaygroundRecord(file);
        await vault.stop();
      });
      await record
        .writePlaygroundRecord(
          {
            address: vault.address,
            rootToken: vault.rootToken,
            provider: vault.provider,
            version: vault.version,
            startedBy: 'course',
          },
          file,
        )
        .catch(() => undefined);
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
    if (this.#state.attached) {
      const recorded = await this.#recorded();
      if (recorded) process.kill(recorded.pid, 'SIGTERM');
      this.#detach();
      return;
    }
    const vault = this.#vault;
    if (!vault) {
      if (this.#state.status === 'failed') this.#set({ status: 'down' });
      return;
    }
    this.#set({ ...this.#state, status: 'stopping', message: 'stopping…' });
    try {
      const record = await loadRecord();
      await record.removePlaygroundRecord(this.options.recordFile ?? record.playgroundRecordFile());
      await vault.stop();
    } finally {
      this.#unregister?.();
      this.#unregister = undefined;
      this.#vault = undefined;
      this.#set({ status: 'down' });
    }
  }

  async #recorded() {
    const record = await loadRecord();
    const found = await record.readLivePlayground(this.options.recordFile ?? record.playgroundRecordFile());
    return found && found.pid !== process.pid ? found : undefined;
  }

  /** Attach to a live playground from the shared record; true when attached. */
  async #attach(): Promise<boolean> {
    const found = await this.#recorded();
    if (!found) return false;
    const answers = await fetch(`${found.address}/v1/sys/health`, { signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false,
    );
    if (!answers) return false;
    const { address, rootToken, provider, version } = found;
    this.#vault = { address, rootToken, provider, version, stop: async () => undefined };
    this.#set({
      status: 'up',
      attached: true,
      provider,
      address,
      version,
      message: `started by ${found.startedBy} (pid ${found.pid}); it keeps running when you quit`,
    });
    return true;
  }

  #detach(): void {
    this.#vault = undefined;
    this.#set({ status: 'down' });
  }

  #set(state: PlaygroundState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
}
