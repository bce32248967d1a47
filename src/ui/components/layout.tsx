import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { chrome, type Theme } from '../theme.js';
import { useTheme } from '../services.js';
import { wrapLines } from '../lines/wrap.js';

export type KeyHint = [key: string, label: string];

/** Arrows in Unicode, or words in plain mode (screen readers read "up/down", not "↑↓"). */
export function keyName(theme: Theme, key: string): string {
  if (!theme.plain) return key;
  return key
    .replace('↑↓', 'up/down')
    .replace('←→', 'left/right')
    .replace('↑', 'up')
    .replace('↓', 'down')
    .replace('←', 'left')
    .replace('→', 'right');
}

/** The key hints, wrapped to `width`, so screens can size their body exactly. */
export function keyHintLines(hints: KeyHint[], width: number, theme: Theme): string[] {
  const separator = theme.plain ? ', ' : ' · ';
  const columns = Math.max(10, width);
  // Lines break between hints, never inside one ("?" on one line and "help" on the next).
  const lines: string[] = [];
  for (const [key, label] of hints) {
    const hint = `${keyName(theme, key)} ${chrome(theme, label)}`;
    const last = lines.at(-1);
    if (last !== undefined && stringWidth(last + separator + hint) <= columns)
      lines[lines.length - 1] = last + separator + hint;
    else lines.push(...wrapLines(hint, columns));
  }
  return lines.length ? lines : [''];
}

export function KeyHints({ lines }: { lines: string[] }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {lines.map((line, index) => (
        <Text key={index} color={theme.colors.muted} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}

/** One header line: where you are on the left, a status on the right. */
export function Header({ title, right }: { title: string; right?: string }) {
  const theme = useTheme();
  title = chrome(theme, title);
  right = right === undefined ? undefined : chrome(theme, right);
  return (
    <Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text bold color={theme.colors.accent} wrap="truncate-end">
          {title}
        </Text>
      </Box>
      {right ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text color={theme.colors.muted}>{right}</Text>
        </Box>
      ) : null}
    </Box>
  );
}

export interface TabSpec {
  id: string;
  label: string;
}

/**
 * The sections of a screen, pre-wrapped to `width` so screens can size their body; the current
 * one is bracketed (and inverse when colour is on).
 */
export function tabLines(tabs: TabSpec[], current: string, width: number, theme: Theme): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const tab of tabs) {
    const active = tab.id === current;
    const text = active ? `[${tab.label}]` : ` ${tab.label} `;
    const styled = active
      ? theme.color
        ? theme.chalk.inverse.bold(text)
        : theme.chalk.bold(text)
      : theme.chalk.gray(text);
    const cost = text.length + (used > 0 ? 1 : 0);
    if (used > 0 && used + cost > width) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += (used > 0 ? ' ' : '') + styled;
    used += used > 0 ? text.length + 1 : text.length;
  }
  if (line) lines.push(line);
  return lines;
}

export function Tabs({ lines }: { lines: string[] }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, index) => (
        <Text key={index} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}

/** Pre-rendered lines (markdown, lists) shown `height` at a time from `top`. */
export function Viewport({ lines, top, height }: { lines: string[]; top: number; height: number }) {
  const visible = lines.slice(top, top + height);
  // Vertically only: each line truncates itself, and a horizontal clip re-slices every line.
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      {visible.map((line, index) => (
        <Text key={top + index} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}

/** "lines 1–20 of 80 · 25%" for the footer of a scrolled view. */
export function scrollPosition(top: number, height: number, total: number, theme: Theme): string {
  if (total <= height) return '';
  const last = Math.min(total, top + height);
  const percent = Math.round((last / total) * 100);
  return `lines ${top + 1}${theme.plain ? '-' : '–'}${last} of ${total}${theme.plain ? ', ' : ' · '}${percent}%`;
}

export function ProgressBar({ done, total, width }: { done: number; total: number; width: number }) {
  const theme = useTheme();
  const cells = Math.max(5, width);
  const full = total === 0 ? 0 : Math.round((done / total) * cells);
  return (
    <Text>
      <Text color={theme.colors.success}>{theme.symbols.barFull.repeat(full)}</Text>
      <Text color={theme.colors.muted}>{theme.symbols.barEmpty.repeat(cells - full)}</Text>
    </Text>
  );
}

const noticeText = (theme: Theme, notice: string) => `${theme.plain ? 'Notice: ' : '! '}${chrome(theme, notice)}`;

/** How many terminal lines the notices take at `width` (a long one wraps), so a screen can size its body. */
export function noticeLineCount(notices: string[], width: number, theme: Theme): number {
  return notices.reduce(
    (count, notice) =>
      count + wrapAnsi(noticeText(theme, notice), Math.max(1, width), { hard: true, trim: false }).split('\n').length,
    0,
  );
}

export function Notices({ notices }: { notices: string[] }) {
  const theme = useTheme();
  if (notices.length === 0) return null;
  return (
    <Box flexDirection="column">
      {notices.map((notice) => (
        <Text key={notice} color={theme.colors.warning}>
          {noticeText(theme, notice)}
        </Text>
      ))}
    </Box>
  );
}
