import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * Is there a Docker engine to start containers on? Two steps (ARCHITECTURE.md, Traps):
 * 1. a filesystem/environment pre-check, microseconds: no DOCKER_HOST, no testcontainers
 *    config and no docker.sock anywhere testcontainers would look → no engine, and testcontainers
 *    is not even imported (it costs ~190 ms to load);
 * 2. otherwise the runtime client itself (which runs `docker info`), raced against a timeout,
 *    because an endpoint that accepts the connection but never answers makes it hang forever.
 */
export type DockerDetection =
  { available: true; endpoint: string; host: string; client: unknown } | { available: false; reason: string };

export interface DockerDetectOptions {
  env?: NodeJS.ProcessEnv;
  home?: string;
  exists?: (path: string) => boolean;
  /** How long the runtime client may take to answer. */
  timeoutMs?: number;
  /** Loads the runtime client (testcontainers' `getContainerRuntimeClient`); injectable for tests. */
  connect?: () => Promise<RuntimeClientLike>;
}

/** The part of testcontainers' ContainerRuntimeClient we read. */
export interface RuntimeClientLike {
  info: { containerRuntime: { host: string; serverVersion?: number | string; operatingSystem?: string } };
}

export const DEFAULT_DOCKER_TIMEOUT_MS = 3_000;

/** Where an engine might be reachable from, in testcontainers' order; empty = no engine. */
export function dockerEndpointCandidates(options: Pick<DockerDetectOptions, 'env' | 'home' | 'exists'> = {}): string[] {
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const exists = options.exists ?? existsSync;
  const found: string[] = [];
  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost) {
    // A unix socket that is not there cannot answer; anything else (tcp, ssh, npipe) must be asked.
    const socket = dockerHost.startsWith('unix://') ? dockerHost.slice('unix://'.length) : undefined;
    if (socket === undefined || exists(socket)) found.push(`DOCKER_HOST=${dockerHost}`);
  }
  if (exists(join(home, '.testcontainers.properties'))) found.push('~/.testcontainers.properties');
  if (process.platform === 'win32') found.push('npipe:////./pipe/docker_engine');
  const sockets = [
    '/var/run/docker.sock',
    env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'docker.sock') : undefined,
    join(home, '.docker', 'run', 'docker.sock'),
    join(home, '.docker', 'desktop', 'docker.sock'),
    join('/run', 'user', String(safeUid()), 'docker.sock'),
  ];
  for (const socket of sockets) if (socket && exists(socket)) found.push(socket);
  return [...new Set(found)];
}

function safeUid(): number {
  try {
    return userInfo().uid;
  } catch {
    return -1;
  }
}

export async function detectDocker(options: DockerDetectOptions = {}): Promise<DockerDetection> {
  const candidates = dockerEndpointCandidates(options);
  if (candidates.length === 0) {
    const dockerHost = (options.env ?? process.env).DOCKER_HOST;
    return {
      available: false,
      reason: dockerHost
        ? `no Docker engine (DOCKER_HOST=${dockerHost} points at a socket that does not exist)`
        : 'no Docker engine (no DOCKER_HOST, no docker.sock)',
    };
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOCKER_TIMEOUT_MS;
  let connect = options.connect;
  if (!connect) {
    // Loading the module is slow but bounded; only the client's request can hang, so only it is timed.
    try {
      const { getContainerRuntimeClient } = await import('testcontainers');
      connect = getContainerRuntimeClient;
    } catch {
      return {
        available: false,
        reason: 'the optional testcontainers package is not installed (npm install testcontainers@11)',
      };
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref();
  });
  try {
    const client = await Promise.race([connect(), timeout]);
    if (client === 'timeout') {
      return {
        available: false,
        reason: `the Docker engine at ${candidates[0]} did not answer within ${formatSeconds(timeoutMs)}`,
      };
    }
    return { available: true, endpoint: candidates[0]!, host: client.info.containerRuntime.host, client };
  } catch (error) {
    return {
      available: false,
      reason: `no Docker engine answered at ${candidates[0]} (${describeConnectError(error)})`,
    };
  } finally {
    clearTimeout(timer);
  }
}

function describeConnectError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/working container runtime strategy/i.test(message)) return 'it refused or is not a Docker API';
  return message.split('\n')[0]!.slice(0, 160);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** A human one-liner for `doctor` and selection reasons. */
export function describeEngine(detection: Extract<DockerDetection, { available: true }>): string {
  const runtime = (detection.client as RuntimeClientLike).info.containerRuntime;
  const version = runtime.serverVersion ? ` ${runtime.serverVersion}` : '';
  const os = runtime.operatingSystem ? ` (${runtime.operatingSystem})` : '';
  return `Docker engine${version}${os} at ${detection.endpoint}`;
}
