import type { QuizQuestion } from './model.js';

/**
 * The quiz rules, kept out of the UI so every screen (and every test) applies the same ones:
 * the order a learner sees the choices in, what one answer does, and which feedback it earns.
 *
 * - Choices are shuffled per learner: the permutation comes from the learner's seed (kept in the
 *   progress file), the lesson and the question, so it is stable across restarts but differs
 *   between learners — the position of the right answer carries no information.
 * - A wrong first pick explains that choice's misconception and lets the learner try again;
 *   only a second wrong pick reveals the answer. A revealed question stays open and comes back
 *   (reshuffled) on the next visit: it counts as right only when answered before the reveal.
 */
export const TRIES_BEFORE_REVEAL = 2;

export type QuizPhase = 'choosing' | 'try-again' | 'right' | 'revealed';

export interface QuestionState {
  /** Indices into `question.choices` (the authored order) the learner picked wrongly this round. */
  wrong: number[];
  phase: QuizPhase;
  /** The choice the feedback is about (the last pick). */
  last?: number;
}

export const freshQuestion = (): QuestionState => ({ wrong: [], phase: 'choosing' });

/** What to record in the learner's progress after one pick. */
export type AnswerOutcome = 'right' | 'wrong' | 'revealed';

export interface AnswerResult {
  state: QuestionState;
  outcome: AnswerOutcome;
}

/** Apply one pick (an index into the authored choices); picks of already-wrong choices are ignored. */
export function answer(question: QuizQuestion, state: QuestionState, picked: number): AnswerResult | undefined {
  if (state.phase === 'right' || state.phase === 'revealed') return undefined;
  if (picked < 0 || picked >= question.choices.length || state.wrong.includes(picked)) return undefined;
  if (picked === question.answer) return { state: { ...state, phase: 'right', last: picked }, outcome: 'right' };
  const wrong = [...state.wrong, picked];
  if (wrong.length >= TRIES_BEFORE_REVEAL)
    return { state: { wrong, phase: 'revealed', last: picked }, outcome: 'revealed' };
  return { state: { wrong, phase: 'try-again', last: picked }, outcome: 'wrong' };
}

export interface Feedback {
  tone: 'right' | 'wrong' | 'revealed';
  /** One short headline: "Right.", "Not this one.", "Not this one either: the answer is …". */
  headline: string;
  /** Markdown: why the picked choice is wrong (its own misconception), and/or the explanation. */
  paragraphs: string[];
}

/** The feedback for the state after a pick: the picked choice's own feedback, never a generic one. */
export function feedbackFor(question: QuizQuestion, state: QuestionState, order: number[]): Feedback | undefined {
  const picked = state.last;
  if (picked === undefined || state.phase === 'choosing') return undefined;
  const choice = question.choices[picked];
  if (state.phase === 'right') return { tone: 'right', headline: 'Right.', paragraphs: [question.explanation] };
  const why = choice?.feedback ? [choice.feedback] : [];
  if (state.phase === 'try-again')
    return { tone: 'wrong', headline: 'Not this one. Try another choice.', paragraphs: why };
  const shownNumber = order.indexOf(question.answer) + 1;
  return {
    tone: 'revealed',
    headline: `Not this one either: the answer is ${shownNumber}.`,
    paragraphs: [...why, question.explanation],
  };
}

/**
 * The order to show the choices in: a permutation of the authored indices, from the learner's
 * seed, the question and the round (how many times its answer was revealed before, so a question
 * that comes back is reshuffled).
 */
export function choiceOrder(seed: number, lessonId: string, question: QuizQuestion, round = 0): number[] {
  const random = mulberry32(hash32(`${seed >>> 0}:${lessonId}:${question.id}:${round}`));
  const order = question.choices.map((_, index) => index);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** A fresh random seed for a learner (a non-negative 31-bit integer, as the progress file keeps it). */
export function newQuizSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 0x7fffffff);
}

