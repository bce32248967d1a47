/**
 * One registry of things to undo when the process ends (servers to stop, process groups to kill),
 * run once whether we exit normally, on Ctrl-C, on SIGTERM/SIGHUP or after an uncaught error.
 * Modelled on gemini-cli's utils/cleanup.ts: errors during cleanup are swallowed and a second
 * signal while shutting down does not start a second shutdown.
 */
type CleanupFn = () => void | Promise<void>;

const cleanups = new Set<CleanupFn>();
/** Synchronous last-resort actions for `process.on('exit')`, where nothing async can run. */
const exitKills = new Set<() => void>();
let shuttingDown = false;
let handlersInstalled = false;
/** When set, a signal ends the process with this code instead of 128+signal (`vault up`: 0). */
let signalExitCode: number | undefined;
const signalListeners = new Set<(signal: NodeJS.Signals) => void>();

export function registerCleanup(fn: CleanupFn): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Register a synchronous action that must run even when the process exits abruptly. */
export function registerExitKill(fn: () => void): () => void {
  installSignalHandlers();
  exitKills.add(fn);
  return () => exitKills.delete(fn);
}

export async function runCleanups(): Promise<void> {
  const pending = [...cleanups].reverse();
  cleanups.clear();
  await Promise.all(
    pending.map(async (fn) => {
      try {
        await fn();
      } catch {
        // A failing cleanup must not stop the others from running.
      }
    }),
  );
}

const SIGNAL_EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** Install SIGINT/SIGTERM/SIGHUP handlers once: run the cleanups, then exit with 128+signal. */
export function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as NodeJS.Signals[]) {
    process.on(signal, () => {
      if (shuttingDown) return;
      shuttingDown = true;
      for (const listener of signalListeners) {
        try {
          listener(signal);
        } catch {
          // Reporting is best effort; the cleanups must still run.
        }
      }
      void runCleanups().finally(() => process.exit(signalExitCode ?? SIGNAL_EXIT_CODES[signal]));
    });
  }
  process.on('exit', () => {
    for (const kill of exitKills) {
      try {
        kill();
      } catch {
        // The process is going away; nothing more can be done.
      }
    }
  });
}

/**
 * For commands whose normal way to end is a signal (`vault up` runs until Ctrl-C): after the
 * cleanups, exit with `code` rather than 128+signal. `onSignal` hears which signal arrived
 * (before the cleanups run), e.g. to print "stopping…". Returns an undo function.
 */
export function exitOnSignalWith(code: number, onSignal?: (signal: NodeJS.Signals) => void): () => void {
  installSignalHandlers();
  signalExitCode = code;
  if (onSignal) signalListeners.add(onSignal);
  return () => {
    signalExitCode = undefined;
    if (onSignal) signalListeners.delete(onSignal);
  };
}
