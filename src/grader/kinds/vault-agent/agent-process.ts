import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerCleanup } from '../../../util/cleanup.js';
import { findOnPath } from '../../../util/executables.js';
import { shellQuote } from '../../../util/shell.js';
import { resolvePyenvShim } from '../../../vault/binary-provider.js';
import { programEnvironment } from '../../program/environment.js';
import { runProgram, type OutputStream, type RunningProgram, type RunResult } from '../../program/run-program.js';

/**
 * Vault Agent, run the way a platform would run it next to the app: `bao agent` (or `vault agent`
 * when only vault is installed) with the learner's configuration, in a private folder (0700)
 * holding the `role-id` and `secret-id` files it logs in with and where it renders its template.
 * Its environment is the minimal one plus VAULT_ADDR — no token. The configuration is the
 * learner's and may start anything (a template's `command`, an `exec`), so Agent runs like a
 * learner's program: leader of its own process group, the whole group killed at the end.
 */
export const ROLE_ID_FILE = 'role-id';
export const SECRET_ID_FILE = 'secret-id';

/** `--vault-binary` if given, else bao, else vault, on PATH. */
export async function locateAgentBinary(explicit?: string): Promise<string | undefined> {
  if (explicit) return explicit;
  for (const name of ['bao', 'vault']) {
    const found = await findOnPath(name);
    if (found) return resolvePyenvShim(found, name);
  }
  return undefined;
}

export interface AgentStart {
  binary: string;
  config: string;
  vaultAddress: string;
  credentials: { roleId: string; secretId: string };
  timeoutMs: number;
  onOutput: (stream: OutputStream, chunk: string) => void;
}

export class AgentProcess {
  #removed: Promise<void> | undefined;
  #exit: RunResult | undefined;

  private constructor(
    /** Agent's working folder: the credential files and the rendered file. */
    readonly folder: string,
    private readonly running: RunningProgram,
    /** Agent's process group (its leader's pid). */
    readonly groupId: number | undefined,
    private readonly unregister: () => void,
  ) {
    void running.result.then((result) => (this.#exit = result));
  }

  static async start(options: AgentStart): Promise<AgentProcess> {
    const folder = await mkdtemp(join(tmpdir(), 'sw-agent-')); // mode 0700
    const unregister = registerCleanup(() => rm(folder, { recursive: true, force: true }));
    await writeFile(join(folder, ROLE_ID_FILE), options.credentials.roleId, { mode: 0o600, flag: 'wx' });
    await writeFile(join(folder, SECRET_ID_FILE), options.credentials.secretId, { mode: 0o600, flag: 'wx' });
    let groupId: number | undefined;
    const running = runProgram({
      command: `exec ${shellQuote(options.binary)} agent -config=${shellQuote(options.config)}`,
      cwd: folder,
      env: programEnvironment({ VAULT_ADDR: options.vaultAddress }),
      timeoutMs: options.timeoutMs,
      onOutput: options.onOutput,
      onStart: (pid) => (groupId = pid),
    });
    return new AgentProcess(folder, running, groupId, unregister);
  }

  /** How Agent ended, if it has (it should run until the grader stops it). */
  get exit(): RunResult | undefined {
    return this.#exit;
  }

  get result(): Promise<RunResult> {
    return this.running.result;
  }

  file(name: string): string {
    return join(this.folder, name);
  }

  async secretIdFileExists(): Promise<boolean> {
    return access(this.file(SECRET_ID_FILE)).then(
      () => true,
      () => false,
    );
  }

  /** Kill Agent's whole process group and remove its folder; idempotent. */
  stop(): Promise<void> {
    this.#removed ??= (async () => {
      await this.running.stop();
      this.unregister();
      await rm(this.folder, { recursive: true, force: true });
    })();
    return this.#removed;
  }
}
