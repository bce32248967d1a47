import { Box, Text } from 'ink';
import { useKeys } from '../hooks/use-keys.js';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { syncLessonStatus, touchLesson } from '../../course/course.js';
import type { HandsOnStep, Lesson, QuizQuestion } from '../../course/model.js';
import { lessonEntry, recordQuizAnswer } from '../../course/progress.js';
import type { AnswerOutcome } from '../../course/quiz.js';
import { useApp } from '../app-context.js';
import {
  Header,
  KeyHints,
  keyHintLines,
  scrollPosition,
  tabLines,
  Tabs,
  Viewport,
  type KeyHint,
  type TabSpec,
} from '../components/layout.js';
import { Quiz } from '../components/quiz.js';
import { stepLines } from '../components/steps.js';
import { usePlaygroundState } from '../hooks/use-playground.js';
import { useScroll } from '../hooks/use-scroll.js';
import { useSyncState } from '../hooks/use-sync-state.js';
import { useSpinner } from '../hooks/use-spinner.js';
import { useStepChecks } from '../hooks/use-step-checks.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { renderMarkdownCached } from '../markdown/cache.js';
import { useServices } from '../services.js';
import { chrome } from '../theme.js';

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
  const { state, dispatch, updateProgress } = useApp();
  // A progress file kept aside or a failed save is shown here too, not only on the home screen.
  const notice = state.notices.at(-1);
  const { columns, rows } = useTerminalSize();
  const entry = state.progress.lessons[lesson.id];
  const [section, setSection, sectionRef] = useSyncState<Section>('read');
  const [flash, setFlash] = useState<string | undefined>();
  const playground = usePlaygroundState();

  useEffect(() => {
    void updateProgress((progress) => touchLesson(progress, lesson));
  }, [lesson, updateProgress]);

  const sections: TabSpec[] = useMemo(() => {
    const list: TabSpec[] = [{ id: 'read', label: 'Read' }];
    const stepsDone = lesson.steps.filter((step) => entry?.steps[step.id]).length;
    const right = lesson.quiz.filter((question) => entry?.quiz[question.id]?.correct).length;
    if (lesson.steps.length > 0) list.push({ id: 'steps', label: `Hands-on ${stepsDone}/${lesson.steps.length}` });
    if (lesson.quiz.length > 0) list.push({ id: 'quiz', label: `Quiz ${right}/${lesson.quiz.length}` });
    return list;
  }, [lesson, entry]);

  const onStepDone = useCallback(
    (step: HandsOnStep) => {
      setFlash(`${theme.symbols.pass} Step done: ${step.title}`);
      void updateProgress((progress) => {
        lessonEntry(progress, lesson.id).steps[step.id] = true;
        syncLessonStatus(progress, lesson);
      });
    },
    [lesson, theme, updateProgress],
  );
  const checks = useStepChecks(lesson.steps, entry?.steps ?? {}, onStepDone);
  const pendingSteps = lesson.steps.some((step) => !entry?.steps[step.id]);
  const spinner = useSpinner(
    section === 'steps' && (playground.status === 'starting' || (playground.status === 'up' && pendingSteps)),
  );

  const onAnswer = useCallback(
    (question: QuizQuestion, outcome: AnswerOutcome) => {
      void updateProgress((progress) => {
        recordQuizAnswer(progress, lesson.id, question.id, outcome);
        syncLessonStatus(progress, lesson);
      });
    },
    [lesson, updateProgress],
  );

  const hints = keyHintLines(section === 'quiz' ? QUIZ_KEYS : LESSON_KEYS, columns, theme);
  const tabs = tabLines(sections, section, columns, theme);
  const bodyHeight = Math.max(3, rows - 1 - 2 - tabs.length - hints.length);
  const readLines = useMemo(
    () => renderMarkdownCached(lesson.file || lesson.id, lesson.markdown, columns, theme),
    [lesson, columns, theme],
  );
  const [hintsShown, setHintsShown] = useState<Record<string, number>>({});
  const stepsContent = useMemo(
    () => stepLines(lesson.steps, entry?.steps ?? {}, checks.details, playground, spinner, columns, theme, hintsShown),
    [lesson.steps, entry, checks.details, playground, spinner, columns, theme, hintsShown],
  );
  // h: one more hint for the first step not done yet that has hints left (nudge → concept → near-solution).
  const showHint = () => {
    const step = lesson.steps.find(
      (item) => !entry?.steps[item.id] && (hintsShown[item.id] ?? 0) < (item.hints?.length ?? 0),
    );
    if (step) setHintsShown((shown) => ({ ...shown, [step.id]: (shown[step.id] ?? 0) + 1 }));
  };
  const [initialTop] = useState(entry?.position ?? 0);
  const readScroll = useScroll(readLines.length, bodyHeight, initialTop);
  const stepsScroll = useScroll(stepsContent.length, bodyHeight);

  // Remember where the learner was; a lesson with nothing to do is done once read to the end.
  const top = readScroll.top;
  const atEnd = readScroll.atEnd;
  useEffect(() => {
    const timer = setTimeout(() => {
      void updateProgress((progress) => {
        const record = lessonEntry(progress, lesson.id);
        record.position = top;
        if (atEnd && lesson.quiz.length === 0 && lesson.steps.length === 0) record.status = 'done';
      });
    }, 400);
    return () => clearTimeout(timer);
  }, [top, atEnd, lesson, updateProgress]);

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
      if (sectionRef.current === 'read') {
        // Space at the very end moves on to the next section, like turning a page.
        if (input === ' ' && readScroll.isAtEnd() && sections.length > 1) return move(1);
        readScroll.handleKey(input, key);
      } else if (sectionRef.current === 'steps') {
        if (input === 'h') return showHint();
        stepsScroll.handleKey(input, key);
      }
    },
    { isActive: active },
  );

  const number = course.lessons.indexOf(lesson) + 1;
  let status = '';
  if (section === 'read') {
    status = scrollPosition(readScroll.top, bodyHeight, readLines.length, theme);
    if (readScroll.atEnd && sections.length > 1)
      status = `${status ? `${status} · ` : ''}end of the text: space or → for ${sections[1]?.label.split(' ')[0]}`;
  } else if (section === 'steps') status = scrollPosition(stepsScroll.top, bodyHeight, stepsContent.length, theme);

  return (
    <Box flexDirection="column" width={columns}>
      <Header
        title={`Lesson ${number} of ${course.lessons.length}: ${lesson.title}`}
        right={lesson.minutes ? `${lesson.minutes} min` : undefined}
      />
      <Tabs lines={tabs} />
      {section === 'read' ? <Viewport lines={readLines} top={readScroll.top} height={bodyHeight} /> : null}
      {section === 'steps' ? <Viewport lines={stepsContent} top={stepsScroll.top} height={bodyHeight} /> : null}
      {section === 'quiz' ? (
        <Quiz
          lessonId={lesson.id}
          questions={lesson.quiz}
          record={entry?.quiz ?? {}}
          seed={state.progress.seed ?? 0}
          onAnswer={onAnswer}
          width={columns}
          height={bodyHeight - 1}
          active={active}
        />
      ) : null}
      {section !== 'quiz' ? (
        <Text
          color={notice ? theme.colors.warning : flash ? theme.colors.success : theme.colors.muted}
          wrap="truncate-end"
        >
          {chrome(theme, notice ?? flash ?? (status || ' '))}
        </Text>
      ) : null}
      <KeyHints lines={hints} />
    </Box>
  );
}
