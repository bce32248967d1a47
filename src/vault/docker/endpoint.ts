import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * Where the Docker engine is, resolved the way the `docker` CLI does: DOCKER_HOST, then the
 * current `docker context`, then the sockets Docker Engine, rootless Docker and Docker Desktop
 * create. Only unix sockets and tcp (with DOCKER_TLS_VERIFY/DOCKER_CERT_PATH) are spoken; an
 * ssh:// host is reported, not guessed at.
 */
export type DockerEndpoint =
  | { kind: 'unix'; socketPath: string; label: string }
  | { kind: 'tcp'; host: string; port: number; tls?: { ca: string; cert: string; key: string }; label: string };

export type EndpointResolution = { endpoint: DockerEndpoint } | { reason: string };

export interface EndpointOptions {
  env?: NodeJS.ProcessEnv;
  home?: string;
  exists?: (path: string) => boolean;
  readText?: (path: string) => string | undefined;
}

export function resolveDockerEndpoint(options: EndpointOptions = {}): EndpointResolution {
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const exists = options.exists ?? existsSync;
  const readText = options.readText ?? readIfExists;

  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost) return fromHost(dockerHost, 'DOCKER_HOST', env, exists);

  const contextHost = currentContextHost(env, home, readText);
  if (contextHost) return fromHost(contextHost.host, `docker context ${contextHost.name}`, env, exists);

  const sockets = [
    '/var/run/docker.sock',
    env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'docker.sock') : undefined,
    join(home, '.docker', 'run', 'docker.sock'),
    join(home, '.docker', 'desktop', 'docker.sock'),
    join('/run', 'user', String(safeUid()), 'docker.sock'),
  ];
  for (const socket of sockets) {
    if (socket && exists(socket)) return { endpoint: { kind: 'unix', socketPath: socket, label: socket } };
  }
  return { reason: 'no Docker engine (no DOCKER_HOST, no docker.sock)' };
}

function fromHost(
  host: string,
  source: string,
  env: NodeJS.ProcessEnv,
  exists: (path: string) => boolean,
): EndpointResolution {
  const label = `${source}=${host}`;
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    return exists(socketPath)
      ? { endpoint: { kind: 'unix', socketPath, label } }
      : { reason: `no Docker engine (${label} points at a socket that does not exist)` };
  }
  const tcp = /^(?:tcp|https?):\/\/\[?([^\]/]+?)\]?(?::(\d+))?\/?$/.exec(host);
  if (tcp) {
    const tlsVerify = Boolean(env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== '0');
    const port = Number(tcp[2] ?? (tlsVerify ? 2376 : 2375));
    if (!tlsVerify) return { endpoint: { kind: 'tcp', host: tcp[1]!, port, label } };
    const certDir = env.DOCKER_CERT_PATH || join(homedir(), '.docker');
    const tls = { ca: join(certDir, 'ca.pem'), cert: join(certDir, 'cert.pem'), key: join(certDir, 'key.pem') };
    return { endpoint: { kind: 'tcp', host: tcp[1]!, port, tls, label } };
  }
  if (host.startsWith('ssh://'))
    return { reason: `${label}: Docker over ssh is not supported here (forward the socket, or use --vault binary)` };
  if (host.startsWith('npipe://')) return { reason: `${label}: Windows named pipes are not supported (use WSL 2)` };
  return { reason: `${label} is not a Docker host this tool understands (unix:// or tcp://)` };
}

/** The `docker context use …` choice: DOCKER_CONTEXT, else config.json's currentContext. */
function currentContextHost(
  env: NodeJS.ProcessEnv,
  home: string,
  readText: (path: string) => string | undefined,
): { name: string; host: string } | undefined {
  const configDir = env.DOCKER_CONFIG || join(home, '.docker');
  let name = env.DOCKER_CONTEXT?.trim();
  if (!name) {
    try {
      name = (JSON.parse(readText(join(configDir, 'config.json')) ?? '{}') as { currentContext?: string })
        .currentContext;
    } catch {
      return undefined;
    }
  }
  if (!name || name === 'default') return undefined;
  const id = createHash('sha256').update(name).digest('hex');
  try {
    const meta = JSON.parse(readText(join(configDir, 'contexts', 'meta', id, 'meta.json')) ?? '{}') as {
      Endpoints?: { docker?: { Host?: string } };
    };
    const host = meta.Endpoints?.docker?.Host;
    return host ? { name, host } : undefined;
  } catch {
    return undefined;
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function safeUid(): number {
  try {
    return userInfo().uid;
  } catch {
    return -1;
  }
}

/** Whether ports published by this engine are on this machine (so they can be bound to 127.0.0.1). */
export function isLocalEngine(endpoint: DockerEndpoint): boolean {
  return endpoint.kind === 'unix' || ['localhost', '127.0.0.1', '::1'].includes(endpoint.host);
}
