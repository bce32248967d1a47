import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import envPaths from 'env-paths';
import type { ItemStatus } from './model.js';
import type { ChallengeProgress, LessonProgress, Progress } from './progress-schema.js';
import { newQuizSeed } from './quiz.js';
import { oneLine, UserError } from '../util/errors.js';

/**
 * The learner's progress, in the user's config folder (env-paths), written atomically.
 * It holds statuses, counts and timestamps only: never a secret, a token or program output.
 * A corrupt or newer-version file is moved aside as a backup with a one-line notice, never dropped.
 */
export const PROGRESS_VERSION = 1;

export type {
  ChallengeProgress,
  CheckedProgress,
  LessonProgress,
  Progress,
  QuizAnswerProgress,
} from './progress-schema.js';

// The schema (zod) loads only when a file is read or written: a first start renders without it.
const schema = () => import('./progress-schema.js');

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, seed: newQuizSeed(), lessons: {}, challenges: {} };
}

/** A lesson's entry as the schema's defaults make it (test/course/progress.test.ts holds them equal). */
export function freshLessonProgress(): LessonProgress {
  return { status: 'new', quiz: {}, steps: {}, position: 0 };
}

/** A challenge's entry as the schema's defaults make it (test/course/progress.test.ts holds them equal). */
export function freshChallengeProgress(): ChallengeProgress {
  return { status: 'new', attempts: 0, lastFailedChecks: [], hintsShown: 0, solutionRevealed: false, setup: {} };
}

export function lessonEntry(progress: Progress, id: string): LessonProgress {
  return (progress.lessons[id] ??= freshLessonProgress());
}

export function challengeEntry(progress: Progress, id: string): ChallengeProgress {
  return (progress.challenges[id] ??= freshChallengeProgress());
}

/** Where progress lives: $SECRETS_WORKBOOK_HOME (tests, portable installs) or the OS config folder. */
export function defaultProgressFile(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.SECRETS_WORKBOOK_HOME;
  return home
    ? join(home, 'progress.json')
    : join(envPaths('secrets-workbook', { suffix: '' }).config, 'progress.json');
}

export interface LoadResult {
  progress: Progress;
  /** One line for the user when the file could not be used and was kept aside. */
  notice?: string;
}

export class ProgressStore {
  #queue: Promise<unknown> = Promise.resolve();
  /** Notices from loads done inside `update`, so a file kept aside there is still reported. */
  #notices: string[] = [];

  constructor(readonly file: string = defaultProgressFile()) {}

  async load(): Promise<LoadResult> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { progress: emptyProgress() };
      throw new UserError(`could not read your progress file ${this.file} (${code ?? oneLine(error)})`);
    }
    const checked = (await schema()).checkProgress(text);
    if (checked.ok) return { progress: checked.progress };
    const notice = await this.#keepAside(checked.why);
    this.#notices.push(notice);
    return { progress: emptyProgress(), notice };
  }

  /** Resolves once every queued update has been written (before the process exits). */
  async settled(): Promise<void> {
    let queue: Promise<unknown>;
    do {
      queue = this.#queue;
      await queue;
    } while (queue !== this.#queue);
  }

  /** Notices not yet shown to the user (a corrupt or newer file kept aside); clears them. */
  takeNotices(): string[] {
    const notices = [...new Set(this.#notices)];
    this.#notices = [];
    return notices;
  }

  /** Replace the whole progress (import, reset --all), queued behind pending updates. */
  replace(progress: Progress): Promise<Progress> {
    return this.update((current) => {
      current.lessons = progress.lessons;
      current.challenges = progress.challenges;
      // An import keeps the learner's quiz order; a reset (no seed) keeps the current one.
      if (progress.seed !== undefined) current.seed = progress.seed;
    });
  }

  async save(progress: Progress): Promise<void> {
    // A file from before quiz seeds gets one on its first save; from then on the order is stable.
    progress.seed ??= newQuizSeed();
    const [{ progressSchema }, { default: writeFileAtomic }] = await Promise.all([
      schema(),
      // write-file-atomic loads worker_threads: only on the first write, not before the first frame.
      import('write-file-atomic'),
    ]);
    const valid = progressSchema.parse(progress);
    await mkdir(dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
  }

  /** Load, change and save under one queue, so concurrent updates from the UI do not interleave. */
  update(change: (progress: Progress) => void): Promise<Progress> {
    const next = this.#queue.then(async () => {
      const { progress } = await this.load();
      change(progress);
      await this.save(progress);
      return progress;
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #keepAside(why: string): Promise<string> {
    const backup = `${this.file}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
    try {
      await rename(this.file, backup);
    } catch (error) {
      // Another update (or process) already moved it aside: the notice still stands.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return `Your progress file ${why}; it was kept as ${backup} and a fresh one was started.`;
  }
}

export function statusLabel(status: ItemStatus): string {
  return status === 'in-progress' ? 'in progress' : status;
}
