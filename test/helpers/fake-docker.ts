import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A Docker engine that misbehaves on purpose: a real unix socket speaking the Engine API calls
 * the docker provider makes, with the failure modes a learner's machine has — an engine that
 * never answers, a registry it cannot reach, a pull refused or stalled, a container that never
 * turns healthy. Its "containers" are small HTTP servers on 127.0.0.1 answering like a dev Vault.
 */
export interface FakeDockerBehaviour {
  ping?: 'ok' | 'hang';
  /** Images present locally. */
  images?: string[];
  registry?: 'ok' | 'unreachable' | 'hang';
  pull?: 'ok' | 'refuse' | 'stall';
  /** With pull 'ok': the pause between two progress events (a download one can watch). */
  pullPaceMs?: number;
  container?: 'healthy' | 'never-healthy' | 'exits';
}

export interface FakeContainer {
  id: string;
  image: string;
  env: string[];
  labels: Record<string, string>;
  hostIp: string;
  removed: boolean;
  server?: Server;
  port: number;
}

export interface FakeDocker {
  socketPath: string;
  dockerHost: string;
  requests: string[];
  containers: FakeContainer[];
  behaviour: FakeDockerBehaviour;
  close(): Promise<void>;
}

const NO_SUCH_HOST = 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host';

export async function startFakeDocker(behaviour: FakeDockerBehaviour = {}): Promise<FakeDocker> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-docker-'));
  const socketPath = join(dir, 'docker.sock');
  const requests: string[] = [];
  const containers: FakeContainer[] = [];
  const sockets = new Set<Socket>();
  const images = new Set(behaviour.images ?? []);
  const fake: FakeDocker = {
    socketPath,
    dockerHost: `unix://${socketPath}`,
    requests,
    containers,
    behaviour,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      for (const container of containers) await closeServer(container.server);
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    void handle(fake, images, request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return fake;
}

async function handle(fake: FakeDocker, images: Set<string>, request: IncomingMessage, response: ServerResponse) {
  const { behaviour } = fake;
  const url = new URL(request.url ?? '/', 'http://docker');
  const path = url.pathname;
  const body = await readBody(request);
  const json = (status: number, value: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(value));
  };
  if (path === '/_ping') return behaviour.ping === 'hang' ? undefined : response.end('OK');
  if (path === '/version') return json(200, { Version: '99.0.0-fake', ApiVersion: '1.41', Os: 'linux' });
  let match = /^\/images\/(.+)\/json$/.exec(path);
  if (match) {
    const name = decodeURIComponent(match[1]!);
    return images.has(name) ? json(200, { Size: 123_000_000 }) : json(404, { message: `No such image: ${name}` });
  }
  if (path.startsWith('/distribution/')) {
    if (behaviour.registry === 'hang') return undefined;
    if (behaviour.registry === 'unreachable') return json(500, { message: NO_SUCH_HOST });
    return json(200, { Descriptor: { size: 1234 } });
  }
  if (path === '/images/create') return pull(behaviour, images, url, response);
  if (path === '/containers/create') return json(201, { Id: await createContainer(fake, JSON.parse(body)) });
  if (path === '/containers/json') {
    const live = fake.containers.filter((container) => !container.removed);
    return json(
      200,
      live.map((container) => ({ Id: container.id, Labels: container.labels })),
    );
  }
  match = /^\/containers\/([0-9a-f]+)(?:\/(\w+))?$/.exec(path);
  const container = match ? fake.containers.find((candidate) => candidate.id === match![1]) : undefined;
  if (!container || container.removed) return json(404, { message: 'No such container' });
  switch (`${request.method} ${match![2] ?? ''}`) {
    case 'POST start':
      return response.writeHead(204).end();
    case 'GET json':
      return json(200, {
        NetworkSettings: { Ports: { '8200/tcp': [{ HostIp: container.hostIp, HostPort: String(container.port) }] } },
      });
    case 'POST wait':
      if (behaviour.container === 'exits') return json(200, { StatusCode: 1 });
      return undefined; // a long poll that ends when the client goes away
    case 'GET logs':
      response.writeHead(200, { 'Content-Type': 'application/vnd.docker.raw-stream' });
      return response.write(frame('==> Vault server started!\n'));
    case 'DELETE ':
      container.removed = true;
      await closeServer(container.server);
      return response.writeHead(204).end();
  }
  return json(404, { message: `not faked: ${request.method} ${path}` });
}

async function pull(behaviour: FakeDockerBehaviour, images: Set<string>, url: URL, response: ServerResponse) {
  if (behaviour.pull === 'refuse') {
    response.writeHead(500, { 'Content-Type': 'application/json' });
    return response.end(JSON.stringify({ message: NO_SUCH_HOST }));
  }
  response.writeHead(200, { 'Content-Type': 'application/json' });
  if (behaviour.pull === 'stall') return response.write(`${JSON.stringify({ status: 'Pulling from x', id: 'tag' })}\n`);
  const events = [
    { status: 'Pulling fs layer', id: 'aaa' },
    { status: 'Pulling fs layer', id: 'bbb' },
    { status: 'Downloading', id: 'aaa', progressDetail: { current: 1_000_000, total: 2_000_000 } },
    { status: 'Downloading', id: 'bbb', progressDetail: { current: 3_000_000, total: 3_000_000 } },
    { status: 'Pull complete', id: 'aaa' },
    { status: 'Pull complete', id: 'bbb' },
  ];
  for (const event of events) {
    if (response.destroyed) return;
    response.write(`${JSON.stringify(event)}\n`);
    if (behaviour.pullPaceMs) await new Promise((resolve) => setTimeout(resolve, behaviour.pullPaceMs));
  }
  images.add(`${url.searchParams.get('fromImage')}:${url.searchParams.get('tag')}`);
  response.end();
}

async function createContainer(fake: FakeDocker, request: Record<string, any>): Promise<string> {
  const id = Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
  const binding = request.HostConfig?.PortBindings?.['8200/tcp']?.[0] ?? {};
  const healthy = fake.behaviour.container !== 'never-healthy';
  const server = createServer((req, res) => {
    if (!healthy) return res.writeHead(503).end('{"errors":[]}');
    if (req.url?.startsWith('/v1/sys/health')) return res.end(JSON.stringify({ version: '2.7.2' }));
    res.writeHead(404).end('{"errors":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  fake.containers.push({
    id,
    image: request.Image,
    env: request.Env ?? [],
    labels: request.Labels ?? {},
    hostIp: binding.HostIp ?? '',
    removed: false,
    server,
    port,
  });
  return id;
}

function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = 1;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}
