import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Course } from '../../course/course.js';
import type { Progress } from '../../course/progress.js';
import { challengeStatus, courseCompletion, lessonStatus, nextItem } from '../../course/progress-rules.js';
import { useAppState } from '../app-state.js';
import { ItemList, type ListItem, type ListRow } from '../components/item-list.js';
import {
  Header,
  KeyHints,
  keyHintLines,
  noticeLineCount,
  Notices,
  ProgressBar,
  type KeyHint,
} from '../components/layout.js';
import { PlaygroundLine } from '../components/playground-line.js';
import { useKeys } from '../hooks/use-keys.js';
import { useSyncState } from '../hooks/use-sync-state.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useServices } from '../services.js';

export const HOME_KEYS: KeyHint[] = [
  ['↑↓', 'choose'],
  ['enter', 'open'],
  ['c', 'continue'],
  ['v', 'playground Vault'],
  ['?', 'help'],
  ['q', 'quit'],
];

export function HomeScreen({ active }: { active: boolean }) {
  const { course, theme } = useServices();
  const { state, dispatch } = useAppState();
  const { columns, rows } = useTerminalSize();
  const { progress } = state;
  const items = useMemo(() => homeItems(course, progress), [course, progress]);
  const [selected, setSelected, selectedRef] = useSyncState(() => {
    const next = nextItem(course, progress);
    return Math.max(0, next ? items.findIndex((item) => sameItem(item, next)) : 0);
  });

  useKeys(
    (input, key) => {
      if (state.notices.length > 0) dispatch({ type: 'dismiss-notices' });
      const last = items.length - 1;
      if (key.downArrow || input === 'j') setSelected((value) => Math.min(last, value + 1));
      else if (key.upArrow || input === 'k') setSelected((value) => Math.max(0, value - 1));
      else if (key.home || input === 'g') setSelected(0);
      else if (key.end || input === 'G') setSelected(last);
      else if (key.return || key.rightArrow) {
        const item = items[selectedRef.current];
        if (item) dispatch({ type: 'open', screen: item.screen });
      } else if (input === 'c') {
        const next = nextItem(course, progress);
        if (next) dispatch({ type: 'open', screen: { name: next.kind, id: next.id } });
      } else if (input === 'v') dispatch({ type: 'open', screen: { name: 'playground' } });
      else if (input === 'q' || key.escape) dispatch({ type: 'quit' });
    },
    { isActive: active },
  );

  const completion = courseCompletion(course, progress);
  const hints = keyHintLines(HOME_KEYS, columns, theme);
  const fixed = 1 + 1 + 1 + noticeLineCount(state.notices, columns, theme) + 1 + 1 + hints.length;
  const percent = completion.total ? Math.round((completion.done / completion.total) * 100) : 0;

  return (
    <Box flexDirection="column" width={columns}>
      <Header
        title="secrets-workbook · secrets management for API developers"
        right={`${completion.done}/${completion.total} done`}
      />
      <Box>
        <Text>Progress </Text>
        <ProgressBar done={completion.done} total={completion.total} width={Math.max(5, Math.min(30, columns - 24))} />
        <Text> {percent}%</Text>
      </Box>
      <NextLine />
      <Notices notices={state.notices} />
      {items.length === 0 ? (
        <Text>No lessons found. Is the package complete? Try `secrets-workbook doctor`.</Text>
      ) : (
        <ItemList rows={homeRows(course, items)} selected={items[selected]} height={Math.max(3, rows - 1 - fixed)} />
      )}
      <Text> </Text>
      <PlaygroundLine />
      <KeyHints lines={hints} />
    </Box>
  );
}

/** Lessons (numbered, with their minutes), then challenges (with their id), each with its status. */
export function homeItems(course: Course, progress: Progress): ListItem[] {
  return [
    ...course.lessons.map((lesson, index) => ({
      screen: { name: 'lesson' as const, id: lesson.id },
      number: `${index + 1}.`,
      title: lesson.title,
      right: lesson.minutes ? `${lesson.minutes} min` : '',
      status: lessonStatus(lesson, progress),
    })),
    ...course.challenges.map((challenge) => ({
      screen: { name: 'challenge' as const, id: challenge.id },
      number: '',
      title: challenge.title,
      right: challenge.id,
      status: challengeStatus(challenge, progress),
    })),
  ];
}

function homeRows(course: Course, items: ListItem[]): ListRow[] {
  const rows: ListRow[] = [];
  if (course.lessons.length > 0) rows.push({ label: 'Lessons' });
  items.forEach((item, index) => {
    if (index === course.lessons.length && course.challenges.length > 0) rows.push({ label: 'Challenges' });
    rows.push({ item });
  });
  return rows;
}

function sameItem(item: ListItem, next: { kind: 'lesson' | 'challenge'; id: string }): boolean {
  return item.screen.name === next.kind && 'id' in item.screen && item.screen.id === next.id;
}

/** What `c` opens: the first lesson or challenge not done yet. */
function NextLine() {
  const { course, theme } = useServices();
  const { state } = useAppState();
  const next = nextItem(course, state.progress);
  if (!next)
    return (
      <Text color={theme.colors.success}>
        Everything is done. Well done! Reset with `secrets-workbook reset --all` to start over.
      </Text>
    );
  const index = course.lessons.findIndex((lesson) => lesson.id === next.id);
  const title =
    next.kind === 'lesson'
      ? `${index + 1}. ${course.lessons[index]?.title}`
      : `challenge: ${course.challenges.find((challenge) => challenge.id === next.id)?.title}`;
  return (
    <Text color={theme.colors.muted} wrap="truncate-end">
      Next: {title} (press c)
    </Text>
  );
}
