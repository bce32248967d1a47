import { Box, Text } from 'ink';
import { useKeys } from '../hooks/use-keys.js';
import { useMemo } from 'react';
import { useSyncState } from '../hooks/use-sync-state.js';
import wrapAnsi from 'wrap-ansi';
import type { QuizQuestion } from '../../course/model.js';
import type { LessonProgress } from '../../course/progress.js';
import { renderMarkdown } from '../markdown/render.js';
import { useTheme } from '../services.js';
import { Viewport } from './layout.js';
import { chrome } from '../theme.js';

export interface QuizProps {
  questions: QuizQuestion[];
  record: LessonProgress['quiz'];
  onAnswer: (question: QuizQuestion, correct: boolean) => void;
  width: number;
  height: number;
  active: boolean;
}

interface Answered {
  choice: number;
  correct: boolean;
}

/**
 * The lesson's quiz: one question at a time, choose with ↑↓ or a digit, Enter to answer.
 * Feedback is immediate, right or wrong, with the explanation; a wrong answer can be retried (r).
 */
export function Quiz({ questions, record, onAnswer, width, height, active }: QuizProps) {
  const theme = useTheme();
  const firstOpen = questions.findIndex((question) => record[question.id]?.correct !== true);
  const [index, setIndex, indexRef] = useSyncState(firstOpen === -1 ? questions.length : firstOpen);
  const [choice, setChoice, choiceRef] = useSyncState(0);
  const [answered, setAnswered, answeredRef] = useSyncState<Answered | undefined>(undefined);
  const question = questions[index];

  const answer = (picked: number) => {
    const current = questions[indexRef.current];
    if (!current || answeredRef.current) return;
    const correct = picked === current.answer;
    setChoice(picked);
    setAnswered({ choice: picked, correct });
    onAnswer(current, correct);
  };
  const next = () => {
    setAnswered(undefined);
    setChoice(0);
    setIndex((value) => Math.min(questions.length, value + 1));
  };

  useKeys(
    (input, key) => {
      const question = questions[indexRef.current];
      const answered = answeredRef.current;
      if (!question) {
        if (input === 'r') {
          setIndex(0);
          setAnswered(undefined);
        }
        return;
      }
      if (answered) {
        if (key.return || input === 'n') next();
        else if (input === 'r' && !answered.correct) {
          setAnswered(undefined);
        }
        return;
      }
      if (key.downArrow || input === 'j') setChoice((value) => Math.min(question.choices.length - 1, value + 1));
      else if (key.upArrow || input === 'k') setChoice((value) => Math.max(0, value - 1));
      else if (key.return) answer(choiceRef.current);
      else if (/^[1-9]$/.test(input)) {
        const picked = Number(input) - 1;
        if (picked < question.choices.length) answer(picked);
      }
    },
    { isActive: active },
  );

  const lines = useMemo(() => {
    if (!question) return summaryLines(questions, record, width, theme);
    const out: string[] = [];
    out.push(theme.chalk.dim(`Question ${index + 1} of ${questions.length}`));
    out.push(...renderMarkdown(question.prompt, { width, theme }));
    out.push('');
    question.choices.forEach((text, i) => {
      const isChoice = i === choice;
      let mark = '  ';
      if (answered && i === question.answer) mark = `${theme.symbols.pass} `;
      else if (answered && i === answered.choice && !answered.correct) mark = `${theme.symbols.fail} `;
      const pointer = !answered && isChoice ? `${theme.symbols.pointer} ` : '  ';
      const label = `${pointer}${mark}${i + 1}. `;
      const wrapped = wrapAnsi(text, Math.max(10, width - label.length), { hard: true }).split('\n');
      wrapped.forEach((part, lineIndex) => {
        const styledLabel = lineIndex === 0 ? label : ' '.repeat(label.length);
        let line = `${styledLabel}${part}`;
        if (!answered && isChoice) line = theme.color ? theme.chalk.inverse(line) : line;
        else if (answered && i === question.answer) line = theme.chalk.green(line);
        else if (answered && i === answered.choice) line = theme.chalk.red(line);
        out.push(line);
      });
    });
    if (answered) {
      out.push('');
      out.push(
        answered.correct
          ? theme.chalk.green.bold(`${theme.symbols.pass} Right.`)
          : theme.chalk.red.bold(`${theme.symbols.fail} Not quite: the answer is ${question.answer + 1}.`),
      );
      out.push(...renderMarkdown(question.explanation, { width, theme }));
    }
    return out;
  }, [question, questions, record, index, choice, answered, width, theme]);

  // Keep the end in view once answered (the feedback), else the choices.
  const top = Math.max(0, lines.length - height);
  const status = !question
    ? 'r start over'
    : answered
      ? answered.correct
        ? 'enter next question'
        : 'enter next question · r try again'
      : `↑↓ choose · enter answer · 1-${question.choices.length} answer directly`;
  return (
    <Box flexDirection="column">
      <Viewport lines={lines} top={answered || !question ? top : 0} height={height} />
      <Text color={theme.colors.muted} wrap="truncate-end">
        {chrome(theme, status)}
      </Text>
    </Box>
  );
}

function summaryLines(
  questions: QuizQuestion[],
  record: LessonProgress['quiz'],
  width: number,
  theme: ReturnType<typeof useTheme>,
): string[] {
  if (questions.length === 0) return ['This lesson has no quiz.'];
  const right = questions.filter((question) => record[question.id]?.correct).length;
  const out = [theme.chalk.bold(`Quiz finished: ${right} of ${questions.length} answered right.`), ''];
  for (const question of questions) {
    const entry = record[question.id];
    const mark = entry?.correct ? theme.symbols.pass : entry ? theme.symbols.fail : theme.symbols.new;
    const attempts = entry ? ` (${entry.attempts} ${entry.attempts === 1 ? 'try' : 'tries'})` : '';
    out.push(...wrapAnsi(`${mark} ${question.prompt.split('\n')[0]}${attempts}`, width, { hard: true }).split('\n'));
  }
  return out;
}
