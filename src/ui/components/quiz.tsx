import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { QuizQuestion } from '../../course/model.js';
import type { LessonProgress } from '../../course/progress.js';
import {
  choiceOrder,
  pressQuizKey,
  startSession,
  type AnswerOutcome,
  type QuizContext,
  type QuizKey,
  type QuizSession,
} from '../../course/quiz.js';
import { useKeys } from '../hooks/use-keys.js';
import { useSyncState } from '../hooks/use-sync-state.js';
import { useTheme } from '../services.js';
import { chrome } from '../theme.js';
import { Viewport } from './layout.js';
import { questionLines, summaryLines } from '../lines/quiz-lines.js';

export interface QuizProps {
  lessonId: string;
  questions: QuizQuestion[];
  record: LessonProgress['quiz'];
  /** The learner's quiz seed (progress file): their own order of the choices. */
  seed: number;
  onAnswer: (question: QuizQuestion, outcome: AnswerOutcome) => void;
  width: number;
  height: number;
  active: boolean;
}

/**
 * The lesson's quiz: one question at a time, the choices in the learner's own order. Choose with
 * ↑↓ and Enter, or a digit. A wrong pick says why it is wrong and leaves one more try; the answer
 * is shown only after that. The rules live in src/course/quiz.ts; this component maps keys and renders.
 */
export function Quiz({ lessonId, questions, record, seed, onAnswer, width, height, active }: QuizProps) {
  const theme = useTheme();
  const context: QuizContext = useMemo(
    () => ({
      questions,
      isRight: (id) => record[id]?.correct === true,
      roundOf: (id) => record[id]?.revealed ?? 0,
      orderOf: (question, round) => choiceOrder(seed, lessonId, question, round),
    }),
    [questions, record, seed, lessonId],
  );
  const [session, setSession, sessionRef] = useSyncState<QuizSession>(() => startSession(context));

  useKeys(
    (input, key) => {
      const quizKey = toQuizKey(input, key);
      if (!quizKey) return;
      const { session: next, answered } = pressQuizKey(context, sessionRef.current, quizKey);
      if (next !== sessionRef.current) setSession(next);
      if (answered) onAnswer(answered.question, answered.outcome);
    },
    { isActive: active },
  );

  const question = questions[session.index];
  const lines = useMemo(() => {
    if (!question) return summaryLines(questions, record, width, theme);
    const order = choiceOrder(seed, lessonId, question, session.round);
    return questionLines(
      {
        question,
        number: session.index + 1,
        total: questions.length,
        order,
        state: session.question,
        pointer: session.pointer,
      },
      width,
      theme,
    );
  }, [question, questions, record, session, seed, lessonId, width, theme]);

  const phase = session.question.phase;
  const settled = phase === 'right' || phase === 'revealed';
  // Keep the end in view once there is feedback, else the start of the question.
  const top = settled || phase === 'try-again' || !question ? Math.max(0, lines.length - height) : 0;
  const status = !question
    ? 'r try the open questions again'
    : settled
      ? 'enter next question'
      : `${phase === 'try-again' ? 'one more try: ' : ''}↑↓ choose · enter answer · 1-${question.choices.length} answer directly`;
  return (
    <Box flexDirection="column">
      <Viewport lines={lines} top={top} height={height} />
      <Text color={theme.colors.muted} wrap="truncate-end">
        {chrome(theme, status)}
      </Text>
    </Box>
  );
}

function toQuizKey(input: string, key: { downArrow: boolean; upArrow: boolean; return: boolean }): QuizKey | undefined {
  if (key.downArrow || input === 'j') return { type: 'move', delta: 1 };
  if (key.upArrow || input === 'k') return { type: 'move', delta: -1 };
  if (key.return) return { type: 'enter' };
  if (input === 'n') return { type: 'next' };
  if (input === 'r') return { type: 'restart' };
  if (/^[1-9]$/.test(input)) return { type: 'pick', position: Number(input) - 1 };
  return undefined;
}
