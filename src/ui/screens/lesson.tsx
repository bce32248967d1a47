import { Box, Text } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import type { HandsOnStep, Lesson, QuizQuestion } from '../../course/model.js';
import type { LessonProgress } from '../../course/progress.js';
import type { AnswerOutcome } from '../../course/quiz.js';
import { useAppState } from '../app-state.js';
import { Header, KeyHints, keyHintLines, tabLines, Tabs, type KeyHint, type TabSpec } from '../components/layout.js';
import { Quiz } from '../components/quiz.js';
import { useKeys } from '../hooks/use-keys.js';
import { useStepChecks } from '../hooks/use-step-checks.js';
import { useSyncState } from '../hooks/use-sync-state.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useServices } from '../services.js';
import { ReadSection } from './lesson/read-section.js';
import { StepsSection } from './lesson/steps-section.js';

type Section = 'read' | 'steps' | 'quiz';

export const LESSON_KEYS: KeyHint[] = [
  ['↑↓', 'scroll'],
  ['space/b', 'page'],
  ['←→', 'section'],
  ['v', 'playground'],
  ['?', 'help'],
  ['q', 'back'],
];

const QUIZ_KEYS: KeyHint[] = [
  ['←→', 'section'],
  ['v', 'playground'],
  ['?', 'help'],
  ['q', 'back'],
];

export function LessonScreen({ id, active }: { id: string; active: boolean }) {
  const { course } = useServices();
  const lesson = course.lessons.find((item) => item.id === id);
  if (!lesson) return <Text>No lesson called {id}.</Text>;
  return <LessonView lesson={lesson} active={active} />;
}

function LessonView({ lesson, active }: { lesson: Lesson; active: boolean }) {
  const { course, theme } = useServices();
  const { state, dispatch } = useAppState();
  const { columns, rows } = useTerminalSize();
  const entry = state.progress.lessons[lesson.id];
  const [section, setSection, sectionRef] = useSyncState<Section>('read');
  const [readTop, setReadTop] = useState(entry?.position ?? 0);
  const { flash, setFlash, onStepDone, onAnswer } = useLessonProgress(lesson);
  const checks = useStepChecks(lesson.steps, entry?.steps ?? {}, onStepDone);
  const [stepHints, showStepHint] = useStepHints(lesson, entry);
  const sections = lessonTabs(lesson, entry);
  const move = (delta: number) => {
    const index = sections.findIndex((item) => item.id === sectionRef.current);
    const next = sections[(index + delta + sections.length) % sections.length];
    if (next) setSection(next.id as Section);
  };

  useKeys(
    (input, key) => {
      setFlash(undefined);
      if (key.escape || input === 'q') return dispatch({ type: 'back' });
      if (key.tab) return move(key.shift ? -1 : 1);
      if (key.rightArrow) return move(1);
      if (key.leftArrow) return move(-1);
      if (input === 'v') return dispatch({ type: 'open', screen: { name: 'playground' } });
      if (input === 'h' && sectionRef.current === 'steps') return showStepHint();
    },
    { isActive: active },
  );

  const hints = keyHintLines(section === 'quiz' ? QUIZ_KEYS : LESSON_KEYS, columns, theme);
  const tabs = tabLines(sections, section, columns, theme);
  const height = Math.max(3, rows - 1 - 2 - tabs.length - hints.length);
  // A progress file kept aside or a failed save is shown here too, not only on the home screen.
  const status = { notice: state.notices.at(-1), message: flash };
  const box = { width: columns, height, active, status };
  const number = course.lessons.indexOf(lesson) + 1;
  return (
    <Box flexDirection="column" width={columns}>
      <Header
        title={`Lesson ${number} of ${course.lessons.length}: ${lesson.title}`}
        right={lesson.minutes ? `${lesson.minutes} min` : undefined}
      />
      <Tabs lines={tabs} />
      {section === 'read' ? (
        <ReadSection
          lesson={lesson}
          initialTop={readTop}
          onPosition={setReadTop}
          nextSection={sections[1]?.label.split(' ')[0]}
          onNextSection={() => move(1)}
          {...box}
        />
      ) : null}
      {section === 'steps' ? (
        <StepsSection
          steps={lesson.steps}
          done={entry?.steps ?? {}}
          details={checks.details}
          hintsShown={stepHints}
          {...box}
        />
      ) : null}
      {section === 'quiz' ? (
        <Quiz
          lessonId={lesson.id}
          questions={lesson.quiz}
          seed={state.progress.seed ?? 0}
          record={entry?.quiz ?? {}}
          onAnswer={onAnswer}
          width={columns}
          height={height - 1}
          active={active}
        />
      ) : null}
      <KeyHints lines={hints} />
    </Box>
  );
}

/** What the lesson records (progress-rules.ts decides what it changes), and the line that says so. */
function useLessonProgress(lesson: Lesson) {
  const { theme } = useServices();
  const { record } = useAppState();
  const [flash, setFlash] = useState<string | undefined>();
  useEffect(() => void record({ type: 'lesson-opened', lesson }), [lesson, record]);
  const onStepDone = useCallback(
    (step: HandsOnStep) => {
      setFlash(`${theme.symbols.pass} Step done: ${step.title}`);
      void record({ type: 'lesson-step-done', lesson, stepId: step.id });
    },
    [lesson, record, theme],
  );
  const onAnswer = useCallback(
    (question: QuizQuestion, outcome: AnswerOutcome) =>
      void record({ type: 'quiz-answered', lesson, questionId: question.id, outcome }),
    [lesson, record],
  );
  return { flash, setFlash, onStepDone, onAnswer };
}

/**
 * h on the Hands-on section: one more hint for the first step not done yet that has hints left
 * (nudge → concept → near-solution). For this visit only, like a hint asked of a teacher.
 */
function useStepHints(lesson: Lesson, entry: LessonProgress | undefined) {
  const [shown, setShown] = useState<Record<string, number>>({});
  const showNext = () => {
    const step = lesson.steps.find(
      (item) => !entry?.steps[item.id] && (shown[item.id] ?? 0) < (item.hints?.length ?? 0),
    );
    if (step) setShown((previous) => ({ ...previous, [step.id]: (previous[step.id] ?? 0) + 1 }));
  };
  return [shown, showNext] as const;
}

/** Read, then Hands-on and Quiz where the lesson has them, with their counts. */
function lessonTabs(lesson: Lesson, entry: LessonProgress | undefined): TabSpec[] {
  const tabs: TabSpec[] = [{ id: 'read', label: 'Read' }];
  const stepsDone = lesson.steps.filter((step) => entry?.steps[step.id]).length;
  const right = lesson.quiz.filter((question) => entry?.quiz[question.id]?.correct).length;
  if (lesson.steps.length > 0) tabs.push({ id: 'steps', label: `Hands-on ${stepsDone}/${lesson.steps.length}` });
  if (lesson.quiz.length > 0) tabs.push({ id: 'quiz', label: `Quiz ${right}/${lesson.quiz.length}` });
  return tabs;
}
