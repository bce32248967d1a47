import { Box, Text } from 'ink';
import { useKeys } from '../hooks/use-keys.js';
import { useMemo } from 'react';
import { useSyncState } from '../hooks/use-sync-state.js';
import { challengeStatus, courseCompletion, lessonStatus, nextItem } from '../../course/course.js';
import type { ItemStatus } from '../../course/model.js';
import { statusLabel } from '../../course/progress.js';
import { useApp } from '../app-context.js';
import { Header, KeyHints, keyHintLines, Notices, ProgressBar, type KeyHint } from '../components/layout.js';
import { PlaygroundLine } from '../components/playground-line.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useServices } from '../services.js';
import { statusColor, statusSymbol } from '../theme.js';
import type { Screen } from '../state.js';

export const HOME_KEYS: KeyHint[] = [
  ['↑↓', 'choose'],
  ['enter', 'open'],
  ['c', 'continue'],
  ['v', 'playground Vault'],
  ['?', 'help'],
  ['q', 'quit'],
];

interface Row {
  label?: string;
  item?: { screen: Screen; number: string; title: string; right: string; status: ItemStatus };
}

export function HomeScreen({ active }: { active: boolean }) {
  const { course, theme } = useServices();
  const { state, dispatch } = useApp();
  const { columns, rows } = useTerminalSize();
  const { progress } = state;

  const items = useMemo(() => {
    const list: NonNullable<Row['item']>[] = [];
    course.lessons.forEach((lesson, index) =>
      list.push({
        screen: { name: 'lesson', id: lesson.id },
        number: `${index + 1}.`,
        title: lesson.title,
        right: lesson.minutes ? `${lesson.minutes} min` : '',
        status: lessonStatus(lesson, progress),
      }),
    );
    course.challenges.forEach((challenge) =>
      list.push({
        screen: { name: 'challenge', id: challenge.id },
        number: '',
        title: challenge.title,
        right: challenge.id,
        status: challengeStatus(challenge, progress),
      }),
    );
    return list;
  }, [course, progress]);

  const [selected, setSelected, selectedRef] = useSyncState(() => {
    const next = nextItem(course, progress);
    const index = next
      ? items.findIndex((item) => 'id' in item.screen && item.screen.id === next.id && item.screen.name === next.kind)
      : 0;
    return Math.max(0, index);
  });

  useKeys(
    (input, key) => {
      if (state.notices.length > 0) dispatch({ type: 'dismiss-notices' });
      if (key.downArrow || input === 'j') setSelected((value) => Math.min(items.length - 1, value + 1));
      else if (key.upArrow || input === 'k') setSelected((value) => Math.max(0, value - 1));
      else if (key.home || input === 'g') setSelected(0);
      else if (key.end || input === 'G') setSelected(items.length - 1);
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
  const listRows: Row[] = [];
  if (course.lessons.length > 0) listRows.push({ label: 'Lessons' });
  items.forEach((item, index) => {
    if (index === course.lessons.length && course.challenges.length > 0) listRows.push({ label: 'Challenges' });
    listRows.push({ item });
  });
  const fixed = 1 + 1 + 1 + state.notices.length + 1 + 1 + hints.length;
  const listHeight = Math.max(3, rows - 1 - fixed);
  const selectedRow = listRows.findIndex((row) => row.item === items[selected]);
  const top = Math.max(0, Math.min(selectedRow - Math.floor(listHeight / 2), listRows.length - listHeight));
  const visible = listRows.slice(top, top + listHeight);
  const percent = completion.total ? Math.round((completion.done / completion.total) * 100) : 0;
  const barWidth = Math.max(5, Math.min(30, columns - 24));

  return (
    <Box flexDirection="column" width={columns}>
      <Header
        title="secrets-workbook · secrets management for API developers"
        right={`${completion.done}/${completion.total} done`}
      />
      <Box>
        <Text>Progress </Text>
        <ProgressBar done={completion.done} total={completion.total} width={barWidth} />
        <Text> {percent}%</Text>
      </Box>
      <NextLine />
      <Notices notices={state.notices} />
      <Box flexDirection="column" height={listHeight} overflow="hidden">
        {items.length === 0 ? (
          <Text>No lessons found. Is the package complete? Try `secrets-workbook doctor`.</Text>
        ) : null}
        {visible.map((row, index) =>
          row.label ? (
            <Text key={`label-${row.label}`} bold underline={!theme.plain}>
              {row.label}
            </Text>
          ) : row.item ? (
            <ItemRow key={`item-${top + index}`} item={row.item} selected={row.item === items[selected]} />
          ) : null,
        )}
      </Box>
      <Text> </Text>
      <PlaygroundLine />
      <KeyHints lines={hints} />
    </Box>
  );
}

/** What `c` opens: the first lesson or challenge not done yet. */
function NextLine() {
  const { course, theme } = useServices();
  const { state } = useApp();
  const next = nextItem(course, state.progress);
  if (!next)
    return (
      <Text color={theme.colors.success}>
        Everything is done. Well done! Reset with `secrets-workbook reset --all` to start over.
      </Text>
    );
  const title =
    next.kind === 'lesson'
      ? `${course.lessons.findIndex((lesson) => lesson.id === next.id) + 1}. ${course.lessons.find((lesson) => lesson.id === next.id)?.title}`
      : `challenge: ${course.challenges.find((challenge) => challenge.id === next.id)?.title}`;
  return (
    <Text color={theme.colors.muted} wrap="truncate-end">
      Next: {title} (press c)
    </Text>
  );
}

function ItemRow({ item, selected }: { item: NonNullable<Row['item']>; selected: boolean }) {
  const { theme } = useServices();
  const pointer = selected ? theme.symbols.pointer : ' ';
  const status = statusSymbol(theme, item.status);
  return (
    <Box>
      <Box flexShrink={0}>
        <Text color={selected ? theme.colors.accent : undefined} bold={selected}>
          {pointer}{' '}
        </Text>
        <Text color={statusColor(theme, item.status)}>{status} </Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text bold={selected} inverse={selected && theme.color} wrap="truncate-end">
          {item.number ? `${item.number} ` : ''}
          {item.title}
          {theme.plain ? ` (${statusLabel(item.status)})` : ''}
        </Text>
      </Box>
      {item.right ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text color={theme.colors.muted}>{item.right}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
