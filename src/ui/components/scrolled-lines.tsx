import { Text } from 'ink';
import { useEffect } from 'react';
import { useKeys } from '../hooks/use-keys.js';
import { useScroll } from '../hooks/use-scroll.js';
import { useTheme } from '../services.js';
import { chrome } from '../theme.js';
import { scrollPosition, Viewport } from './layout.js';

export interface StatusText {
  /** A progress file kept aside, a failed save: shown first, as a warning. */
  notice?: string;
  /** What just happened ("Created …", "Step done: …"). */
  message?: string;
  messageTone?: 'accent' | 'success';
}

/** The line under a screen's body: a notice, else a message, else `fallback` (the scroll position). */
export function StatusLine({ notice, message, messageTone = 'accent', fallback }: StatusText & { fallback?: string }) {
  const theme = useTheme();
  const color = notice ? theme.colors.warning : message ? theme.colors[messageTone] : theme.colors.muted;
  return (
    <Text color={color} wrap="truncate-end">
      {chrome(theme, notice ?? message ?? (fallback || ' '))}
    </Text>
  );
}

export interface ScrolledLinesProps {
  lines: string[];
  height: number;
  active: boolean;
  status: StatusText;
  /** Scroll so this line is at the top, whenever it changes (a newly unlocked hint). */
  focusLine?: number;
  /** Keys the screen uses for something else (`g` grades in a challenge); the others scroll. */
  reserved?: string[];
}

/** Pre-rendered lines in a paged viewport with its own scrolling keys, and the status line under it. */
export function ScrolledLines({ lines, height, active, status, focusLine, reserved = [] }: ScrolledLinesProps) {
  const theme = useTheme();
  const scroll = useScroll(lines.length, height);
  const { scrollTo } = scroll;
  useEffect(() => {
    if (focusLine !== undefined && focusLine >= 0) scrollTo(focusLine);
  }, [focusLine, scrollTo]);
  useKeys(
    (input, key) => {
      if (!reserved.includes(input)) scroll.handleKey(input, key);
    },
    { isActive: active },
  );
  return (
    <>
      <Viewport lines={lines} top={scroll.top} height={height} />
      <StatusLine {...status} fallback={scrollPosition(scroll.top, height, lines.length, theme)} />
    </>
  );
}
