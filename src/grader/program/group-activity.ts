import { readdir, readFile } from 'node:fs/promises';

/**
 * Whether any process of a process group is running or waiting for a CPU (state R) or for a disk
 * (D), on Linux. A server waiting for requests sleeps (S); a program still crashing — printing its
 * stack trace, flushing, exiting — is runnable, even when a loaded machine has not given it a CPU
 * for a while. Elsewhere: undefined (unknown).
 */
export async function groupIsBusy(pgid: number): Promise<boolean | undefined> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // `pid (comm) state ppid pgrp …`: comm may hold spaces and parentheses, so read after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && (state === 'R' || state === 'D')) return true;
  }
  return false;
}
