import { spawnSync } from 'node:child_process';
import { accessSync, constants as fsConstants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { engineSockets } from './engine-sockets.js';

/**
 * Everything a learner's program starts must be gone when the grade ends — children that leave
 * its process group too (`setsid`, Python's `start_new_session`, double-fork daemons) — and also
 * when the grader itself is killed with `kill -9`. A process group cannot promise that, a PID
 * namespace can: when a namespace's first process ends, the kernel kills every process in it.
 *
 * On Linux the program runs under util-linux's `setpriv --pdeathsig KILL unshare --pid --fork
 * --kill-child --mount-proc`: `setpriv` makes `unshare` die with the grader (even `kill -9`),
 * `--kill-child` makes the namespace's first process die with `unshare`, and the first process is a
 * small shell (`SANDBOX_INIT`) that runs the program, forwards the grader's SIGTERM to it (a namespace's
 * first process ignores signals it has no handler for) and exits with its status. A fresh /proc is
 * mounted, so the program sees only its own processes: not the Vault server's environment, not
 * the grader's; a program that runs as root gives up its capabilities, so it cannot unmount that
 * /proc (and in a user namespace, even the host's /proc would refuse it every other process's
 * environment). Where none of this exists (macOS, a container
 * without the right), the program runs as a plain process group, as `wrap` then says.
 *
 * A container engine's socket (Docker, Podman, containerd) is hidden too, in the namespace's own
 * mounts: whoever reaches it can `exec` into the Vault container and write log lines that look like
 * the server's audit trail, or read the container's environment. `/dev/null` is bind-mounted over
 * each socket before the capabilities are dropped, so the program cannot unmount it.
 *
 * The same way a caller can hide more (`Hidden`): files under `/dev/null`, folders under an empty
 * read-only tmpfs — `classroom grade-all` hides the class folder (root token, key shares,
 * handouts, the other submissions) and the instructor's token files from each student's program.
 * And it can keep folders in sight but unchangeable (`readOnly`: Go's module cache, which the next
 * build compiles): each is bind-mounted read-only onto itself, and every folder above it onto
 * itself, so that none can be renamed away for an edited copy to take its place (a mount point
 * cannot be moved). The shell then enters its folder again by path, through the new mounts.
 */
export interface Sandbox {
  /** The argv that runs `command` (a shell command line) inside the sandbox, `hidden` out of its sight. */
  wrap(command: string, hidden?: Hidden): { file: string; args: string[] };
  /** Whether the program is kept away from container engines' sockets and from what `wrap` is told to hide. */
  readonly hidesEngineSockets: boolean;
}

/** Paths the program must not see; each must exist (a path that cannot be covered stops the run, status 96). */
export interface Hidden {
  files?: readonly string[];
  folders?: readonly string[];
  /** Folders left in sight, read-only, that neither the program nor its children can change, move or replace. */
  readOnly?: readonly string[];
}

/** The namespace's first process (exported for its test). */
export const SANDBOX_INIT = [
  'trap \'t=1; kill -TERM "$c" 2>/dev/null\' TERM INT HUP',
  '/bin/sh -c "$1" &',
  'c=$!',
  // `wait` returns early when a trapped signal arrives: wait again until the program is gone. Its
  // stderr is muted: dash's `wait` prints "Terminated" for a job ended by a signal, a line the
  // learner would read as their program's own output.
  'while :; do wait "$c" 2>/dev/null; s=$?; kill -0 "$c" 2>/dev/null || break; done',
  // A wait cut short by the signal answers 128 + its number even when the program ended meanwhile
  // (the shell reaped it and keeps its status): ask once more, or a program that handled SIGTERM and
  // exited 3 would be reported as killed by SIGTERM. 127 means nothing was left to ask.
  'if [ -n "$t" ] && [ "$s" -gt 128 ]; then wait "$c" 2>/dev/null; r=$?; [ "$r" -ne 127 ] && s=$r; fi',
  'exit "$s"',
].join('\n');

// Runs in the new mount namespace before the capabilities are dropped: `mount`, a count and the
// folders to pin (`ro` or `keep`, then the path, outermost first), a count and the files to hide, a
// count and the folders to hide, then the rest of the command line.
const HIDE = [
  'mount=$1; n=$2; shift 2',
  'while [ "$n" -gt 0 ]; do',
  '  "$mount" --rbind "$2" "$2" 2>/dev/null || exit 96',
  '  if [ "$1" = ro ]; then "$mount" -o remount,bind,ro "$2" 2>/dev/null || exit 96; fi',
  '  shift 2; n=$((n - 1))',
  'done',
  // The shell's folder may sit under a folder just mounted onto itself: enter it again by path.
  'cd "$PWD" || exit 96',
  'n=$1; shift',
  'while [ "$n" -gt 0 ]; do "$mount" --bind /dev/null "$1" 2>/dev/null || exit 96; shift; n=$((n - 1)); done',
  'n=$1; shift',
  'while [ "$n" -gt 0 ]; do "$mount" -t tmpfs -o ro,size=4k,mode=0555 sw-hidden "$1" 2>/dev/null || exit 96; shift; n=$((n - 1)); done',
  'exec "$@"',
].join('\n');

const NAMESPACE_FLAGS = ['--pid', '--fork', '--kill-child=KILL', '--mount-proc'];
const DEATH_SIGNAL = ['--pdeathsig', 'KILL', '--'];
const SEARCH = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];

