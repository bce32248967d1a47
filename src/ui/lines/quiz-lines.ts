import { Lexer } from 'marked';
import wrapAnsi from 'wrap-ansi';
import type { QuizQuestion } from '../../course/model.js';
import type { LessonProgress } from '../../course/progress.js';
import { feedbackFor, promptSummary, type QuestionState } from '../../course/quiz.js';
import { renderInline } from '../markdown/inline.js';
import { renderMarkdown } from '../markdown/render.js';
import type { Theme } from '../theme.js';

/** One line of inline markdown (a choice, a summary entry): code spans styled, no raw backticks. */
export function inlineText(markdown: string, theme: Theme): string {
  return renderInline(Lexer.lexInline(markdown, { gfm: true }), theme);
}

export interface QuestionView {
  question: QuizQuestion;
  number: number;
  total: number;
  /** The authored choice indices in the order shown. */
  order: number[];
  state: QuestionState;
  /** The display position the pointer is on, or undefined before the learner moves it. */
  pointer: number | undefined;
}

/** A question as lines: the prompt, the choices in the learner's order with their marks, the feedback. */
export function questionLines(view: QuestionView, width: number, theme: Theme): string[] {
  const { question, order, state, pointer } = view;
  const { chalk, symbols } = theme;
  const settled = state.phase === 'right' || state.phase === 'revealed';
  const out = [
    chalk.dim(`Question ${view.number} of ${view.total}`),
    ...renderMarkdown(question.prompt, { width, theme }),
    '',
  ];
  order.forEach((authored, position) => {
    const choice = question.choices[authored]!;
    const isWrong = state.wrong.includes(authored);
    const isRight = settled && authored === question.answer;
    const pointed = !settled && pointer === position;
    const mark = isRight ? `${symbols.pass} ` : isWrong ? `${symbols.fail} ` : '  ';
    const label = `${pointed ? `${symbols.pointer} ` : '  '}${mark}${position + 1}. `;
    const wrapped = wrapAnsi(inlineText(choice.text, theme), Math.max(10, width - label.length), { hard: true });
    wrapped.split('\n').forEach((part, lineIndex) => {
      let line = `${lineIndex === 0 ? label : ' '.repeat(label.length)}${part}`;
      if (pointed) line = theme.color ? chalk.inverse(line) : line;
      else if (isRight) line = chalk.green(line);
      else if (isWrong) line = chalk.red(line);
      out.push(line);
    });
  });
  const feedback = feedbackFor(question, state, order);
  if (feedback) {
    out.push('');
    const headline =
      feedback.tone === 'right'
        ? chalk.green.bold(`${symbols.pass} ${feedback.headline}`)
        : feedback.tone === 'wrong'
          ? chalk.yellow.bold(`${symbols.fail} ${feedback.headline}`)
          : chalk.red.bold(`${symbols.fail} ${feedback.headline}`);
    out.push(...wrapAnsi(headline, Math.max(10, width), { hard: true }).split('\n'));
    for (const paragraph of feedback.paragraphs) out.push(...renderMarkdown(paragraph, { width, theme }), '');
    while (out.at(-1) === '') out.pop();
  }
  return out;
}

/** The end of a quiz: how many are right, and each question (its whole first sentence) with its tries. */
export function summaryLines(
  questions: QuizQuestion[],
  record: LessonProgress['quiz'],
  width: number,
  theme: Theme,
): string[] {
  if (questions.length === 0) return ['This lesson has no quiz.'];
  const right = questions.filter((question) => record[question.id]?.correct).length;
  const out = [theme.chalk.bold(`Quiz finished: ${right} of ${questions.length} answered right.`), ''];
  for (const question of questions) {
    const entry = record[question.id];
    const mark = entry?.correct ? theme.symbols.pass : entry ? theme.symbols.fail : theme.symbols.new;
    const tries = entry ? ` (${entry.attempts} ${entry.attempts === 1 ? 'try' : 'tries'})` : '';
    const text = `${mark} ${inlineText(promptSummary(question.prompt), theme)}${tries}`;
    out.push(
      ...wrapAnsi(text, Math.max(10, width - 2), { hard: true })
        .split('\n')
        .map((line, index) => (index ? `  ${line}` : line)),
    );
  }
  if (right < questions.length) {
    out.push('', theme.chalk.dim('Questions not yet right come back in a new order: press r to try them again.'));
  }
  return out;
}
