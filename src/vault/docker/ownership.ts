import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { ContainerSummary } from './containers.js';

/**
 * Every container we start carries these labels, so that a later run can tell which of them
 * belong to a process that is gone (killed with -9, a crash, a reboot) and remove only those.
 * Several secrets-workbook processes (two terminals, parallel test workers, other users of a
 * shared engine) run containers at once: a container whose owner may still be alive is never
 * touched.
 */
export const LABEL = 'io.github.secrets-workbook';
export const LABEL_PID = `${LABEL}.pid`;
export const LABEL_HOST = `${LABEL}.host`;
export const LABEL_BOOT = `${LABEL}.boot-id`;

export interface Owner {
  pid: number;
  host: string;
  /** Changes at every boot (Linux); undefined where the system gives no such id. */
  bootId?: string;
}

export function currentOwner(): Owner {
  return { pid: process.pid, host: hostname(), bootId: readBootId() };
}

function readBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export function ownerLabels(role: string, owner: Owner): Record<string, string> {
  return {
    [LABEL]: role,
    [LABEL_PID]: String(owner.pid),
    [LABEL_HOST]: owner.host,
    ...(owner.bootId ? { [LABEL_BOOT]: owner.bootId } : {}),
  };
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Is this container's owner certainly gone? Only for containers started on this host: same
 * boot and the pid is not running, or an earlier boot (its processes are all gone). Containers
 * without our pid label (an older version, another host) are left alone.
 */
export function isOrphaned(
  container: ContainerSummary,
  me: Owner,
  alive: (pid: number) => boolean = isProcessAlive,
): boolean {
  const labels = container.Labels ?? {};
  const pid = Number(labels[LABEL_PID]);
  if (!Number.isInteger(pid) || pid <= 0 || labels[LABEL_HOST] !== me.host) return false;
  if (pid === me.pid && labels[LABEL_BOOT] === me.bootId) return false;
  const bootId = labels[LABEL_BOOT];
  if (bootId && me.bootId && bootId !== me.bootId) return true;
  return !alive(pid);
}
