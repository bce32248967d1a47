import { useCallback, useEffect } from 'react';
import type { Key } from 'ink';
import { useSyncState } from './use-sync-state.js';

export interface Scroll {
  top: number;
  maxTop: number;
  atEnd: boolean;
  /** At the end right now (reads past renders still pending: for input handlers). */
  isAtEnd: () => boolean;
  scrollTo: (top: number) => void;
  /** Handle a scrolling key; true when the key was a scrolling key. */
  handleKey: (input: string, key: Key) => boolean;
}

/**
 * A paged viewport's position over `total` lines shown `height` at a time. Keys: arrows and j/k
 * by line, PgUp/PgDn, space/f and b by page, g/G and Home/End to the ends. The position is
 * clamped when the content re-flows (resize) or the height changes.
 */
export function useScroll(total: number, height: number, initialTop = 0): Scroll {
  const maxTop = Math.max(0, total - height);
  const [top, setTop, topRef] = useSyncState(() => Math.min(initialTop, maxTop));
  useEffect(() => {
    if (topRef.current > maxTop) setTop(maxTop);
  }, [maxTop, setTop, topRef]);
  const clamp = useCallback((value: number) => Math.max(0, Math.min(maxTop, value)), [maxTop]);
  const scrollTo = useCallback((value: number) => setTop(clamp(value)), [clamp, setTop]);
  const page = Math.max(1, height - 1);
  const handleKey = useCallback(
    (input: string, key: Key): boolean => {
      const by = (delta: number) => setTop((value) => clamp(value + delta));
      if (key.downArrow || input === 'j') by(1);
      else if (key.upArrow || input === 'k') by(-1);
      else if (key.pageDown || input === ' ' || input === 'f') by(page);
      else if (key.pageUp || input === 'b') by(-page);
      else if (key.home || input === 'g') setTop(0);
      else if (key.end || input === 'G') setTop(maxTop);
      else return false;
      return true;
    },
    [clamp, maxTop, page, setTop],
  );
  const shown = Math.min(top, maxTop);
  return { top: shown, maxTop, atEnd: shown >= maxTop, isAtEnd: () => topRef.current >= maxTop, scrollTo, handleKey };
}
