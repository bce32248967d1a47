import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectDocker, dockerEndpointCandidates } from '../../src/vault/docker-detect.js';
import { freePort } from '../../src/util/net.js';

const nothingExists = () => false;

describe('dockerEndpointCandidates', () => {
  it('is empty when there is no DOCKER_HOST, no testcontainers config and no socket', () => {
    expect(dockerEndpointCandidates({ env: {}, home: '/nowhere', exists: nothingExists })).toEqual([]);
  });

  it('lists DOCKER_HOST (tcp always, unix only when the socket exists) and the sockets testcontainers looks at', () => {
    const present = new Set(['/var/run/docker.sock', '/run/xdg/docker.sock', '/home/u/.docker/desktop/docker.sock']);
    const exists = (path: string) => present.has(path);
    expect(
      dockerEndpointCandidates({
        env: { DOCKER_HOST: 'tcp://10.0.0.2:2375', XDG_RUNTIME_DIR: '/run/xdg' },
        home: '/home/u',
        exists,
      }),
    ).toEqual([
      'DOCKER_HOST=tcp://10.0.0.2:2375',
      '/var/run/docker.sock',
      '/run/xdg/docker.sock',
      '/home/u/.docker/desktop/docker.sock',
    ]);
    expect(
      dockerEndpointCandidates({ env: { DOCKER_HOST: 'unix:///gone.sock' }, home: '/home/u', exists: nothingExists }),
    ).toEqual([]);
    expect(
      dockerEndpointCandidates({
        env: {},
        home: '/home/u',
        exists: (path) => path === '/home/u/.testcontainers.properties',
      }),
    ).toEqual(['~/.testcontainers.properties']);
  });
});

describe('detectDocker', () => {
  const savedDockerHost = process.env.DOCKER_HOST;
  let silent: { server: Server; sockets: Set<Socket>; dir: string } | undefined;

  afterEach(async () => {
    if (savedDockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = savedDockerHost;
    if (silent) {
      for (const socket of silent.sockets) socket.destroy();
      await new Promise((resolve) => silent!.server.close(resolve));
      await rm(silent.dir, { recursive: true, force: true });
      silent = undefined;
    }
  });

  it('says why without loading the runtime client when nothing could be an engine', async () => {
    let connected = false;
    const connect = async () => {
      connected = true;
      throw new Error('must not be called');
    };
    const none = await detectDocker({ env: {}, home: '/nowhere', exists: nothingExists, connect });
    expect(none).toEqual({ available: false, reason: 'no Docker engine (no DOCKER_HOST, no docker.sock)' });
    const dangling = await detectDocker({
      env: { DOCKER_HOST: 'unix:///tmp/none.sock' },
      home: '/nowhere',
      exists: nothingExists,
      connect,
    });
    expect(dangling).toEqual({
      available: false,
      reason: 'no Docker engine (DOCKER_HOST=unix:///tmp/none.sock points at a socket that does not exist)',
    });
    expect(connected).toBe(false);
  });

  it('gives up on a socket that accepts and never answers (real testcontainers client, short timeout)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sw-silent-docker-'));
    const path = join(dir, 'docker.sock');
    const sockets = new Set<Socket>();
    const server = createNetServer((socket) => {
      sockets.add(socket); // accept, read nothing, answer nothing
    });
    await new Promise<void>((resolve) => server.listen(path, resolve));
    silent = { server, sockets, dir };
    process.env.DOCKER_HOST = `unix://${path}`;

    const detection = await detectDocker({
      env: process.env,
      home: '/nowhere',
      exists: (p) => p === path,
      timeoutMs: 300,
    });
    expect(detection).toEqual({
      available: false,
      reason: `the Docker engine at DOCKER_HOST=unix://${path} did not answer within 0.3 s`,
    });
    expect(sockets.size).toBeGreaterThan(0); // the client really connected and waited
  });

  it('reports a refused endpoint as no engine answering (real testcontainers client)', async () => {
    const port = await freePort();
    process.env.DOCKER_HOST = `tcp://127.0.0.1:${port}`;
    const detection = await detectDocker({
      env: process.env,
      home: '/nowhere',
      exists: nothingExists,
      timeoutMs: 5_000,
    });
    expect(detection.available).toBe(false);
    if (!detection.available)
      expect(detection.reason).toMatch(
        new RegExp(`^no Docker engine answered at DOCKER_HOST=tcp://127\\.0\\.0\\.1:${port} \\(`),
      );
  });

  it('is available when the runtime client answers, with the host containers are published on', async () => {
    const detection = await detectDocker({
      env: { DOCKER_HOST: 'tcp://10.0.0.2:2375' },
      home: '/nowhere',
      exists: nothingExists,
      connect: async () => ({
        info: { containerRuntime: { host: '10.0.0.2', serverVersion: 28, operatingSystem: 'Debian' } },
      }),
    });
    expect(detection).toMatchObject({ available: true, endpoint: 'DOCKER_HOST=tcp://10.0.0.2:2375', host: '10.0.0.2' });
  });
});
