import { describe, expect, it } from 'vitest';
import type { QuizQuestion } from '../../src/course/model.js';
import { emptyProgress, type Progress } from '../../src/course/progress.js';
import { applyProgressEvent } from '../../src/course/progress-rules.js';
import {
  answer,
  choiceOrder,
  feedbackFor,
  freshQuestion,
  pressQuizKey,
  promptSummary,
  startSession,
  type AnswerOutcome,
  type QuizContext,
  type QuizSession,
} from '../../src/course/quiz.js';

const lesson = { id: 'l', quiz: [], steps: [] };
const pick = (progress: Progress, outcome: AnswerOutcome) =>
  applyProgressEvent(progress, { type: 'quiz-answered', lesson, questionId: 'q', outcome });

const question = (id: string, answerIndex = 2): QuizQuestion => ({
  id,
  prompt: `Which one is right, ${id}?`,
  choices: [
    { text: 'alpha', feedback: 'alpha mixes up A and B' },
    { text: 'beta', feedback: 'beta forgets C' },
    { text: 'gamma', feedback: 'gamma is the old default' },
    { text: 'delta', feedback: 'delta assumes D' },
  ].map((choice, index) => (index === answerIndex ? { text: choice.text } : choice)),
  answer: answerIndex,
  explanation: 'Because of the reason.',
});

describe('choiceOrder', () => {
  it('is a permutation, stable for one learner and question, different across learners', () => {
    const q = question('q1');
    const order = choiceOrder(1234, 'lesson', q);
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    expect(choiceOrder(1234, 'lesson', q)).toEqual(order);
    const orders = new Set(Array.from({ length: 40 }, (_, seed) => choiceOrder(seed, 'lesson', q).join('')));
    expect(orders.size).toBeGreaterThan(10);
  });

  it('puts the right answer in every position about equally often across learners', () => {
    const q = question('q1', 1);
    const counts = [0, 0, 0, 0];
    for (let seed = 0; seed < 4000; seed++) counts[choiceOrder(seed, 'lesson', q).indexOf(q.answer)]!++;
    for (const count of counts) expect(count).toBeGreaterThan(850);
  });

  it('draws a new order for the next round of a revealed question', () => {
    const q = question('q1');
    const rounds = new Set([0, 1, 2, 3, 4].map((round) => choiceOrder(99, 'lesson', q, round).join('')));
    expect(rounds.size).toBeGreaterThan(1);
  });
});

describe('answer and feedback', () => {
  const q = question('q1');
  const order = [3, 2, 1, 0];

  it('a wrong first pick explains that choice and leaves a try; the answer is not revealed', () => {
    const first = answer(q, freshQuestion(), 0)!;
    expect(first.outcome).toBe('wrong');
    const feedback = feedbackFor(q, first.state, order)!;
    expect(feedback.tone).toBe('wrong');
    expect(feedback.paragraphs).toEqual(['alpha mixes up A and B']);
    expect(feedback.paragraphs.join(' ')).not.toContain('Because of the reason');
    expect(answer(q, first.state, 0), 'the same wrong choice twice').toBeUndefined();
  });

  it('a second wrong pick reveals the answer with its own feedback and the explanation', () => {
    const first = answer(q, freshQuestion(), 0)!;
    const second = answer(q, first.state, 3)!;
    expect(second.outcome).toBe('revealed');
    const feedback = feedbackFor(q, second.state, order)!;
    expect(feedback.headline).toContain('the answer is 2');
    expect(feedback.paragraphs).toEqual(['delta assumes D', 'Because of the reason.']);
    expect(answer(q, second.state, 2), 'no picks after the reveal').toBeUndefined();
  });

  it('a right pick, first or second, says so with the explanation', () => {
    expect(answer(q, freshQuestion(), 2)!.outcome).toBe('right');
    const afterWrong = answer(q, answer(q, freshQuestion(), 1)!.state, 2)!;
    expect(afterWrong.outcome).toBe('right');
    expect(feedbackFor(q, afterWrong.state, order)).toEqual({
      tone: 'right',
      headline: 'Right.',
      paragraphs: ['Because of the reason.'],
    });
  });
});

