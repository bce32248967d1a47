import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { loadCourse, type Course } from '../../src/course/course.js';
import { defaultCourseLoaders } from '../../src/course/loaders.js';
import { Playground } from '../../src/course/playground.js';
import { emptyProgress, ProgressStore, type Progress } from '../../src/course/progress.js';
import type { CheckOutcome, VaultCheck } from '../../src/course/vault-checks.js';
import type { GradeOptions, GradeReport } from '../../src/grader/index.js';
import type { RunningVault } from '../../src/vault/provider.js';
import { App } from '../../src/ui/app.js';
import { loadHeavyScreens } from '../../src/ui/lazy-screens.js';
import type { UiServices } from '../../src/ui/services.js';
import type { Screen } from '../../src/ui/state.js';
import { createTheme } from '../../src/ui/theme.js';

export const FIXTURE_COURSE = join(import.meta.dirname, '..', 'fixtures', 'course');

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  ctrlC: '\u0003',
};

export function fixtureCourse(): Promise<Course> {
  return loadCourse(
    defaultCourseLoaders({ lessons: join(FIXTURE_COURSE, 'lessons'), challenges: join(FIXTURE_COURSE, 'challenges') }),
  );
}

/** React 19 schedules with setImmediate in Node: let it flush before reading a frame. */
export function tick(ms = 0): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setTimeout(resolve, ms)));
}

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'sw-ui-'));
}

/** A playground whose "server" is a fake: start resolves at once; checks answer from `state`. */
export function fakePlayground(vaultState: { done: Set<string> } = { done: new Set() }, fail?: string): Playground {
  const vault: RunningVault = {
    provider: 'binary',
    address: 'http://127.0.0.1:18299',
    rootToken: 'dev-root-token-for-tests',
    version: 'OpenBao v2.7.2',
    stop: async () => undefined,
  };
  const playground = new Playground({
    start: async () => {
      if (fail) throw new Error(fail);
      return { vault, selection: { reason: 'binary: bao on PATH' } };
    },
  });
  playground.check = async (check: VaultCheck): Promise<CheckOutcome> => {
    if (playground.getState().status !== 'up') return { done: false, detail: 'the playground Vault is not running' };
    const key =
      check.type === 'auth-enabled'
        ? `auth:${check.path}`
        : check.type === 'kv-secret'
          ? `kv:${check.path}`
          : check.type;
    return vaultState.done.has(key)
      ? { done: true, detail: `${key} found` }
      : { done: false, detail: `${key} missing` };
  };
  return playground;
}

export interface HarnessOptions {
  course?: Course;
  progress?: Progress;
  notices?: string[];
  open?: Screen;
  columns?: number;
  rows?: number;
  services?: Partial<UiServices>;
  plain?: boolean;
  env?: NodeJS.ProcessEnv;
}

export async function renderApp(options: HarnessOptions = {}) {
  await loadHeavyScreens();
  const home = tempHome();
  const course = options.course ?? (await fixtureCourse());
  const store = new ProgressStore(join(home, 'progress.json'));
  const progress = options.progress ?? emptyProgress();
  await store.save(progress);
  const gradeCalls: GradeOptions[] = [];
  const services: UiServices = {
    course,
    store,
    playground: fakePlayground(),
    theme: createTheme({ plain: options.plain, env: options.env ?? {} }),
    grade: async (gradeOptions: GradeOptions): Promise<GradeReport> => {
      gradeCalls.push(gradeOptions);
      return { challenge: gradeOptions.challengeId, passed: false, vault: 'binary', durationMs: 1, checks: [] };
    },
    initChallenge: async (_challenge, _language, dir) => ({ dir, files: ['app.py'] }),
    readReadme: async (challenge) => `# ${challenge.title}\n\nThe task text.`,
    readSolution: async () => [{ path: 'app.py', content: 'print("solution")\n' }],
    watchFolder: async () => ({ mode: 'events', close: async () => undefined }),
    // Work folders exist unless a test says otherwise (the grade service is a fake anyway).
    folderKind: async () => 'folder',
    cwd: home,
    vault: 'binary',
    stepPollMs: 20,
    ...options.services,
  };
  const size = { columns: options.columns ?? 80, rows: options.rows ?? 24 };
  const instance = render(
    <App services={services} progress={progress} notices={options.notices} open={options.open} />,
  );
  // ink-testing-library fixes stdout at 100 columns and no rows: give it a real size, resizable.
  Object.defineProperty(instance.stdout, 'columns', { get: () => size.columns, configurable: true });
  Object.defineProperty(instance.stdout, 'rows', { get: () => size.rows, configurable: true });
  instance.stdout.emit('resize');
  await tick();

  const frame = () => instance.lastFrame() ?? '';
  return {
    ...instance,
    services,
    store,
    home,
    gradeCalls,
    frame,
    async press(...keys: string[]) {
      for (const key of keys) {
        instance.stdin.write(key);
        await tick();
      }
      await tick();
    },
    async resize(columns: number, rows = size.rows) {
      size.columns = columns;
      size.rows = rows;
      instance.stdout.emit('resize');
      await tick();
      await tick();
    },
    async waitFor(predicate: (frame: string) => boolean, timeoutMs = 3000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (predicate(frame())) return frame();
        await tick(10);
      }
      throw new Error(`timed out waiting; last frame:\n${frame()}`);
    },
    /** Ink removed its stdin listener: the app called exit(). */
    exited: () => instance.stdin.listenerCount('readable') === 0,
  };
}

export type Harness = Awaited<ReturnType<typeof renderApp>>;

/** Strip ANSI for assertions on text. */
export function plainText(frame: string): string {
  return frame.replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, '');
}
