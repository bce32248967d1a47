import type { ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { registerExitKill } from '../../util/cleanup.js';
import { signalProcessGroup } from '../../util/process-group.js';
import { statusAsSignal, type Hidden, type Sandbox } from './sandbox.js';

/**
 * Runs one shell command as the leader of its own process group (execa, detached), with stdin
 * closed and only the environment it is given. Output is handed over chunk by chunk as it
 * arrives (never buffered here, so a program that prints 20 MB neither blocks nor fills our
 * memory). At the end — exit, timeout or `stop()` — the whole group is killed: a learner's program
 * may leave children behind, and they must not outlive the grade.
 */
export type OutputStream = 'stdout' | 'stderr';

export interface RunOptions {
  command: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  onOutput?: (stream: OutputStream, chunk: string) => void;
  /** Runs it in a PID namespace (`sandbox.ts`): nothing it starts outlives it, or the grader. */
  sandbox?: Sandbox;
  /** What the sandbox hides from the program besides engines' sockets (`classroom grade-all`: the class folder). */
  hidden?: Hidden;
  /** Called once the process exists. */
  onStart?: (pid: number | undefined) => void;
}

export interface RunResult {
  exitCode?: number;
  signal?: string;
  /** Killed by us because the timeout hit. */
  timedOut: boolean;
  /** Stopped by us through `stop()` (every read was seen, or the grade was cancelled). */
  stoppedByGrader: boolean;
  /** It could not be started at all (command not found, bad folder). */
  spawnError?: string;
  durationMs: number;
}

export interface RunningProgram {
  result: Promise<RunResult>;
  /** Its process group's id (the leader's pid), once started. */
  readonly pgid?: number;
  /** Kill the whole group (SIGTERM, then SIGKILL); resolves when it is gone. */
  stop(): Promise<void>;
}

const KILL_GRACE_MS = 1_000;
/** After SIGKILL, how long to wait for pipes held by processes that escaped the group. */
const PIPE_DRAIN_MS = 500;

export function runProgram(options: RunOptions): RunningProgram {
  const started = Date.now();
  const wrapped = options.sandbox?.wrap(options.command, options.hidden);
  const execaOptions = {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    detached: true,
    cleanup: false,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    encoding: 'buffer',
  } as const;
  const subprocess = wrapped
    ? execa(wrapped.file, wrapped.args, execaOptions)
    : execa(options.command, { ...execaOptions, shell: true });
  const child = subprocess as unknown as ChildProcess;
  const unregister = registerExitKill(() => killGroup(child, 'SIGKILL', true));
  options.onStart?.(child.pid);
  forwardOutput(child, options.onOutput);
  const ending = watchEnd(child, subprocess);
  const stopped = { timedOut: false, byGrader: false };
  let terminating: Promise<void> | undefined;
  const terminate = () => (terminating ??= terminateGroup(child, ending.exited));
  const timer = setTimeout(() => {
    stopped.timedOut = true;
    void terminate();
  }, options.timeoutMs);
  timer.unref();

  const result = (async (): Promise<RunResult> => {
    await ending.exited;
    clearTimeout(timer);
    // Whatever the leader left running in its group goes with it.
    killGroup(child, 'SIGTERM', true);
    await sleep(20);
    killGroup(child, 'SIGKILL', true);
    await terminating;
    await Promise.race([ending.settled, sleep(PIPE_DRAIN_MS)]);
    child.stdout?.destroy();
    child.stderr?.destroy();
    unregister();
    const exit = ending.exit();
    const signalled = options.sandbox ? statusAsSignal(exit?.code ?? null) : undefined;
    return {
      exitCode: signalled ? undefined : (exit?.code ?? undefined),
      signal: signalled ?? exit?.signal ?? undefined,
      timedOut: stopped.timedOut,
      stoppedByGrader: stopped.byGrader,
      spawnError: exit ? undefined : ending.spawnError(),
      durationMs: Date.now() - started,
    };
  })();

  return {
    result,
    pgid: child.pid,
    async stop() {
      if (!ending.exit()) stopped.byGrader = true;
      await terminate();
      await result;
    },
  };
}

/** Hands each stream's text over as it arrives, decoded as UTF-8 across chunk boundaries. */
function forwardOutput(child: ChildProcess, onOutput: RunOptions['onOutput']): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    const decoder = new StringDecoder('utf8');
    const readable = child[stream];
    readable?.on('data', (chunk: Buffer) => onOutput?.(stream, decoder.write(chunk)));
    readable?.on('end', () => {
      const rest = decoder.end();
      if (rest) onOutput?.(stream, rest);
    });
    readable?.on('error', () => undefined);
  }
}

interface Ending {
  /** The leader exited, or could not be started. */
  exited: Promise<void>;
  /** execa's own promise: settles when the pipes close. */
  settled: Promise<void>;
  exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  spawnError(): string | undefined;
}

function watchEnd(child: ChildProcess, subprocess: PromiseLike<unknown>): Ending {
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    });
    child.once('error', (error) => {
      spawnError ??= error.message;
      resolve();
    });
  });
  // execa's promise carries spawn errors (ENOENT, bad cwd).
  const settled = Promise.resolve(subprocess).then(
    (value) => {
      const result = value as {
        failed?: boolean;
        exitCode?: number;
        signal?: string;
        code?: string;
        shortMessage?: string;
      };
      if (result.failed && result.exitCode === undefined && !result.signal && result.code)
        spawnError ??= result.shortMessage ?? result.code;
    },
    (error: Error) => {
      spawnError ??= error.message;
    },
  );
  return { exited, settled, exit: () => exit, spawnError: () => spawnError };
}

/** SIGTERM to the group, SIGKILL after a grace period, and SIGKILL to whatever of the group is left. */
async function terminateGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  killGroup(child, 'SIGTERM');
  const killTimer = setTimeout(() => killGroup(child, 'SIGKILL'), KILL_GRACE_MS);
  await Promise.race([exited, sleep(KILL_GRACE_MS + 200)]);
  clearTimeout(killTimer);
  // The leader may be gone while children of the group live on: make sure of the whole group.
  killGroup(child, 'SIGKILL', true);
}

/** Signal the child's process group; `force` ignores that the leader itself has exited. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals, force = false): void {
  if (!force && (child.exitCode !== null || child.signalCode !== null)) return;
  signalProcessGroup(child.pid, signal);
}
