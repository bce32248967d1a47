import { execFileSync } from 'node:child_process';
import { execa } from 'execa';
import { usable } from '../helpers/expected.js';

/**
 * A real terminal for end-to-end tests: a detached tmux session running the built CLI. Keys go in
 * with send-keys, the screen comes back with capture-pane (what a user would see, after the
 * terminal has interpreted every escape sequence). No native addon needed.
 */
export class TmuxTerminal {
  static #count = 0;
  readonly socket = `sw-e2e-${process.pid}-${TmuxTerminal.#count++}`;
  readonly target = 'main';

  constructor(readonly env: NodeJS.ProcessEnv) {}

  /** Run `command` in a new window of the given size, in `cwd`; the pane stays after it exits. */
  async start(
    command: string,
    { cwd, columns = 100, rows = 30 }: { cwd: string; columns?: number; rows?: number },
  ): Promise<void> {
    const env: NodeJS.ProcessEnv = { ...this.env, TERM: 'xterm-256color' };
    for (const name of Object.keys(env))
      if (name === 'CI' || name.startsWith('CI_') || env[name] === undefined) delete env[name];
    // The marker line tells the test the program ended and with which code.
    const wrapped = `${command}; echo "__EXIT__ $?"; sleep 600`;
    await execa(
      'tmux',
      [
        '-L',
        this.socket,
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-s',
        this.target,
        '-x',
        String(columns),
        '-y',
        String(rows),
        '-c',
        cwd,
        wrapped,
      ],
      {
        env,
        extendEnv: false,
      },
    );
  }

  async keys(...keys: string[]): Promise<void> {
    for (const key of keys) {
      await execa('tmux', ['-L', this.socket, 'send-keys', '-t', this.target, key]);
      // A human's pace: Ink needs a render between keys to attach the next screen's handler.
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
  }

  async type(text: string): Promise<void> {
    await execa('tmux', ['-L', this.socket, 'send-keys', '-t', this.target, '-l', text]);
    await new Promise((resolve) => setTimeout(resolve, 120));
  }

  screen(): string {
    return execFileSync('tmux', ['-L', this.socket, 'capture-pane', '-p', '-t', this.target]).toString();
  }

  async resize(columns: number, rows: number): Promise<void> {
    await execa('tmux', [
      '-L',
      this.socket,
      'resize-window',
      '-t',
      this.target,
      '-x',
      String(columns),
      '-y',
      String(rows),
    ]);
  }

  async waitFor(expected: string | RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const test =
      typeof expected === 'function'
        ? expected
        : (screen: string) => (typeof expected === 'string' ? screen.includes(expected) : expected.test(screen));
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (test(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${String(expected)}; the screen:\n${screen}`);
  }

  async exitCode(timeoutMs = 15_000): Promise<number> {
    const screen = await this.waitFor(/__EXIT__ \d+/, timeoutMs);
    return Number(/__EXIT__ (\d+)/.exec(screen)?.[1]);
  }

  kill(): void {
    try {
      execFileSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  }
}

/** Whether a tmux binary is here to run the terminal tests with. */
/**
 * Whether tmux runs here. Where it is expected (SECRETS_WORKBOOK_EXPECT_TMUX, set by .ci/run) and
 * missing, this throws, so the real-terminal tests fail instead of skipping.
 */
export function tmuxAvailable(): boolean {
  let reason = '';
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
  } catch (error) {
    reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no tmux on the PATH' : `tmux -V failed (${String(error)})`;
  }
  return usable('tmux', reason === '', reason);
}
