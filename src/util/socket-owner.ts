import { readdir, readFile, readlink } from 'node:fs/promises';

/**
 * Which process group holds the client end of a loopback TCP connection, on Linux: the socket's
 * inode from /proc/net/tcp (its local port is the peer port the server saw), then the processes
 * of the group whose file descriptors point at that inode. Elsewhere (no /proc) the answer is
 * `unknown`, and the caller relies on its other evidence.
 */
export type SocketOwner = { kind: 'group' } | { kind: 'other'; pid: number; command?: string } | { kind: 'unknown' };

export async function socketOwner(peerPort: number, serverPort: number, groupId: number): Promise<SocketOwner> {
  const inode = await clientSocketInode(peerPort, serverPort);
  if (inode === undefined) return { kind: 'unknown' };
  const target = `socket:[${inode}]`;
  let holder: number | undefined;
  for (const pid of await processIds()) {
    if (!(await holdsSocket(pid, target))) continue;
    if ((await processGroupOf(pid)) === groupId) return { kind: 'group' };
    holder ??= pid;
  }
  // Nobody holds it any more (closed while we looked, as when Agent is stopped): no evidence either way.
  if (holder === undefined) return { kind: 'unknown' };
  return { kind: 'other', pid: holder, command: await commandOf(holder) };
}

async function clientSocketInode(peerPort: number, serverPort: number): Promise<string | undefined> {
  const local = `:${peerPort.toString(16).toUpperCase().padStart(4, '0')}`;
  const remote = `:${serverPort.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      // A closed connection lingering in TIME_WAIT has inode 0 and belongs to nobody.
      if (fields[1]?.endsWith(local) && fields[2]?.endsWith(remote) && fields[9] && fields[9] !== '0') return fields[9];
    }
  }
  return undefined;
}

async function processIds(): Promise<number[]> {
  const names = await readdir('/proc').catch(() => [] as string[]);
  return names.filter((name) => /^\d+$/.test(name)).map(Number);
}

async function holdsSocket(pid: number, target: string): Promise<boolean> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  for (const fd of fds) {
    if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')) === target) return true;
  }
  return false;
}

async function processGroupOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const group = Number(fields[2]);
  return Number.isInteger(group) ? group : undefined;
}

async function commandOf(pid: number): Promise<string | undefined> {
  const text = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return text.split('\0').filter(Boolean).join(' ').slice(0, 120) || undefined;
}
