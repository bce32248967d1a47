import { DockerEngine, describeConnectError } from './docker/engine.js';
import { resolveDockerEndpoint, type EndpointOptions } from './docker/endpoint.js';
import { formatMegabytes, localImageSize, probeRegistry } from './docker/images.js';

/**
 * Is there a Docker engine to start containers on, and can it have the image? In steps, each
 * with a deadline, so that `auto` moves on within seconds:
 * 1. where the engine would be (DOCKER_HOST, the docker context, the usual sockets): microseconds;
 * 2. `GET /_ping` and `/version`: an endpoint that accepts and never answers gives up after 3 s;
 * 3. the image: present locally, or the engine can reach its registry (then it must be pulled).
 */
export type DockerDetection =
  { available: true; engine: DockerEngine; endpoint: string; version: string } | { available: false; reason: string };

export type ImageStatus =
  { state: 'present'; sizeBytes: number } | { state: 'pull' } | { state: 'unreachable'; reason: string };

export interface DockerDetectOptions extends EndpointOptions {
  /** How long the engine may take to answer each call. */
  timeoutMs?: number;
}

export const DEFAULT_DOCKER_TIMEOUT_MS = 3_000;

export async function detectDocker(options: DockerDetectOptions = {}): Promise<DockerDetection> {
  const resolved = resolveDockerEndpoint(options);
  if ('reason' in resolved) return { available: false, reason: resolved.reason };
  const { endpoint } = resolved;
  const engine = new DockerEngine(endpoint);
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOCKER_TIMEOUT_MS;
  try {
    await engine.ping(timeoutMs);
    const version = await engine.version(timeoutMs);
    const os = version.Os ? ` (${version.Os})` : '';
    return { available: true, engine, endpoint: endpoint.label, version: `${version.Version ?? 'unknown'}${os}` };
  } catch (error) {
    return {
      available: false,
      reason: `no Docker engine answered at ${endpoint.label} (${describeConnectError(error)})`,
    };
  }
}

export async function imageStatus(engine: DockerEngine, image: string, timeoutMs = DEFAULT_DOCKER_TIMEOUT_MS) {
  const size = await localImageSize(engine, image, timeoutMs);
  if (size !== undefined) return { state: 'present', sizeBytes: size } satisfies ImageStatus;
  const registry = await probeRegistry(engine, image, timeoutMs);
  return (registry.reachable ? { state: 'pull' } : { state: 'unreachable', reason: registry.reason }) as ImageStatus;
}

/** A human one-liner for `doctor` and selection reasons. */
export function describeEngine(detection: Extract<DockerDetection, { available: true }>): string {
  return `Docker engine ${detection.version} at ${detection.endpoint}`;
}

export function describeImage(image: string, status: ImageStatus): string {
  if (status.state === 'present') return `image ${image} present (${formatMegabytes(status.sizeBytes)})`;
  if (status.state === 'pull') return `image ${image} must be pulled (the registry answers)`;
  return `image ${image} is not here and the ${status.reason}`;
}
