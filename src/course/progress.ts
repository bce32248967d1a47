import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import envPaths from 'env-paths';
import writeFileAtomic from 'write-file-atomic';
import * as z from 'zod/mini';
import type { ItemStatus } from './model.js';
import { newQuizSeed } from './quiz.js';
import { oneLine, UserError } from '../util/errors.js';

/**
 * The learner's progress, in the user's config folder (env-paths), written atomically.
 * It holds statuses, counts and timestamps only: never a secret, a token or program output.
 * A corrupt or newer-version file is moved aside as a backup with a one-line notice, never dropped.
 */
export const PROGRESS_VERSION = 1;

// zod/mini (the functional, tree-shakable API): this schema is on every start's path, and the
// full zod costs tens of milliseconds to load there.
const count = () => z._default(z.int().check(z.nonnegative()), 0);
const status = () => z._default(z.enum(['new', 'in-progress', 'done']), 'new');

/**
 * One quiz question's state. Whatever the course keeps per question goes here, and only
 * progress-rules.ts (`answerQuestion`) changes it.
 */
const quizAnswerProgress = z.object({
  /** Answered right (before its answer was revealed) at least once; a later wrong pick does not undo it. */
  correct: z.boolean(),
  /** Every pick, right or wrong. */
  attempts: z.int().check(z.nonnegative()),
  /** How often the answer was revealed (each reveal reshuffles the question for the next round). */
  revealed: z.optional(z.int().check(z.nonnegative())),
});

const lessonProgress = z.object({
  status: status(),
  /** Question id → that question's state. */
  quiz: z._default(z.record(z.string(), quizAnswerProgress), {}),
  /** Hands-on step id → done. */
  steps: z._default(z.record(z.string(), z.boolean()), {}),
  /** Last scroll position, so a lesson reopens where it was left. */
  position: count(),
  updatedAt: z.optional(z.string()),
});

const challengeProgress = z.object({
  status: status(),
  attempts: count(),
  lastGradedAt: z.optional(z.string()),
  passedAt: z.optional(z.string()),
  /** The checks that failed in the last grade (ids only). */
  lastFailedChecks: z._default(z.array(z.string()), []),
  hintsShown: count(),
  solutionRevealed: z._default(z.boolean(), false),
  solutionRevealedAt: z.optional(z.string()),
  setup: z._default(z.record(z.string(), z.boolean()), {}),
  /** Folder the learner works in (from `init`), so the UI can grade it again. */
  workDir: z.optional(z.string()),
  language: z.optional(z.string()),
});

export const progressSchema = z.object({
  version: z.literal(PROGRESS_VERSION),
  /** The learner's quiz seed: their own, stable order of every quiz's choices (src/course/quiz.ts). */
  seed: z.optional(z.int().check(z.nonnegative())),
  lessons: z._default(z.record(z.string(), lessonProgress), {}),
  challenges: z._default(z.record(z.string(), challengeProgress), {}),
});

export type Progress = z.infer<typeof progressSchema>;
export type LessonProgress = z.infer<typeof lessonProgress>;
export type QuizAnswerProgress = z.infer<typeof quizAnswerProgress>;
export type ChallengeProgress = z.infer<typeof challengeProgress>;

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, seed: newQuizSeed(), lessons: {}, challenges: {} };
}

export function lessonEntry(progress: Progress, id: string): LessonProgress {
  return (progress.lessons[id] ??= lessonProgress.parse({}));
}

export function challengeEntry(progress: Progress, id: string): ChallengeProgress {
  return (progress.challenges[id] ??= challengeProgress.parse({}));
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
    const checked = checkProgress(text);
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

export type CheckedProgress = { ok: true; progress: Progress } | { ok: false; why: string; newer?: boolean };

/** Parse and validate progress JSON (the file, or an export being imported). */
export function checkProgress(text: string): CheckedProgress {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, why: 'is not valid JSON' };
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > PROGRESS_VERSION) {
    return { ok: false, why: `was written by a newer secrets-workbook (format ${version})`, newer: true };
  }
  const parsed = progressSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, why: 'has an unexpected shape' };
  return { ok: true, progress: adoptRenamedLessons(parsed.data) };
}

/**
 * Lessons that were renamed, old id → new id. The AppRole and rotation lessons shared their ids
 * with the challenges they lead to, so `start approle` and `reset rotation` could not tell them
 * apart; progress recorded under an old id is carried over to the new one when read.
 */
export const RENAMED_LESSONS: Readonly<Record<string, string>> = {
  approle: 'approle-auth',
  rotation: 'secret-rotation',
};

function adoptRenamedLessons(progress: Progress): Progress {
  for (const [from, to] of Object.entries(RENAMED_LESSONS)) {
    const old = progress.lessons[from];
    if (!old) continue;
    const current = progress.lessons[to];
    progress.lessons[to] = current ? mergeLesson(current, old) : old;
    delete progress.lessons[from];
  }
  return progress;
}

/** Both ids recorded (an older version ran in between): keep every right answer, step and try. */
function mergeLesson(a: LessonProgress, b: LessonProgress): LessonProgress {
  const quiz = { ...b.quiz, ...a.quiz };
  for (const [id, answer] of Object.entries(b.quiz)) {
    const other = a.quiz[id];
    if (other)
      quiz[id] = {
        ...answer,
        ...other,
        correct: other.correct || answer.correct,
        attempts: other.attempts + answer.attempts,
      };
  }
  const rank = { new: 0, 'in-progress': 1, done: 2 } as const;
  const latest = (a.updatedAt ?? '') >= (b.updatedAt ?? '') ? a : b;
  return {
    ...latest,
    status: rank[a.status] >= rank[b.status] ? a.status : b.status,
    quiz,
    steps: { ...b.steps, ...a.steps, ...Object.fromEntries(Object.entries(b.steps).filter(([, done]) => done)) },
    position: latest.position,
  };
}

export function statusLabel(status: ItemStatus): string {
  return status === 'in-progress' ? 'in progress' : status;
}