let probed: Sandbox | null | undefined;

/**
 * The sandbox this machine supports (probed once, in a few milliseconds), or undefined. A program
 * ended by signal N makes the first process exit with 128 + N (`statusAsSignal` reads it back).
 */
export function programSandbox(): Sandbox | undefined {
  if (probed === undefined) probed = probe() ?? null;
  return probed ?? undefined;
}

function probe(): Sandbox | undefined {
  if (process.platform !== 'linux') return undefined;
  const setpriv = locate('setpriv');
  const unshare = locate('unshare');
  if (!setpriv || !unshare) return undefined;
  const mount = locate('mount');
  // Root (in or out of a user namespace) also gives up every capability, so it cannot unmount the
  // fresh /proc; a user without them has none to give up (and no right to try).
  const dropCapabilities = [setpriv, '--bounding-set=-all', '--inh-caps=-all', '--'];
  const variants = [
    [unshare, '--user', '--map-current-user', ...NAMESPACE_FLAGS, '--', ...dropCapabilities],
    [unshare, '--user', '--map-current-user', ...NAMESPACE_FLAGS, '--'],
    [unshare, ...NAMESPACE_FLAGS, '--', ...dropCapabilities],
  ];
  // The trial hides a file of its own: a variant that cannot bind-mount fails it with 96, and the
  // variants that keep engines' sockets in view are tried only after every hiding one.
  const scratch = mkdtempSync(join(tmpdir(), 'sw-sandbox-probe-'));
  try {
    const decoy = join(scratch, 'engine.sock');
    writeFileSync(decoy, '');
    const decoyFolder = join(scratch, 'class');
    mkdirSync(decoyFolder);
    const pinnedFolder = join(scratch, 'modules');
    mkdirSync(pinnedFolder);
    if (mount) {
      // Only where the program then loses its capabilities: otherwise it could unmount `/dev/null`.
      for (const variant of variants.filter((candidate) => candidate.includes(dropCapabilities[1]!))) {
        const trial = hidingSandbox(setpriv, mount, variant, () => [decoy]);
        if (trialPasses(trial, { folders: [decoyFolder], readOnly: [pinnedFolder] })) {
          return hidingSandbox(setpriv, mount, variant, engineSockets);
        }
      }
    }
    return variants.map((variant) => plainSandbox(setpriv, variant)).find((sandbox) => trialPasses(sandbox));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function plainSandbox(setpriv: string, variant: string[]): Sandbox {
  return {
    hidesEngineSockets: false,
    wrap: (command) => ({
      file: setpriv,
      args: [...DEATH_SIGNAL, ...variant, '/bin/sh', '-c', SANDBOX_INIT, 'sw-init', command],
    }),
  };
}

function hidingSandbox(setpriv: string, mount: string, variant: string[], paths: () => string[]): Sandbox {
  // The hiding shell runs right after unshare's own `--`, before the capabilities are dropped.
  const split = variant.indexOf('--') + 1;
  const [namespaces, dropCapabilities] = [variant.slice(0, split), variant.slice(split)];
  return {
    hidesEngineSockets: true,
    wrap: (command, hidden = {}) => {
      const files = [...paths(), ...(hidden.files ?? [])];
      const folders = hidden.folders ?? [];
      const pinned = pins(hidden.readOnly ?? []);
      const hide = ['/bin/sh', '-c', HIDE, 'sw-hide', mount, String(pinned.length / 2), ...pinned];
      hide.push(String(files.length), ...files);
      hide.push(String(folders.length), ...folders);
      return {
        file: setpriv,
        args: [
          ...DEATH_SIGNAL,
          ...namespaces,
          ...hide,
          ...dropCapabilities,
          '/bin/sh',
          '-c',
          SANDBOX_INIT,
          'sw-init',
          command,
        ],
      };
    },
  };
}

/**
 * `ro <folder>` for each read-only folder and `keep <folder>` for every folder above one (but `/`),
 * outermost first: a folder is mounted onto itself before any folder inside it.
 */
function pins(readOnly: readonly string[]): string[] {
  const folders = new Map<string, 'ro' | 'keep'>();
  for (const folder of readOnly.map((path) => resolve(path))) {
    for (let above = dirname(folder); above !== dirname(above); above = dirname(above)) {
      if (!folders.has(above)) folders.set(above, 'keep');
    }
    folders.set(folder, 'ro');
  }
  const depth = (path: string) => path.split(sep).length;
  return [...folders].sort(([a], [b]) => depth(a) - depth(b)).flatMap(([path, kind]) => [kind, path]);
}

function trialPasses(sandbox: Sandbox, hidden?: Hidden): boolean {
  const trial = sandbox.wrap('exit 7', hidden);
  const result = spawnSync(trial.file, trial.args, {
    stdio: 'ignore',
    timeout: 5_000,
    env: { PATH: SEARCH.join(':') },
  });
  return result.status === 7;
}

function locate(name: string): string | undefined {
  for (const dir of SEARCH) {
    try {
      accessSync(join(dir, name), fsConstants.X_OK);
      return join(dir, name);
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** 128 + N from the sandbox's first process: the program was ended by signal N. */
export function statusAsSignal(code: number | null): NodeJS.Signals | undefined {
  if (code === null || code <= 128) return undefined;
  const entry = Object.entries(constants.signals).find(([, number]) => number === code - 128);
  return entry?.[0] as NodeJS.Signals | undefined;
}
