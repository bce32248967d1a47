import type { Readable } from 'node:stream';
import { VaultAdmin } from './admin-client.js';
import { StreamAuditTrail } from './audit/stream-trail.js';
import { describeEngine, detectDocker, type DockerDetection } from './docker-detect.js';
import { waitForHealthy } from './health.js';
import type { Availability, RunningVault, StartOptions, VaultProvider } from './provider.js';
import { registerCleanup } from '../util/cleanup.js';
import { UserError } from '../util/errors.js';
import { assertPortUsable, LOOPBACK } from '../util/net.js';
import { randomRootToken } from '../util/random.js';

/** Pinned images (never `latest`): the same server every run, on every machine. */
export const DOCKER_IMAGES = {
  vault: 'hashicorp/vault:2.1.1',
  openbao: 'openbao/openbao:2.7.2',
} as const;
export type DockerFlavor = keyof typeof DOCKER_IMAGES;

const VAULT_PORT = 8200;
const AUDIT_DEVICE = 'file';
/** Wait for the container's "server started" line, then for sys/health; the pull is not counted. */
const STARTUP_TIMEOUT_MS = 60_000;
const HEALTH_TIMEOUT_MS = 30_000;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export interface ContainerSpec {
  image: string;
  flavor: DockerFlavor;
  command: string[];
  environment: Record<string, string>;
  containerPort: number;
  /** Fixed host port (`--port`); a random one when undefined. */
  hostPort?: number;
  /** Publish on 127.0.0.1 only (when the engine runs on this machine). */
  loopbackOnly: boolean;
  /** Vault: enable the `file` device over the API after start (OpenBao gets it in its config). */
  enableAuditByApi: boolean;
}

/** `vault`, `openbao`, or a full image reference (a mirror); the flavor follows the name. */
export function resolveImage(choice: string | undefined): { image: string; flavor: DockerFlavor } {
  const value = choice?.trim() || 'vault';
  if (value === 'vault' || value === 'hashicorp') return { image: DOCKER_IMAGES.vault, flavor: 'vault' };
  if (value === 'openbao' || value === 'bao') return { image: DOCKER_IMAGES.openbao, flavor: 'openbao' };
  if (!/^[\w.\-/:@]+$/.test(value))
    throw new UserError(`not a Docker image: ${value} (use vault, openbao or a full image reference)`);
  return { image: value, flavor: /openbao/i.test(value) ? 'openbao' : 'vault' };
}

export function buildContainerSpec(input: {
  image: string;
  flavor: DockerFlavor;
  rootToken: string;
  audit: boolean;
  hostPort?: number;
  runtimeHost: string;
}): ContainerSpec {
  // The images' entrypoints turn these variables into -dev-root-token-id/-dev-listen-address.
  const prefix = input.flavor === 'openbao' ? 'BAO' : 'VAULT';
  const environment: Record<string, string> = {
    [`${prefix}_DEV_ROOT_TOKEN_ID`]: input.rootToken,
    [`${prefix}_DEV_LISTEN_ADDRESS`]: `0.0.0.0:${VAULT_PORT}`,
    // A dev server keeps everything in memory and needs no mlock; skip the setcap dance.
    SKIP_SETCAP: 'true',
  };
  if (input.audit && input.flavor === 'openbao') {
    // OpenBao refuses API-enabled audit devices; the entrypoint writes this to its config folder.
    environment.BAO_LOCAL_CONFIG = JSON.stringify({
      audit: [{ type: 'file', path: AUDIT_DEVICE, options: { file_path: 'stdout' } }],
    });
  }
  return {
    image: input.image,
    flavor: input.flavor,
    command: ['server', '-dev', '-dev-no-store-token'],
    environment,
    containerPort: VAULT_PORT,
    hostPort: input.hostPort,
    loopbackOnly: LOOPBACK_HOSTS.has(input.runtimeHost),
    enableAuditByApi: input.audit && input.flavor === 'vault',
  };
}

/** The slice of the testcontainers module this provider uses (a fake stands in for it in tests). */
export interface TestcontainersLike {
  GenericContainer: new (image: string) => GenericContainerLike;
  Wait: { forLogMessage(message: RegExp | string): unknown };
}
export interface GenericContainerLike {
  withCommand(command: string[]): this;
  withEnvironment(environment: Record<string, string>): this;
  withExposedPorts(...ports: Array<number | { container: number; host: number }>): this;
  withWaitStrategy(strategy: never): this;
  withStartupTimeout(ms: number): this;
  withLabels(labels: Record<string, string>): this;
  start(): Promise<StartedContainerLike>;
}
export interface StartedContainerLike {
  getHost(): string;
  getMappedPort(port: number): number;
  getId(): string;
  logs(): Promise<Readable>;
  stop(options?: { remove?: boolean; timeout?: number }): Promise<unknown>;
}

export interface DockerProviderOptions {
  /** `vault` (default), `openbao`, or a full image reference; env SECRETS_WORKBOOK_DOCKER_IMAGE. */
  image?: string;
  detect?: () => Promise<DockerDetection>;
  loadTestcontainers?: () => Promise<TestcontainersLike>;
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