describe('a quiz pick in progress (progress-rules.ts)', () => {
  it('right stays right, attempts count, reveals are counted and keep the question open', () => {
    const progress = emptyProgress();
    pick(progress, 'wrong');
    pick(progress, 'revealed');
    expect(progress.lessons.l!.quiz.q).toEqual({ correct: false, attempts: 2, revealed: 1 });
    pick(progress, 'right');
    expect(progress.lessons.l!.quiz.q).toEqual({ correct: true, attempts: 3, revealed: 1 });
    pick(progress, 'wrong');
    expect(progress.lessons.l!.quiz.q!.correct).toBe(true);
  });

  it('a new progress carries a seed', () => {
    expect(emptyProgress().seed).toEqual(expect.any(Number));
  });
});

describe('pressQuizKey (the quiz screen without a terminal)', () => {
  const questions = [question('a', 0), question('b', 1), question('c', 3)];
  const right = new Set<string>();
  const context: QuizContext = {
    questions,
    isRight: (id) => right.has(id),
    roundOf: () => 0,
    orderOf: (q) => choiceOrder(7, 'lesson', q),
  };
  const positionOf = (q: QuizQuestion, authored: number) => choiceOrder(7, 'lesson', q).indexOf(authored);
  const press = (session: QuizSession, ...keys: Parameters<typeof pressQuizKey>[2][]) => {
    let current = session;
    const outcomes: string[] = [];
    for (const key of keys) {
      const result = pressQuizKey(context, current, key);
      current = result.session;
      if (result.answered) {
        outcomes.push(`${result.answered.question.id}:${result.answered.outcome}`);
        if (result.answered.outcome === 'right') right.add(result.answered.question.id);
      }
    }
    return { session: current, outcomes };
  };

  it('Enter answers nothing until a choice is pointed at, so a double Enter cannot answer the next question', () => {
    right.clear();
    const start = startSession(context);
    const a = questions[0]!;
    const { session, outcomes } = press(
      start,
      { type: 'enter' },
      { type: 'pick', position: positionOf(a, 0) },
      { type: 'enter' }, // next question
      { type: 'enter' }, // the stray second Enter
    );
    expect(outcomes).toEqual(['a:right']);
    expect(session.index).toBe(1);
    expect(session.question.phase).toBe('choosing');
    expect(session.pointer).toBeUndefined();
  });

  it('arrows skip choices already picked wrongly; the revealed question stays open for r', () => {
    right.clear();
    right.add('a');
    const b = questions[1]!;
    let { session } = press(startSession(context));
    expect(session.index).toBe(1);
    const wrongFirst = positionOf(b, 0);
    ({ session } = press(session, { type: 'pick', position: wrongFirst }));
    expect(session.question.phase).toBe('try-again');
    for (let i = 0; i < 4; i++) {
      ({ session } = press(session, { type: 'move', delta: 1 }));
      expect(session.pointer).not.toBe(wrongFirst);
    }
    const result = press(session, { type: 'pick', position: positionOf(b, 2) });
    expect(result.outcomes).toEqual(['b:revealed']);
    ({ session } = press(result.session, { type: 'next' }, { type: 'pick', position: positionOf(questions[2]!, 3) }));
    expect(session.question.phase).toBe('right');
    ({ session } = press(session, { type: 'next' }));
    expect(session.index).toBe(3);
    ({ session } = press(session, { type: 'restart' }));
    expect(session.index, 'r goes back to the open question').toBe(1);
  });
});

describe('promptSummary', () => {
  it('joins the first paragraph into one line, never cutting a sentence', () => {
    expect(promptSummary('What is wrong here? The app\nreads `secret/app`\nonce.\n\n```hcl\npath "x" {}\n```')).toBe(
      'What is wrong here? The app reads `secret/app` once.',
    );
  });
});
