import { render } from 'ink';
import { dirname } from 'node:path';
import { readChallengeReadme, readSolution } from '../course/challenge-files.js';
import { courseDirs } from '../course/loaders.js';
import { findItem, type Course } from '../course/course.js';
import { courseCompletion } from '../course/progress-rules.js';
import { Playground } from '../course/playground.js';
import type { Progress, ProgressStore } from '../course/progress.js';
import { folderKind } from '../course/work-folder.js';
import { registerCleanup, registerExitKill } from '../util/cleanup.js';
import { saveCodeCaches } from '../util/code-cache.js';
import { mark, printMarks } from '../util/timing.js';
import type { ProviderChoice } from '../vault/provider.js';
import { App } from './app.js';
import type { UiServices } from './services.js';
import type { Screen } from './state.js';
import { createTheme } from './theme.js';

export interface InteractiveOptions {
  course: Course;
  store: ProgressStore;
  progress: Progress;
  notices: string[];
  openId?: string;
  plain?: boolean;
  vault: ProviderChoice;
  vaultBinary?: string;
}

// The alternate screen, as less and vim use: the course gets the whole terminal and the user's
// scrollback is left as it was when they quit.
const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

export async function runInteractive(options: InteractiveOptions): Promise<void> {
  const theme = createTheme({ plain: options.plain });
  // attachPollMs: a `vault up` in another terminal is picked up within two seconds.
  const playground = new Playground({ choice: options.vault, binary: options.vaultBinary, attachPollMs: 2_000 });
  const services: UiServices = {
    course: options.course,
    store: options.store,
    playground,
    theme,
    // Grades run on the provider the course was started with (`--vault`, `--vault-binary`), as `grade` does.
    grade: async (gradeOptions) =>
      (await import('../grader/index.js')).gradeChallenge({
        ...gradeOptions,
        vaultBinary: options.vaultBinary,
        challengesRoot: courseDirs().challenges,
      }),
    // The challenge loader (YAML, the full schemas) loads on the first `i`, not with the UI.
    initChallenge: async (challenge, language, dir) =>
      (await import('../course/init-challenge.js')).initChallenge(challenge.id, language, dir, {
        challengesRoot: dirname(challenge.dir),
      }),
    readReadme: readChallengeReadme,
    readSolution,
    // chokidar loads on the first `w`, not with the UI.
    watchFolder: async (dir, onChange, watchOptions) =>
      (await import('../util/watch-folder.js')).watchFolder(dir, onChange, watchOptions),
    folderKind,
    cwd: process.cwd(),
    vault: options.vault,
    stepPollMs: 1500,
  };
  let open: Screen | undefined;
  if (options.openId) {
    const item = findItem(options.course, options.openId);
    if (item) open = { name: item.kind, id: item.item.id };
  }

  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
  };
  const unregisterKill = registerExitKill(restore);
  const unregisterCleanup = registerCleanup(restore);
  // On SIGTERM/SIGHUP too: let a pending progress write finish before the process goes.
  const unregisterFlush = registerCleanup(() => options.store.settled());
  process.stdout.write(ENTER_ALT_SCREEN);
  try {
    let frames = 0;
    const instance = render(
      <App services={services} progress={options.progress} notices={options.notices} open={open} />,
      {
        exitOnCtrlC: false,
        patchConsole: true,
        onRender: () => {
          if (frames++ > 0) return;
          mark('first frame');
          // The code compiled for the first frame is what the next start can skip (a no-op when
          // the cache was used, or where the UI's libraries are not the built script).
          setImmediate(saveCodeCaches);
        },
      },
    );
    await instance.waitUntilExit();
  } finally {
    restore();
    unregisterKill();
    unregisterCleanup();
    unregisterFlush();
  }
  // Ours stops; one started by `vault up` elsewhere keeps running.
  const wasUp = await playground.release();
  // A grade or an answer recorded just before quitting must reach the file.
  await options.store.settled();
  const { progress } = await options.store.load();
  const { done, total } = courseCompletion(options.course, progress);
  if (wasUp) process.stdout.write('Playground Vault stopped.\n');
  process.stdout.write(`Progress saved: ${done} of ${total} done. Run secrets-workbook to continue.\n`);
  printMarks();
}
