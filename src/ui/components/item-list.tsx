import { Box, Text } from 'ink';
import type { ItemStatus } from '../../course/model.js';
import { statusLabel } from '../../course/progress.js';
import { useTheme } from '../services.js';
import type { Screen } from '../state.js';
import { statusColor, statusSymbol } from '../theme.js';

export interface ListItem {
  screen: Screen;
  number: string;
  title: string;
  right: string;
  status: ItemStatus;
}

/** A row of the home list: a group label, or an item. */
export type ListRow = { label: string } | { item: ListItem };

/**
 * The rows that fit in `height` lines around the selected one. When some do not fit, a line at
 * the top and/or the bottom says how many more there are (it takes the place of a row).
 */
export function listWindow(total: number, selected: number, height: number) {
  if (total <= height) return { start: 0, end: total };
  const centred = selected - Math.floor(height / 2);
  if (centred <= 0) return { start: 0, end: height - 1 };
  if (centred + height >= total) return { start: total - (height - 1), end: total };
  const start = selected - Math.floor((height - 2) / 2);
  return { start, end: start + height - 2 };
}

export function ItemList({
  rows,
  selected,
  height,
}: {
  rows: ListRow[];
  selected: ListItem | undefined;
  height: number;
}) {
  const theme = useTheme();
  const selectedRow = rows.findIndex((row) => 'item' in row && row.item === selected);
  const { start, end } = listWindow(rows.length, Math.max(0, selectedRow), height);
  const more = (count: number, where: 'above' | 'below') =>
    theme.plain ? `  (${count} more ${where})` : `  ${where === 'above' ? '↑' : '↓'} ${count} more`;
  // Clipped vertically only: rows already fit the width (the title truncates), and a horizontal
  // clip makes Ink re-slice every line of the list (slice-ansi) on every frame.
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      {start > 0 ? <Text color={theme.colors.muted}>{more(start, 'above')}</Text> : null}
      {rows.slice(start, end).map((row, index) =>
        'label' in row ? (
          <Text key={`label-${row.label}`} bold underline={!theme.plain}>
            {row.label}
          </Text>
        ) : (
          <ItemRow key={`item-${start + index}`} item={row.item} selected={row.item === selected} />
        ),
      )}
      {end < rows.length ? <Text color={theme.colors.muted}>{more(rows.length - end, 'below')}</Text> : null}
    </Box>
  );
}

function ItemRow({ item, selected }: { item: ListItem; selected: boolean }) {
  const theme = useTheme();
  const pointer = selected ? theme.symbols.pointer : ' ';
  return (
    <Box>
      <Box flexShrink={0}>
        <Text color={selected ? theme.colors.accent : undefined} bold={selected}>
          {pointer}{' '}
        </Text>
        <Text color={statusColor(theme, item.status)}>{statusSymbol(theme, item.status)} </Text>
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
