import { createServer, type IncomingMessage, type Server } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_PATH_PREFIX } from '../../src/vault/audit/stream-trail.js';
import type { DockerDetection } from '../../src/vault/docker-detect.js';
import {
  buildContainerSpec,
  createContainer,
  DOCKER_IMAGES,
  DockerProvider,
  resolveImage,
  type TestcontainersLike,
} from '../../src/vault/docker-provider.js';
import { runCleanups } from '../../src/util/cleanup.js';
import { UserError } from '../../src/util/errors.js';

// Everything about the Docker provider that does not need an engine: the container it asks for,
// where it publishes, how it becomes ready, audits and cleans up. testcontainers is replaced by a
// recording fake whose "container" is a small HTTP server answering like a dev Vault.

type Bindings = Record<string, Array<{ HostPort: string; HostIp?: string }>>;

class FakeContainer {
  static last: FakeContainer | undefined;
  static startError: Error | undefined;
  static server: { port: number; logs: PassThrough } | undefined;
  command: string[] = [];
  environment: Record<string, string> = {};
  labels: Record<string, string> = {};
  waitStrategy: unknown;
  hostConfig: { PortBindings: Bindings } = { PortBindings: {} };
  stops: unknown[] = [];
  constructor(readonly image: string) {
    FakeContainer.last = this;
  }
  withCommand(command: string[]) {
    this.command = command;
    return this;
  }
  withEnvironment(environment: Record<string, string>) {
    this.environment = { ...this.environment, ...environment };
    return this;
  }
  withExposedPorts(...ports: Array<number | { container: number; host: number }>) {
    for (const port of ports) {
      const [container, host] = typeof port === 'number' ? [port, 0] : [port.container, port.host];
      this.hostConfig.PortBindings[`${container}/tcp`] = [{ HostPort: String(host) }];
    }
    return this;
  }
  withWaitStrategy(strategy: unknown) {
    this.waitStrategy = strategy;
    return this;
  }
  withStartupTimeout() {
    return this;
  }
  withLabels(labels: Record<string, string>) {
    this.labels = labels;
    return this;
  }
  async start() {
    if (FakeContainer.startError) throw FakeContainer.startError;
    const server = FakeContainer.server!;
    return {
      getHost: () => 'localhost',
      getMappedPort: () => server.port,
      getId: () => '0123456789abcdef0123',
      logs: async () => server.logs,
      stop: async (options?: unknown) => void this.stops.push(options),
    };
  }
}

const fakeModule = {
  GenericContainer: FakeContainer,
  Wait: { forLogMessage: (message: RegExp | string) => ({ logMessage: message }) },
} as unknown as TestcontainersLike;
const localEngine = async (): Promise<DockerDetection> => ({
  available: true,
  endpoint: '/var/run/docker.sock',
  host: 'localhost',
  client: { info: { containerRuntime: { host: 'localhost' } } },
});

async function body(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text;
}

function auditLine(type: string, path: string): string {
  return JSON.stringify({ time: '2026-01-01T00:00:00Z', type, request: { id: path, operation: 'read', path } }) + '\n';
}

