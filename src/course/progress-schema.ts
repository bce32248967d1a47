import * as z from 'zod/mini';
import { PROGRESS_VERSION } from './progress.js';

/**
 * The progress file's schema, and the check of a file or an export against it. Loaded only when
 * there is a file to read or progress to write (progress.ts imports it on demand): a first start
 * never loads zod before its first frame.
 *
 * zod/mini (the functional, tree-shakable API): a returning learner's start still loads it, and
 * the full zod costs tens of milliseconds to load.
 */
const count = () => z._default(z.int().check(z.nonnegative()), 0);
const status = () => z._default(z.enum(['new', 'in-progress', 'done']), 'new');

/**
 * One quiz question's state. Whatever the course keeps per question goes here, and only
 * progress-rules.ts (`answerQuestion`) changes it.
 */
export const quizAnswerProgress = z.object({
  /** Answered right (before its answer was revealed) at least once; a later wrong pick does not undo it. */
  correct: z.boolean(),
  /** Every pick, right or wrong. */
  attempts: z.int().check(z.nonnegative()),
  /** How often the answer was revealed (each reveal reshuffles the question for the next round). */
  revealed: z.optional(z.int().check(z.nonnegative())),
});

export const lessonProgress = z.object({
  status: status(),
  /** Question id → that question's state. */
  quiz: z._default(z.record(z.string(), quizAnswerProgress), {}),
  /** Hands-on step id → done. */
  steps: z._default(z.record(z.string(), z.boolean()), {}),
  /** Last scroll position, so a lesson reopens where it was left. */
  position: count(),
  updatedAt: z.optional(z.string()),
});

export const challengeProgress = z.object({
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