  async availability(): Promise<Availability> {
    const detection = await this.detect();
    if (!detection.available) return { available: false, reason: detection.reason };
    const { image } = resolveImage(this.options.image);
    return { available: true, reason: `${describeEngine(detection)}, image ${image}` };
  }

  async start(options: StartOptions = {}): Promise<RunningVault> {
    const detection = await this.detect();
    if (!detection.available) throw new UserError(`docker provider: ${detection.reason}`);
    const { image, flavor } = resolveImage(this.options.image);
    const spec = buildContainerSpec({
      image,
      flavor,
      rootToken: options.rootToken ?? randomRootToken(),
      audit: options.audit !== false,
      hostPort: options.port,
      runtimeHost: detection.host,
    });
    if (spec.hostPort !== undefined && spec.loopbackOnly) await assertPortUsable(spec.hostPort);
    const rootToken = spec.environment[flavor === 'openbao' ? 'BAO_DEV_ROOT_TOKEN_ID' : 'VAULT_DEV_ROOT_TOKEN_ID']!;

    const testcontainers = await (this.options.loadTestcontainers ?? loadTestcontainers)();
    options.onProgress?.(`starting ${image} on Docker (the first run pulls the image)`);
    let started: StartedContainerLike;
    try {
      started = await createContainer(testcontainers, spec).start();
    } catch (error) {
      throw new UserError(`docker provider: ${describeStartError(error, spec)}`);
    }

    let auditTrail: StreamAuditTrail | undefined;
    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        unregister();
        await auditTrail?.close();
        await started.stop({ remove: true }).catch(() => undefined);
      })());
    // Ctrl-C/SIGTERM/SIGHUP remove the container; after a crash or kill -9, testcontainers'
    // reaper (Ryuk) removes it about ten seconds after this process's connection drops.
    const unregister = registerCleanup(stop);

    try {
      const host = spec.loopbackOnly ? LOOPBACK : started.getHost();
      const address = `http://${host.includes(':') ? `[${host}]` : host}:${started.getMappedPort(spec.containerPort)}`;
      const health = await waitForHealthy(address, { timeoutMs: HEALTH_TIMEOUT_MS, signal: options.signal });
      const admin = new VaultAdmin(address, rootToken);
      if (options.audit !== false) {
        if (spec.enableAuditByApi) await admin.enableFileAudit(AUDIT_DEVICE, 'stdout');
        auditTrail = new StreamAuditTrail(await started.logs(), {
          hash: (value) => admin.auditHash(AUDIT_DEVICE, value),
          readMarker: async (path) => {
            await admin.readIfExists(path);
          },
        });
      }
      const product = flavor === 'openbao' ? 'OpenBao' : 'Vault';
      const serverVersion = health.version ? ` v${health.version.replace(/^v/, '')}` : '';
      const version = `${product}${serverVersion} (${image}, container ${started.getId().slice(0, 12)})`;
      return { provider: 'docker', address, rootToken, auditTrail, version, stop };
    } catch (error) {
      await stop();
      throw error;
    }
  }
}

export function createContainer(testcontainers: TestcontainersLike, spec: ContainerSpec): GenericContainerLike {
  const ports =
    spec.hostPort !== undefined ? { container: spec.containerPort, host: spec.hostPort } : spec.containerPort;
  const container = new testcontainers.GenericContainer(spec.image)
    .withCommand(spec.command)
    .withEnvironment(spec.environment)
    .withExposedPorts(ports)
    .withWaitStrategy(testcontainers.Wait.forLogMessage(/server started/i) as never)
    .withStartupTimeout(STARTUP_TIMEOUT_MS)
    .withLabels({ 'io.github.secrets-workbook': 'playground-vault' });
  if (spec.loopbackOnly) publishOnLoopback(container);
  return container;
}

/**
 * testcontainers publishes ports on every interface and has no option for the host IP, so set
 * it on the port bindings it prepared (`hostConfig` is the Docker create request's HostConfig).
 */
function publishOnLoopback(container: GenericContainerLike): void {
  const hostConfig = (
    container as unknown as { hostConfig?: { PortBindings?: Record<string, Array<{ HostIp?: string }>> } }
  ).hostConfig;
  for (const bindings of Object.values(hostConfig?.PortBindings ?? {})) {
    for (const binding of bindings) binding.HostIp = LOOPBACK;
  }
}

function describeStartError(error: unknown, spec: ContainerSpec): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  if (/port is already allocated|address already in use/i.test(message)) {
    return `port ${spec.hostPort} is already in use; pick another with --port or leave it out for a free one`;
  }
  if (/pull access denied|manifest unknown|not found/i.test(message)) return `could not pull ${spec.image}: ${message}`;
  return `could not start ${spec.image}: ${message}`;
}

async function loadTestcontainers(): Promise<TestcontainersLike> {
  try {
    return (await import('testcontainers')) as unknown as TestcontainersLike;
  } catch {
    throw new UserError(
      'docker provider: the optional testcontainers package is not installed (npm install testcontainers@11)',
    );
  }
}
