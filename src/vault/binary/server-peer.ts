import { readdir, readFile, readlink } from 'node:fs/promises';

/**
 * Whether a TCP connection to our audit listener comes from the server's own processes (Linux):
 * the connection's socket, found in /proc/net/tcp by its two ports, must be an open file of the
 * watchdog or one of its children (the server). Where /proc cannot tell (not Linux), it answers
 * yes: the listener then relies on being on loopback only.
 */
export async function isServerConnection(
  watchdogPid: number,
  remotePort: number,
  listenPort: number,
): Promise<boolean> {
  let table: string;
  try {
    table = await readFile('/proc/net/tcp', 'utf8');
  } catch {
    return true;
  }
  const inode = socketInode(table, remotePort, listenPort);
  if (!inode) return false;
  for (const pid of [watchdogPid, ...(await childrenOf(watchdogPid))]) {
    if (await holdsSocket(pid, inode)) return true;
  }
  return false;
}

/** The inode of the socket whose local port is `localPort` and remote port `remotePort`. */
function socketInode(table: string, localPort: number, remotePort: number): string | undefined {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const [local, remote, inode] = [fields[1], fields[2], fields[9]];
    if (local?.endsWith(`:${hex(localPort)}`) && remote?.endsWith(`:${hex(remotePort)}`)) return inode;
  }
  return undefined;
}

/** The processes whose parent is `pid` (from each one's /proc/<pid>/stat: a kernel without `children` files too). */
async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) children.push(Number(entry));
  }
  return children;
}

async function holdsSocket(pid: number, inode: string): Promise<boolean> {
  let fds: string[];
  try {
    fds = await readdir(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    if (target === `socket:[${inode}]`) return true;
  }
  return false;
}
