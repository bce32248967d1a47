import type { Course } from './course.js';
import type { ChallengeSummary, ItemStatus, Lesson } from './model.js';
import type { AnswerOutcome } from './quiz.js';
import {
  challengeEntry,
  lessonEntry,
  type ChallengeProgress,
  type LessonProgress,
  type Progress,
  type ProgressStore,
  type QuizAnswerProgress,
} from './progress.js';

/**
 * Every rule of the learner's progress, in one place (rustlings keeps them in its AppState): what
 * each thing a learner does changes, and which status follows. The terminal UI and the commands
 * (`grade`, `init`, `reset`) describe what happened as a `ProgressEvent`; only this module turns
 * events into changes. progress.ts stores the result; nothing else writes a field of it.
 */

/** What the rules need of a lesson: its quiz questions and hands-on steps, by id. */
export type LessonShape = Pick<Lesson, 'id' | 'quiz' | 'steps'>;

/** What the rules need of a grade report (the grader's GradeReport has this shape). */
export interface GradeOutcome {
  challenge: string;
  passed: boolean;
  checks: ReadonlyArray<{ id: string; passed: boolean }>;
}

export type ProgressEvent =
  | { type: 'lesson-opened'; lesson: LessonShape }
  /** The learner scrolled the lesson's text; `atEnd` when its last line is on screen. */
  | { type: 'lesson-read'; lesson: LessonShape; position: number; atEnd: boolean }
  | { type: 'lesson-step-done'; lesson: LessonShape; stepId: string }
  /** One pick in a quiz: right, wrong, or wrong once too often so the answer was revealed (course/quiz.ts). */
  | { type: 'quiz-answered'; lesson: LessonShape; questionId: string; outcome: AnswerOutcome }
  | { type: 'challenge-opened'; challengeId: string }
  /** A starter was copied into `dir` (`init`, or `i` in the UI): the folder to grade from now on. */
  | { type: 'starter-created'; challengeId: string; dir: string; language: string }
  | { type: 'setup-step-done'; challengeId: string; stepId: string }
  /** The next hint was unlocked; `available` is how many hints the challenge has. */
  | { type: 'hint-shown'; challengeId: string; available: number }
  | { type: 'solution-revealed'; challengeId: string }
  /** A grade finished; `dir` is the folder that was graded (remembered for the next grade). */
  | { type: 'graded'; outcome: GradeOutcome; dir?: string }
  | { type: 'reset'; kind: 'lesson' | 'challenge'; id: string }
  | { type: 'reset-all' };

/** Apply one event. Timestamps come from `now` (tests pass a fixed one). */
export function applyProgressEvent(progress: Progress, event: ProgressEvent, now: Date = new Date()): void {
  const at = now.toISOString();
  switch (event.type) {
    case 'lesson-opened': {
      const entry = lessonEntry(progress, event.lesson.id);
      entry.updatedAt = at;
      markStarted(entry);
      return syncLessonStatus(progress, event.lesson);
    }
    case 'lesson-read': {
      const entry = lessonEntry(progress, event.lesson.id);
      entry.position = event.position;
      // A lesson with nothing to do is done once read to the end.
      if (event.atEnd && isReadingOnly(event.lesson)) entry.status = 'done';
      return;
    }
    case 'lesson-step-done':
      lessonEntry(progress, event.lesson.id).steps[event.stepId] = true;
      return syncLessonStatus(progress, event.lesson);
    case 'quiz-answered': {
      const quiz = lessonEntry(progress, event.lesson.id).quiz;
      quiz[event.questionId] = answerQuestion(quiz[event.questionId], event.outcome);
      return syncLessonStatus(progress, event.lesson);
    }
    default:
      return applyChallengeEvent(progress, event, at);
  }
}

function applyChallengeEvent(progress: Progress, event: ProgressEvent, at: string): void {
  switch (event.type) {
    case 'challenge-opened':
      return markStarted(challengeEntry(progress, event.challengeId));
    case 'starter-created': {
      const entry = challengeEntry(progress, event.challengeId);
      entry.workDir = event.dir;
      entry.language = event.language;
      return markStarted(entry);
    }
    case 'setup-step-done': {
      const entry = challengeEntry(progress, event.challengeId);
      entry.setup[event.stepId] = true;
      return markStarted(entry);
    }
    case 'hint-shown': {
      const entry = challengeEntry(progress, event.challengeId);
      entry.hintsShown = Math.min(event.available, entry.hintsShown + 1);
      return markStarted(entry);
    }
    case 'solution-revealed': {
      const entry = challengeEntry(progress, event.challengeId);
      if (entry.solutionRevealed) return;
      entry.solutionRevealed = true;
      entry.solutionRevealedAt = at;
      return markStarted(entry);
    }
    case 'graded':
      return recordGrade(challengeEntry(progress, event.outcome.challenge), event, at);
    case 'reset':
      if (event.kind === 'lesson') delete progress.lessons[event.id];
      else delete progress.challenges[event.id];
      return;
    case 'reset-all':
      progress.lessons = {};
      progress.challenges = {};
      return;
  }
}

