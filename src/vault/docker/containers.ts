import { PassThrough, type Readable } from 'node:stream';
import { DockerApiError, type DockerEngine } from './engine.js';

export interface CreateContainer {
  image: string;
  command: string[];
  environment: Record<string, string>;
  labels: Record<string, string>;
  containerPort: number;
  /** Host side of the port: an address (127.0.0.1 for a local engine, '' for all) and a port ('' = any free one). */
  hostIp: string;
  hostPort?: number;
}

export interface ContainerSummary {
  Id: string;
  Labels?: Record<string, string>;
  State?: string;
}

/** Create and start a container; returns its id. A failed start removes what was created. */
export async function runContainer(engine: DockerEngine, spec: CreateContainer, timeoutMs: number): Promise<string> {
  const port = `${spec.containerPort}/tcp`;
  const created = await engine.call<{ Id: string }>('POST', '/containers/create', {
    timeoutMs,
    body: {
      Image: spec.image,
      Cmd: spec.command,
      Env: Object.entries(spec.environment).map(([name, value]) => `${name}=${value}`),
      Labels: spec.labels,
      ExposedPorts: { [port]: {} },
      HostConfig: {
        PortBindings: { [port]: [{ HostIp: spec.hostIp, HostPort: spec.hostPort ? String(spec.hostPort) : '' }] },
        // A dev server keeps nothing worth a volume; remove its anonymous volumes with it.
        AutoRemove: false,
      },
    },
  });
  try {
    await engine.call('POST', `/containers/${created.Id}/start`, { timeoutMs });
  } catch (error) {
    await removeContainer(engine, created.Id, timeoutMs).catch(() => undefined);
    throw error;
  }
  return created.Id;
}

/** The host port the engine published `containerPort` on. */
export async function publishedPort(
  engine: DockerEngine,
  id: string,
  containerPort: number,
  timeoutMs: number,
): Promise<number> {
  const info = await engine.call<{ NetworkSettings?: { Ports?: Record<string, Array<{ HostPort?: string }> | null> } }>(
    'GET',
    `/containers/${id}/json`,
    { timeoutMs },
  );
  const binding = info.NetworkSettings?.Ports?.[`${containerPort}/tcp`]?.find((entry) => entry.HostPort);
  if (!binding?.HostPort) throw new Error(`the engine published no host port for ${containerPort}/tcp`);
  return Number(binding.HostPort);
}

/** Resolves with the exit code when the container stops (a long poll on the engine). */
export async function waitForExit(engine: DockerEngine, id: string, signal: AbortSignal): Promise<number> {
  const answer = await engine.call<{ StatusCode?: number }>('POST', `/containers/${id}/wait`, {
    timeoutMs: 2 ** 31 - 1,
    signal,
  });
  return answer?.StatusCode ?? -1;
}

/** Force-remove a container and its anonymous volumes; a container already gone is fine. */
export async function removeContainer(engine: DockerEngine, id: string, timeoutMs: number): Promise<void> {
  try {
    await engine.call('DELETE', `/containers/${id}?force=true&v=true`, { timeoutMs });
  } catch (error) {
    if (error instanceof DockerApiError && (error.status === 404 || /already in progress/i.test(error.message))) return;
    throw error;
  }
}

export function listContainers(engine: DockerEngine, label: string, timeoutMs: number) {
  const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
  return engine.call<ContainerSummary[]>('GET', `/containers/json?all=true&filters=${filters}`, { timeoutMs });
}

/**
 * The container's output (stdout and stderr) as one text stream, following it live. Without a
 * TTY the engine multiplexes the two streams in frames: an 8-byte header (stream, 0, 0, 0,
 * big-endian length) before each chunk.
 */
export async function followLogs(engine: DockerEngine, id: string, timeoutMs: number): Promise<Readable> {
  const response = await engine.open('GET', `/containers/${id}/logs?follow=true&stdout=true&stderr=true`, {
    timeoutMs,
  });
  if ((response.statusCode ?? 500) >= 400) {
    response.destroy();
    throw new DockerApiError(response.statusCode ?? 500, `could not read the logs of container ${id.slice(0, 12)}`);
  }
  const output = new PassThrough();
  const demux = new FrameDemuxer((payload) => output.write(payload));
  response.on('data', (chunk: Buffer) => demux.push(chunk));
  response.on('end', () => output.end());
  response.on('error', (error) => output.destroy(error));
  output.on('close', () => response.destroy());
  return output;
}

export class FrameDemuxer {
  #buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly emit: (payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
    while (this.#buffer.length >= 8) {
      const size = this.#buffer.readUInt32BE(4);
      if (this.#buffer.length < 8 + size) return;
      this.emit(this.#buffer.subarray(8, 8 + size));
      this.#buffer = this.#buffer.subarray(8 + size);
    }
  }
}