/**
 * A question's prompt as one line for a summary: its first paragraph, line breaks joined, so a
 * prompt written over several lines is never cut mid-sentence (the caller wraps it).
 */
export function promptSummary(prompt: string): string {
  const firstParagraph = prompt.trim().split(/\n\s*\n/)[0] ?? '';
  return firstParagraph.replace(/\s*\n\s*/g, ' ').trim();
}

/** FNV-1a, 32 bits: a stable hash of a short string (not for security). */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A small, well-distributed PRNG from a 32-bit seed (deterministic: the same seed, the same order). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where the learner is in a lesson's quiz: the question, the pointer, this question's picks. */
export interface QuizSession {
  /** Index into the lesson's questions; `questions.length` means the summary. */
  index: number;
  /** The display position the pointer is on; undefined until the learner moves it, so a stray Enter answers nothing. */
  pointer: number | undefined;
  question: QuestionState;
  /** The round the current question's order was drawn for (frozen while it is on screen). */
  round: number;
  /** Going through every question again after all were right. */
  reviewing: boolean;
}

export type QuizKey =
  | { type: 'move'; delta: 1 | -1 }
  | { type: 'enter' }
  | { type: 'pick'; position: number }
  | { type: 'next' }
  | { type: 'restart' };

export interface QuizContext {
  questions: QuizQuestion[];
  /** Question id → whether it is already right (from progress). */
  isRight: (id: string) => boolean;
  /** Question id → how often its answer was revealed (from progress): the round of its order. */
  roundOf: (id: string) => number;
  orderOf: (question: QuizQuestion, round: number) => number[];
}

export function startSession(context: QuizContext): QuizSession {
  const first = context.questions.findIndex((question) => !context.isRight(question.id));
  return enter(context, first === -1 ? context.questions.length : first, false);
}

function enter(context: QuizContext, index: number, reviewing: boolean): QuizSession {
  const question = context.questions[index];
  return {
    index,
    pointer: undefined,
    question: freshQuestion(),
    round: question ? context.roundOf(question.id) : 0,
    reviewing,
  };
}

/**
 * One key press: the new session, and the outcome to record when the press answered. Pure, so
 * the UI only maps keys to QuizKey and renders; tests drive it without a terminal.
 */
export function pressQuizKey(
  context: QuizContext,
  session: QuizSession,
  key: QuizKey,
): { session: QuizSession; answered?: { question: QuizQuestion; outcome: AnswerOutcome } } {
  const { questions } = context;
  const question = questions[session.index];
  if (!question) {
    if (key.type !== 'restart') return { session };
    const open = questions.findIndex((item) => !context.isRight(item.id));
    return { session: enter(context, open === -1 ? 0 : open, open === -1) };
  }
  const settled = session.question.phase === 'right' || session.question.phase === 'revealed';
  if (settled) {
    if (key.type !== 'next' && key.type !== 'enter') return { session };
    let next = session.index + 1;
    if (!session.reviewing) while (next < questions.length && context.isRight(questions[next]!.id)) next++;
    return { session: enter(context, next, session.reviewing) };
  }
  const order = context.orderOf(question, session.round);
  const open = order
    .map((authored, position) => ({ authored, position }))
    .filter(({ authored }) => !session.question.wrong.includes(authored));
  if (key.type === 'move') {
    const positions = open.map(({ position }) => position);
    const at = session.pointer === undefined ? -1 : positions.indexOf(session.pointer);
    const target =
      session.pointer === undefined
        ? key.delta === 1
          ? positions[0]
          : positions.at(-1)
        : positions[Math.min(positions.length - 1, Math.max(0, at + key.delta))];
    return { session: { ...session, pointer: target } };
  }
  const position = key.type === 'pick' ? key.position : key.type === 'enter' ? session.pointer : undefined;
  if (position === undefined) return { session };
  const result = answer(question, session.question, order[position] ?? -1);
  if (!result) return { session };
  return {
    session: { ...session, question: result.state, pointer: undefined },
    answered: { question, outcome: result.outcome },
  };
}
