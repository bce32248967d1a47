/**
 * Signals a whole process group: a child started detached leads its own group, and whatever it
 * started in that group (a shell's children, a server's workers) gets the signal too. A group
 * that is already gone is not an error.
 */
export function signalProcessGroup(leaderPid: number | undefined, signal: NodeJS.Signals): void {
  if (leaderPid === undefined) return;
  try {
    process.kill(-leaderPid, signal);
  } catch {
    // The group is already gone.
  }
}
