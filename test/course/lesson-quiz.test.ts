import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/course/lessons.js';
import { choiceOrder } from '../../src/course/quiz.js';

/**
 * The shipped quizzes cannot be passed by pattern: the right answer is not where, or as long as,
 * a guesser would look; every wrong choice is a misconception with its own feedback; and the
 * choices are shuffled per learner on top of that.
 */
const lessons = await loadLessons();
const questions = lessons.flatMap((lesson) => lesson.quiz.map((question) => ({ lesson: lesson.id, ...question })));
const name = (question: (typeof questions)[number]) => `${question.lesson}/${question.id}`;

describe('the shipped quizzes', () => {
  it('put the right answer in no position more often than in 35% of the questions', () => {
    const counts = new Map<number, number>();
    for (const question of questions) counts.set(question.answer, (counts.get(question.answer) ?? 0) + 1);
    for (const [position, count] of counts)
      expect(count / questions.length, `position ${position + 1}: ${count} of ${questions.length}`).toBeLessThanOrEqual(
        0.35,
      );
  });

  it('make the right answer the longest choice in at most a third of the questions, and never twice as long as every other', () => {
    const longest = questions.filter((question) => {
      const lengths = question.choices.map((choice) => choice.text.length);
      const right = lengths[question.answer]!;
      const others = lengths.filter((_, index) => index !== question.answer);
      expect(right, `${name(question)}: the right answer is twice as long as any other`).toBeLessThan(
        2 * Math.max(...others),
      );
      return right > Math.max(...others);
    });
    expect(longest.length / questions.length, longest.map(name).join(', ')).toBeLessThanOrEqual(1 / 3);
  });

  it('give every wrong choice its own feedback, and the right one none', () => {
    for (const question of questions) {
      expect(question.choices.length, name(question)).toBeGreaterThanOrEqual(3);
      const wrong = question.choices.filter((_, index) => index !== question.answer);
      for (const choice of wrong) {
        expect(choice.feedback?.trim().length ?? 0, `${name(question)}: "${choice.text}"`).toBeGreaterThan(30);
        expect(choice.feedback, name(question)).not.toBe(question.explanation);
      }
      expect(new Set(wrong.map((choice) => choice.feedback)).size, name(question)).toBe(wrong.length);
      expect(question.choices[question.answer]!.feedback, name(question)).toBeUndefined();
    }
  });

  it('ask to apply, not to recall the bank-vault picture or the story', () => {
    for (const question of questions) {
      expect(question.prompt, name(question)).not.toMatch(/bank[- ]vault|guards at the door|In the bank/i);
      expect(question.prompt, name(question)).not.toMatch(/In the stolen-laptop story, what (made|saved)/i);
    }
  });

  it('shuffle per learner so that, across learners, the right answer sits in every position about equally often', () => {
    const seen = [0, 0, 0, 0];
    let total = 0;
    for (let seed = 1; seed <= 200; seed++)
      for (const question of questions) {
        const position = choiceOrder(seed, question.lesson, question).indexOf(question.answer);
        if (question.choices.length === 4) {
          seen[position]!++;
          total++;
        }
      }
    for (const count of seen) expect(Math.abs(count / total - 0.25)).toBeLessThan(0.02);
  });
});
