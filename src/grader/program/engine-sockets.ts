import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The sockets of container engines on this machine that a learner's program must not reach:
 * Docker's (rootful, rootless, Docker Desktop's, and the one `DOCKER_HOST` names), Podman's and
 * containerd's. Only paths that exist and are sockets, so the sandbox has something to hide.
 */
export function engineSockets(env: NodeJS.ProcessEnv = process.env): string[] {
  const runtime = env.XDG_RUNTIME_DIR ?? (process.getuid ? `/run/user/${process.getuid()}` : undefined);
  const candidates = [
    '/run/docker.sock',
    '/var/run/docker.sock',
    '/run/podman/podman.sock',
    '/run/containerd/containerd.sock',
    '/run/docker/containerd/containerd.sock',
    join(homedir(), '.docker', 'run', 'docker.sock'),
    join(homedir(), '.docker', 'desktop', 'docker.sock'),
    ...(runtime ? [join(runtime, 'docker.sock'), join(runtime, 'podman', 'podman.sock')] : []),
    ...unixPath(env.DOCKER_HOST),
    ...unixPath(env.CONTAINER_HOST),
  ];
  return [...new Set(candidates)].filter(isSocket);
}

function unixPath(address: string | undefined): string[] {
  return address?.startsWith('unix://') ? [address.slice('unix://'.length)] : [];
}

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}
