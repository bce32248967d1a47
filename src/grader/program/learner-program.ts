import { UserError } from '../../util/errors.js';
import { shellQuote } from '../../util/shell.js';
import type { GradeEvent } from '../report.js';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuild, withGoCaches, type BuildResult } from './build.js';
import { detectCommand, DETECTION_HELP, type CommandPlan } from './detect.js';
import { programEnvironment } from './environment.js';
import { programSandbox, type Hidden } from './sandbox.js';
import { runProgram, type OutputStream, type RunningProgram } from './run-program.js';

/**
 * The learner's program for one grade: the command detected in its folder (or `--cmd`), its
 * build step (`go build`: once per grade, before and outside the timeout, sandboxed like the runs,
 * into a folder of the grade's own that `dispose` deletes),
 * and its runs. Every kind of challenge starts the program through `start`, and nothing else
 * does: the minimal environment plus the variables the kind gives it, stdin closed, its own
 * process group killed at the end, the grade's timeout, and a stop when the grade is cancelled.
 */
export interface ProgramRun {
  /** Arguments after the command (the scanner challenge's files), quoted for the shell here. */
  args?: readonly string[];
  /** Added to the minimal environment (VAULT_ADDR, VAULT_ROLE_ID, …). */
  variables?: Readonly<Record<string, string>>;
  onOutput?: (stream: OutputStream, chunk: string) => void;
}

export interface ProgramSettings {
  /** `--cmd`: what to run instead of the detected command. */
  cmd?: string;
  timeoutSeconds: number;
  /** Cancels the grade: a running program is stopped and its `result` rejects. */
  signal?: AbortSignal;
  emit: (event: GradeEvent) => void;
  /** Kept out of the program's sight by the sandbox (`classroom grade-all`: the class folder). */
  hidden?: Hidden;
  /** Where this grade's build folder is made (default: the temp folder); grade-all hides each student's from the others. */
  buildParent?: string;
  /** `classroom grade-all`: build with a private copy of the grader's base cache, not the learner's Go cache. */
  privateGoCache?: boolean;
}

/** The folder holds nothing the grader knows how to run: the learner's to fix, not the grader's. */
export class NothingToRunError extends UserError {}

export class LearnerProgram {
  #built: Promise<BuildResult | undefined> | undefined;

  private constructor(
    readonly dir: string,
    readonly plan: CommandPlan,
    private readonly settings: ProgramSettings,
    private readonly buildDir: string,
    private readonly hidden: Hidden,
  ) {}

  /** What to run in `dir`; a folder with nothing recognisable to run is the user's error (exit 2). */
  static async detect(dir: string, settings: ProgramSettings): Promise<LearnerProgram> {
    const buildDir = join(settings.buildParent ?? tmpdir(), `sw-build-${randomUUID()}`);
    const plan = await detectCommand(dir, { cmd: settings.cmd, buildDir });
    if (!plan) throw new NothingToRunError(`nothing to run in ${dir}: ${DETECTION_HELP}`);
    return new LearnerProgram(dir, plan, settings, buildDir, await withGoCaches(settings.hidden));
  }

  /** The build's result (`undefined`: nothing to build). The first call starts it; every call shares it. */
  build(): Promise<BuildResult | undefined> {
    if (!this.#built) {
      const { plan, dir, buildDir } = this;
      this.#built = plan.build
        ? runBuild(plan, dir, buildDir, this.settings.emit, this.settings.hidden, this.settings.privateGoCache)
        : Promise.resolve(undefined);
      this.#built.catch(() => undefined);
    }
    return this.#built;
  }

  /** Deletes the build folder (the compiled program): nothing of one grade is left for the next. */
  async dispose(): Promise<void> {
    await this.#built?.catch(() => undefined);
    await rm(this.buildDir, { recursive: true, force: true });
  }

  /** One run of the program. Its `result` rejects with the abort reason if the grade is cancelled meanwhile. */
  start(run: ProgramRun = {}): RunningProgram {
    const { signal } = this.settings;
    signal?.throwIfAborted();
    const args = run.args?.length ? ` ${run.args.map(shellQuote).join(' ')}` : '';
    const running = runProgram({
      command: `${this.plan.command}${args}`,
      cwd: this.dir,
      env: programEnvironment(run.variables, { pathPrefix: this.plan.pathPrefix }),
      timeoutMs: this.settings.timeoutSeconds * 1000,
      onOutput: run.onOutput,
      sandbox: programSandbox(),
      hidden: this.hidden,
    });
    const onAbort = () => void running.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    const result = running.result.then((outcome) => {
      signal?.removeEventListener('abort', onAbort);
      signal?.throwIfAborted();
      return outcome;
    });
    return { result, pgid: running.pgid, stop: () => running.stop() };
  }
}