/**
 * One more attempt, when, the ids of the checks that failed, `done` from the first pass on (a
 * later failing attempt does not take it away). Ids, counts and times only: never a detail, an
 * output line or a secret.
 */
function recordGrade(entry: ChallengeProgress, event: Extract<ProgressEvent, { type: 'graded' }>, at: string): void {
  entry.attempts += 1;
  entry.lastGradedAt = at;
  entry.lastFailedChecks = event.outcome.checks.filter((check) => !check.passed).map((check) => check.id);
  if (event.outcome.passed) {
    entry.status = 'done';
    entry.passedAt ??= at;
  } else markStarted(entry);
  if (event.dir) entry.workDir = event.dir;
}

/**
 * The state kept per quiz question, and how a pick changes it: a correct answer stays correct (a
 * later wrong pick does not undo it), every pick counts, and a reveal is counted and leaves the
 * question open for the next round. Per-question quiz state lives in `QuizAnswerProgress`
 * (progress.ts) and is changed only here; how a quiz runs (order, reveals) is course/quiz.ts.
 */
export function answerQuestion(previous: QuizAnswerProgress | undefined, outcome: AnswerOutcome): QuizAnswerProgress {
  const revealed = (previous?.revealed ?? 0) + (outcome === 'revealed' ? 1 : 0);
  return {
    correct: previous?.correct === true || outcome === 'right',
    attempts: (previous?.attempts ?? 0) + 1,
    ...(revealed > 0 ? { revealed } : {}),
  };
}

/** "new → in progress": the first thing a learner does on an item starts it. */
function markStarted(entry: LessonProgress | ChallengeProgress): void {
  if (entry.status === 'new') entry.status = 'in-progress';
}

function isReadingOnly(lesson: LessonShape): boolean {
  return lesson.quiz.length === 0 && lesson.steps.length === 0;
}

/** Keep the stored status in step with `lessonStatus` (so `list` and exports read it directly). */
function syncLessonStatus(progress: Progress, lesson: LessonShape): void {
  const status = lessonStatus(lesson, progress);
  lessonEntry(progress, lesson.id).status = status === 'new' ? 'in-progress' : status;
}

/** Done when every quiz question was answered right and every hands-on step ticked (or, with neither, read to the end). */
export function lessonStatus(lesson: LessonShape, progress: Progress): ItemStatus {
  const entry = progress.lessons[lesson.id];
  if (!entry) return 'new';
  if (isReadingOnly(lesson)) return entry.status;
  const quizDone = lesson.quiz.every((question) => entry.quiz[question.id]?.correct === true);
  const stepsDone = lesson.steps.every((step) => entry.steps[step.id] === true);
  if (quizDone && stepsDone) return 'done';
  return entry.status === 'new' && Object.keys(entry.quiz).length === 0 && Object.keys(entry.steps).length === 0
    ? 'new'
    : 'in-progress';
}

/** Done once a grade passed (a later failing grade does not take that away). */
export function challengeStatus(challenge: Pick<ChallengeSummary, 'id'>, progress: Progress): ItemStatus {
  const entry = progress.challenges[challenge.id];
  if (!entry) return 'new';
  if (entry.passedAt || entry.status === 'done') return 'done';
  return entry.status;
}

export interface Completion {
  done: number;
  total: number;
}

export function courseCompletion(course: Course, progress: Progress): Completion {
  const statuses = [
    ...course.lessons.map((lesson) => lessonStatus(lesson, progress)),
    ...course.challenges.map((challenge) => challengeStatus(challenge, progress)),
  ];
  return { done: statuses.filter((status) => status === 'done').length, total: statuses.length };
}

/** The first lesson or challenge that is not done: what "continue" opens. */
export function nextItem(course: Course, progress: Progress): { kind: 'lesson' | 'challenge'; id: string } | undefined {
  const lesson = course.lessons.find((item) => lessonStatus(item, progress) !== 'done');
  if (lesson) return { kind: 'lesson', id: lesson.id };
  const challenge = course.challenges.find((item) => challengeStatus(item, progress) !== 'done');
  return challenge ? { kind: 'challenge', id: challenge.id } : undefined;
}

/** For the commands: apply one event through the store (queued, atomic); the saved progress. */
export function recordProgress(store: ProgressStore, event: ProgressEvent, now?: Date): Promise<Progress> {
  return store.update((progress) => applyProgressEvent(progress, event, now));
}