describe('DockerProvider without an engine (fake testcontainers)', () => {
  let server: Server;
  let logs: PassThrough;
  let requests: string[];

  beforeEach(async () => {
    requests = [];
    logs = new PassThrough();
    server = createServer(async (request, response) => {
      const text = await body(request);
      requests.push(`${request.method} ${request.url} ${text}`);
      const path = request.url!.replace(/^\/v1\//, '');
      response.setHeader('Content-Type', 'application/json');
      if (path === 'sys/health')
        return response.end(JSON.stringify({ initialized: true, sealed: false, version: '2.1.1' }));
      if (path === 'sys/audit/file') return response.writeHead(204).end();
      if (path.startsWith(SYNC_PATH_PREFIX)) {
        logs.write(auditLine('request', path) + auditLine('response', path));
        return response.writeHead(404).end(JSON.stringify({ errors: [] }));
      }
      response.writeHead(404).end(JSON.stringify({ errors: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    FakeContainer.server = { port: typeof address === 'object' && address ? address.port : 0, logs };
    FakeContainer.startError = undefined;
    FakeContainer.last = undefined;
  });

  afterEach(async () => {
    await runCleanups();
    await new Promise((resolve) => server.close(resolve));
  });

  it('starts hashicorp/vault in dev mode on 127.0.0.1 with a random root token and a stdout audit device', async () => {
    const provider = new DockerProvider({ detect: localEngine, loadTestcontainers: async () => fakeModule });
    const progress: string[] = [];
    const vault = await provider.start({ onProgress: (line) => progress.push(line) });
    const container = FakeContainer.last!;

    expect(container.image).toBe(DOCKER_IMAGES.vault);
    expect(container.command).toEqual(['server', '-dev', '-dev-no-store-token']);
    expect(container.environment.VAULT_DEV_ROOT_TOKEN_ID).toBe(vault.rootToken);
    expect(vault.rootToken).toMatch(/^[A-Za-z0-9]{20,}$/);
    expect(container.hostConfig.PortBindings).toEqual({ '8200/tcp': [{ HostPort: '0', HostIp: '127.0.0.1' }] });
    expect(container.waitStrategy).toEqual({ logMessage: /server started/i });
    expect(vault.address).toBe(`http://127.0.0.1:${FakeContainer.server!.port}`);
    expect(vault.version).toBe('Vault v2.1.1 (hashicorp/vault:2.1.1, container 0123456789ab)');
    expect(
      requests.find((line) => line.startsWith('PUT /v1/sys/audit/file') || line.startsWith('POST /v1/sys/audit/file')),
    ).toContain('"file_path":"stdout"');
    expect(progress.join('\n')).not.toContain(vault.rootToken);

    logs.write(
      '2026-01-01T00:00:00.000Z [INFO]  core: post-unseal setup complete\n' + auditLine('request', 'secret/data/x'),
    );
    expect((await vault.auditTrail!.entries()).map((entry) => entry.request.path)).toEqual(['secret/data/x']);
    await vault.stop();
    await vault.stop();
    expect(container.stops).toEqual([{ remove: true }]);
  });

  it('registers the container for removal on Ctrl-C/SIGTERM (the cleanup registry), once', async () => {
    const provider = new DockerProvider({ detect: localEngine, loadTestcontainers: async () => fakeModule });
    const vault = await provider.start({ audit: false });
    expect(vault.auditTrail).toBeUndefined();
    await runCleanups(); // what the signal handler runs
    expect(FakeContainer.last!.stops).toEqual([{ remove: true }]);
    await vault.stop();
    expect(FakeContainer.last!.stops).toHaveLength(1);
  });

  it('gives OpenBao its audit device through BAO_LOCAL_CONFIG, not the API', async () => {
    const provider = new DockerProvider({
      image: 'openbao',
      detect: localEngine,
      loadTestcontainers: async () => fakeModule,
    });
    const vault = await provider.start({ rootToken: 'playgroundToken1' });
    const environment = FakeContainer.last!.environment;
    expect(FakeContainer.last!.image).toBe(DOCKER_IMAGES.openbao);
    expect(environment.BAO_DEV_ROOT_TOKEN_ID).toBe('playgroundToken1');
    expect(JSON.parse(environment.BAO_LOCAL_CONFIG!)).toEqual({
      audit: [{ type: 'file', path: 'file', options: { file_path: 'stdout' } }],
    });
    expect(requests.some((line) => line.includes('/v1/sys/audit/file'))).toBe(false);
    expect(vault.version).toMatch(/^OpenBao v2\.1\.1 \(openbao\/openbao:2\.7\.2/);
    await vault.stop();
  });

  it('publishes a fixed --port and refuses one already in use with one line', async () => {
    const provider = new DockerProvider({ detect: localEngine, loadTestcontainers: async () => fakeModule });
    const busy = FakeContainer.server!.port; // our fake server holds it
    await expect(provider.start({ port: busy })).rejects.toThrow(
      new UserError(
        `port ${busy} on 127.0.0.1 is already in use; pick another with --port or leave it out for a free one`,
      ),
    );
    expect(FakeContainer.last).toBeUndefined();
  });

  it('turns engine errors into one-line user errors', async () => {
    FakeContainer.startError = new Error(
      '(HTTP code 404) unexpected - pull access denied for hashicorp/vault, repository does not exist\nmore detail',
    );
    const provider = new DockerProvider({ detect: localEngine, loadTestcontainers: async () => fakeModule });
    const error = await provider.start().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      'docker provider: could not pull hashicorp/vault:2.1.1: (HTTP code 404) unexpected - pull access denied for hashicorp/vault, repository does not exist',
    );
  });

  it('does not load testcontainers when no engine answered, and says why', async () => {
    let loaded = false;
    const provider = new DockerProvider({
      detect: async () => ({ available: false, reason: 'no Docker engine (no DOCKER_HOST, no docker.sock)' }),
      loadTestcontainers: async () => {
        loaded = true;
        return fakeModule;
      },
    });
    expect(await provider.availability()).toEqual({
      available: false,
      reason: 'no Docker engine (no DOCKER_HOST, no docker.sock)',
    });
    await expect(provider.start()).rejects.toThrow(
      'docker provider: no Docker engine (no DOCKER_HOST, no docker.sock)',
    );
    expect(loaded).toBe(false);
  });
});

describe('container options', () => {
  it('resolves image choices to pinned tags, never latest', () => {
    expect(resolveImage(undefined)).toEqual({ image: 'hashicorp/vault:2.1.1', flavor: 'vault' });
    expect(resolveImage('openbao')).toEqual({ image: 'openbao/openbao:2.7.2', flavor: 'openbao' });
    expect(resolveImage('registry.example/mirror/openbao:2.7.2')).toEqual({
      image: 'registry.example/mirror/openbao:2.7.2',
      flavor: 'openbao',
    });
    expect(() => resolveImage('vault; rm -rf /')).toThrow(UserError);
    for (const image of Object.values(DOCKER_IMAGES)) expect(image).toMatch(/:\d+\.\d+\.\d+$/);
  });

  it('publishes on every interface only when the engine is remote (its 127.0.0.1 is not ours)', () => {
    const spec = buildContainerSpec({
      image: DOCKER_IMAGES.vault,
      flavor: 'vault',
      rootToken: 't0ken',
      audit: false,
      hostPort: 8200,
      runtimeHost: '10.0.0.2',
    });
    expect(spec.loopbackOnly).toBe(false);
    expect(spec.enableAuditByApi).toBe(false);
    const container = createContainer(fakeModule, spec) as unknown as FakeContainer;
    expect(container.hostConfig.PortBindings).toEqual({ '8200/tcp': [{ HostPort: '8200' }] });
    expect(
      buildContainerSpec({
        ...spec,
        flavor: 'vault',
        image: spec.image,
        rootToken: 't',
        audit: true,
        runtimeHost: 'localhost',
      }).loopbackOnly,
    ).toBe(true);
  });
});
