import { VaultAdmin } from './admin-client.js';
import { StreamAuditTrail } from './audit/stream-trail.js';
import { describeEngine, describeImage, detectDocker, imageStatus, type DockerDetection } from './docker-detect.js';
import {
  followLogs,
  listContainers,
  publishedPort,
  removeContainer,
  runContainer,
  waitForExit,
} from './docker/containers.js';
import type { DockerEngine } from './docker/engine.js';
import { isLocalEngine } from './docker/endpoint.js';
import { describePullError, pullImage } from './docker/images.js';
import { currentOwner, isOrphaned, LABEL, ownerLabels } from './docker/ownership.js';
import { AUDIT_DEVICE, buildContainerSpec, resolveImage, type ContainerSpec } from './docker/spec.js';
import { startWatchdog } from './docker/watchdog.js';
import { waitForHealthy } from './health.js';
import type { Availability, RunningVault, StartOptions, VaultProvider } from './provider.js';
import { registerCleanup } from '../util/cleanup.js';
import { UserError } from '../util/errors.js';
import { assertPortUsable, LOOPBACK } from '../util/net.js';
import { randomRootToken } from '../util/random.js';

export { buildContainerSpec, DOCKER_IMAGES, resolveImage, type DockerFlavor } from './docker/spec.js';

/** Calls that should answer at once (create, start, inspect, remove). */
const CALL_TIMEOUT_MS = 15_000;

export interface DockerProviderOptions {
  /** `vault` (default), `openbao`, or a full image reference; env SECRETS_WORKBOOK_DOCKER_IMAGE. */
  image?: string;
  detect?: () => Promise<DockerDetection>;
  /** How long a started container may take to answer sys/health (default 20 s). */
  healthTimeoutMs?: number;
  /** A pull that reports nothing for this long is given up (default 30 s). */
  pullStallTimeoutMs?: number;
}

export class DockerProvider implements VaultProvider {
  readonly name = 'docker' as const;
  #detection: Promise<DockerDetection> | undefined;

  constructor(private readonly options: DockerProviderOptions = {}) {}

  /** Detect once per provider: `auto` asks for availability and then starts. */
  detect(): Promise<DockerDetection> {
    this.#detection ??= (this.options.detect ?? (() => detectDocker()))();
    return this.#detection;
  }

  /** Available = the engine answers and the image is here or its registry answers. */
  async availability(): Promise<Availability> {
    const detection = await this.detect();
    if (!detection.available) return { available: false, reason: detection.reason };
    const { image } = resolveImage(this.options.image);
    const status = await imageStatus(detection.engine, image).catch((error: Error) => ({
      state: 'unreachable' as const,
      reason: `engine failed to answer about the image (${error.message})`,
    }));
    const reason = `${describeEngine(detection)}, ${describeImage(image, status)}`;
    if (status.state === 'unreachable') {
      return { available: false, reason: `${reason} (pre-pull it with: docker pull ${image})` };
    }
    return { available: true, reason };
  }

  async start(options: StartOptions = {}): Promise<RunningVault> {
    const detection = await this.detect();
    if (!detection.available) throw new UserError(`docker provider: ${detection.reason}`);
    const { engine } = detection;
    const { image, flavor } = resolveImage(this.options.image);
    const loopbackOnly = isLocalEngine(engine.endpoint);
    const spec = buildContainerSpec({
      image,
      flavor,
      rootToken: options.rootToken ?? randomRootToken(),
      audit: options.audit !== false,
      hostPort: options.port,
      loopbackOnly,
    });
    if (spec.hostPort !== undefined && loopbackOnly) await assertPortUsable(spec.hostPort);

    await removeOrphans(engine);
    await this.#ensureImage(engine, image, options);
    options.onProgress?.(`starting ${image} on the Docker engine`);
    let id: string;
    try {
      id = await runContainer(engine, toCreateRequest(spec), CALL_TIMEOUT_MS);
    } catch (error) {
      throw new UserError(`docker provider: ${describeStartError(error, spec)}`);
    }
    return this.#attach(engine, id, spec, options);
  }

