import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectDocker, describeImage, imageStatus } from '../../src/vault/docker-detect.js';
import { resolveDockerEndpoint } from '../../src/vault/docker/endpoint.js';
import { freePort } from '../../src/util/net.js';
import { startFakeDocker, type FakeDocker } from '../helpers/fake-docker.js';

const nothingExists = () => false;

describe('resolveDockerEndpoint', () => {
  it('says so when there is no DOCKER_HOST, no context and no socket', () => {
    expect(resolveDockerEndpoint({ env: {}, home: '/nowhere', exists: nothingExists })).toEqual({
      reason: 'no Docker engine (no DOCKER_HOST, no docker.sock)',
    });
  });

  it('takes DOCKER_HOST first: unix only when the socket exists, tcp with or without TLS, ssh refused in words', () => {
    const exists = (path: string) => path === '/run/d.sock';
    expect(resolveDockerEndpoint({ env: { DOCKER_HOST: 'unix:///run/d.sock' }, exists })).toEqual({
      endpoint: { kind: 'unix', socketPath: '/run/d.sock', label: 'DOCKER_HOST=unix:///run/d.sock' },
    });
    expect(resolveDockerEndpoint({ env: { DOCKER_HOST: 'unix:///gone.sock' }, exists })).toEqual({
      reason: 'no Docker engine (DOCKER_HOST=unix:///gone.sock points at a socket that does not exist)',
    });
    expect(resolveDockerEndpoint({ env: { DOCKER_HOST: 'tcp://10.0.0.2:2375' }, exists })).toMatchObject({
      endpoint: { kind: 'tcp', host: '10.0.0.2', port: 2375 },
    });
    expect(
      resolveDockerEndpoint({
        env: { DOCKER_HOST: 'tcp://build:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/c' },
      }),
    ).toMatchObject({
      endpoint: { kind: 'tcp', host: 'build', port: 2376, tls: { ca: '/c/ca.pem', key: '/c/key.pem' } },
    });
    expect(resolveDockerEndpoint({ env: { DOCKER_HOST: 'ssh://me@box' } })).toEqual({
      reason: expect.stringMatching(/^DOCKER_HOST=ssh:\/\/me@box: Docker over ssh is not supported/),
    });
  });

  it('follows the current docker context (config.json, then its meta.json), as the docker CLI does', () => {
    const id = createHash('sha256').update('colima').digest('hex');
    const files: Record<string, string> = {
      '/h/.docker/config.json': JSON.stringify({ currentContext: 'colima' }),
      [`/h/.docker/contexts/meta/${id}/meta.json`]: JSON.stringify({
        Endpoints: { docker: { Host: 'unix:///h/.colima/docker.sock' } },
      }),
    };
    const resolved = resolveDockerEndpoint({
      env: {},
      home: '/h',
      exists: (path) => path === '/h/.colima/docker.sock' || path === '/var/run/docker.sock',
      readText: (path) => files[path],
    });
    expect(resolved).toEqual({
      endpoint: {
        kind: 'unix',
        socketPath: '/h/.colima/docker.sock',
        label: 'docker context colima=unix:///h/.colima/docker.sock',
      },
    });
  });

  it('falls back to the sockets Docker Engine, rootless Docker and Docker Desktop create', () => {
    const exists = (path: string) => path === '/h/.docker/run/docker.sock';
    expect(resolveDockerEndpoint({ env: {}, home: '/h', exists, readText: () => undefined })).toMatchObject({
      endpoint: { kind: 'unix', socketPath: '/h/.docker/run/docker.sock' },
    });
  });
});

describe('detectDocker and imageStatus (real sockets)', () => {
  let silent: { server: Server; sockets: Set<Socket>; dir: string } | undefined;
  let fake: FakeDocker | undefined;

  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    if (silent) {
      for (const socket of silent.sockets) socket.destroy();
      await new Promise((resolve) => silent!.server.close(resolve));
      await rm(silent.dir, { recursive: true, force: true });
      silent = undefined;
    }
  });

  it('gives up on a socket that accepts and never answers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sw-silent-docker-'));
    const path = join(dir, 'docker.sock');
    const sockets = new Set<Socket>();
    const server = createNetServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(path, resolve));
    silent = { server, sockets, dir };
    const detection = await detectDocker({ env: { DOCKER_HOST: `unix://${path}` }, timeoutMs: 300 });
    expect(detection).toEqual({
      available: false,
      reason: `no Docker engine answered at DOCKER_HOST=unix://${path} (the Docker engine did not answer GET /_ping within 0.3 s)`,
    });
    expect(sockets.size).toBeGreaterThan(0);
  });

  it('reports a refused endpoint in words', async () => {
    const port = await freePort();
    const detection = await detectDocker({ env: { DOCKER_HOST: `tcp://127.0.0.1:${port}` } });
    expect(detection).toEqual({
      available: false,
      reason: `no Docker engine answered at DOCKER_HOST=tcp://127.0.0.1:${port} (it refused the connection)`,
    });
  });

  it('tells apart "image present", "must be pulled" and "registry unreachable"', async () => {
    fake = await startFakeDocker({ images: ['openbao/openbao:2.7.2'], registry: 'unreachable' });
    const detection = await detectDocker({ env: { DOCKER_HOST: fake.dockerHost } });
    expect(detection).toMatchObject({ available: true, version: '99.0.0-fake (linux)' });
    if (!detection.available) return;
    const present = await imageStatus(detection.engine, 'openbao/openbao:2.7.2');
    expect(describeImage('openbao/openbao:2.7.2', present)).toBe('image openbao/openbao:2.7.2 present (123 MB)');
    const offline = await imageStatus(detection.engine, 'hashicorp/vault:2.1.1');
    expect(describeImage('hashicorp/vault:2.1.1', offline)).toMatch(
      /^image hashicorp\/vault:2\.1\.1 is not here and the registry unreachable \(.*no such host/,
    );
    fake.behaviour.registry = 'ok';
    const pull = await imageStatus(detection.engine, 'hashicorp/vault:2.1.1');
    expect(describeImage('hashicorp/vault:2.1.1', pull)).toBe(
      'image hashicorp/vault:2.1.1 must be pulled (the registry answers)',
    );
  });
});
