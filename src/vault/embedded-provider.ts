import type { EmbeddedServer, EmbeddedServerOptions } from './embedded/index.js';
import type { Availability, RunningVault, StartOptions, VaultProvider } from './provider.js';
import { registerCleanup } from '../util/cleanup.js';
import { assertPortUsable } from '../util/net.js';

export interface EmbeddedProviderOptions {
  /** Injectable for tests; defaults to the real in-process server. */
  startServer?: (options: EmbeddedServerOptions) => Promise<EmbeddedServer>;
}

/**
 * The built-in Vault-compatible dev server, in this process on 127.0.0.1: always available, the
 * last resort of `auto`, and the one provider with a clock tests can move forward.
 */
export class EmbeddedProvider implements VaultProvider {
  readonly name = 'embedded' as const;

  constructor(private readonly options: EmbeddedProviderOptions = {}) {}

  async availability(): Promise<Availability> {
    return { available: true, reason: 'built-in dev server (in process, no install needed)' };
  }

  async start(options: StartOptions = {}): Promise<RunningVault> {
    if (options.port !== undefined) await assertPortUsable(options.port);
    options.signal?.throwIfAborted();
    const startServer = this.options.startServer ?? (await import('./embedded/index.js')).startEmbeddedServer;
    const server = await startServer({ port: options.port, rootToken: options.rootToken });
    options.onProgress?.(`started the built-in dev server (${server.version}) on ${server.address}`);

    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        unregister();
        await server.auditTrail.close().catch(() => undefined);
        await server.stop();
      })());
    const unregister = registerCleanup(stop);

    return {
      provider: 'embedded',
      address: server.address.replace(/\/+$/, ''),
      rootToken: server.rootToken,
      // The embedded server always records; the trail is handed out only when asked for.
      auditTrail: options.audit === false ? undefined : server.auditTrail,
      clock: server.clock,
      version: server.version,
      stop,
    };
  }
}