  async #ensureImage(engine: DockerEngine, image: string, options: StartOptions): Promise<void> {
    const status = await imageStatus(engine, image);
    if (status.state === 'present') return;
    if (status.state === 'unreachable') {
      throw new UserError(`docker provider: ${describeImage(image, status)} (pre-pull it with: docker pull ${image})`);
    }
    options.onProgress?.(`pulling ${image} (first use only)…`);
    try {
      await pullImage(engine, image, {
        onProgress: options.onProgress,
        stallTimeoutMs: this.options.pullStallTimeoutMs ?? 30_000,
        signal: options.signal,
      });
    } catch (error) {
      throw new UserError(`docker provider: could not pull ${image}: ${describePullError(error)}`);
    }
  }

  async #attach(engine: DockerEngine, id: string, spec: ContainerSpec, options: StartOptions): Promise<RunningVault> {
    const watchdog = startWatchdog(engine, id);
    const exitWatch = new AbortController();
    let auditTrail: StreamAuditTrail | undefined;
    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        unregister();
        exitWatch.abort();
        await auditTrail?.close();
        await removeContainer(engine, id, CALL_TIMEOUT_MS).catch(() => undefined);
        watchdog.dismiss();
      })());
    // Ctrl-C/SIGTERM/SIGHUP remove the container here; kill -9 or a crash leave it to the watchdog.
    const unregister = registerCleanup(stop);

    try {
      const port = await publishedPort(engine, id, spec.containerPort, CALL_TIMEOUT_MS);
      const host = spec.loopbackOnly ? LOOPBACK : hostOf(engine);
      const address = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      const exited = waitForExit(engine, id, exitWatch.signal).then(
        async (code) => {
          throw new UserError(`docker provider: the ${spec.image} container exited during start (code ${code})`);
        },
        () => new Promise<never>(() => undefined),
      );
      const timeoutMs = this.options.healthTimeoutMs ?? 20_000;
      const health = await Promise.race([
        waitForHealthy(address, { timeoutMs, signal: options.signal }).catch((error: Error) => {
          throw new UserError(`docker provider: the ${spec.image} container never turned healthy (${error.message})`);
        }),
        exited,
      ]);
      exitWatch.abort();
      const rootToken = spec.rootToken;
      const admin = new VaultAdmin(address, rootToken);
      if (options.audit !== false) {
        if (spec.enableAuditByApi) await admin.enableFileAudit(AUDIT_DEVICE, 'stdout');
        auditTrail = new StreamAuditTrail(await followLogs(engine, id, CALL_TIMEOUT_MS), {
          hash: (value) => admin.auditHash(AUDIT_DEVICE, value),
          readMarker: async (path) => {
            await admin.readIfExists(path);
          },
        });
      }
      const product = spec.flavor === 'openbao' ? 'OpenBao' : 'Vault';
      const serverVersion = health.version ? ` v${health.version.replace(/^v/, '')}` : '';
      const version = `${product}${serverVersion} (${spec.image}, container ${id.slice(0, 12)})`;
      const useToken = (token: string) => {
        admin.token = token;
      };
      return { provider: 'docker', address, rootToken, auditTrail, version, useToken, stop };
    } catch (error) {
      await stop();
      throw error;
    }
  }
}

function toCreateRequest(spec: ContainerSpec) {
  return {
    image: spec.image,
    command: spec.command,
    environment: spec.environment,
    labels: ownerLabels('playground-vault', currentOwner()),
    containerPort: spec.containerPort,
    hostIp: spec.loopbackOnly ? LOOPBACK : '',
    hostPort: spec.hostPort,
  };
}

function hostOf(engine: DockerEngine): string {
  return engine.endpoint.kind === 'tcp' ? engine.endpoint.host : LOOPBACK;
}

/**
 * Remove containers whose owning process is gone (see ownership.ts); best effort and bounded,
 * a slow engine must not delay the start.
 */
export async function removeOrphans(engine: DockerEngine): Promise<string[]> {
  const me = currentOwner();
  try {
    const containers = await listContainers(engine, LABEL, 5_000);
    const orphans = containers.filter((container) => isOrphaned(container, me));
    await Promise.all(orphans.map((container) => removeContainer(engine, container.Id, 10_000).catch(() => undefined)));
    return orphans.map((container) => container.Id);
  } catch {
    return [];
  }
}

function describeStartError(error: unknown, spec: ContainerSpec): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  if (/port is already allocated|address already in use/i.test(message)) {
    return `port ${spec.hostPort} is already in use; pick another with --port or leave it out for a free one`;
  }
  return `could not start ${spec.image}: ${message}`;
}
