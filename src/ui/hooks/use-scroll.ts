import { useCallback, useEffect, useState } from 'react';
import type { Key } from 'ink';

export interface Scroll {
  top: number;
  maxTop: number;
  atEnd: boolean;
  scrollTo: (top: number) => void;
  /** Handle a scrolling key; true when the key was a scrolling key. */
  handleKey: (input: string, key: Key) => boolean;
}

/**
 * A paged viewport's position over `total` lines shown `height` at a time. Keys: arrows and j/k
 * by line, PgUp/PgDn, space/b by page, g/G and Home/End to the ends. The position is clamped when
 * the content re-flows (resize) or the height changes.
 */
export function useScroll(total: number, height: number, initialTop = 0, options: { arrows?: boolean } = {}): Scroll {
  const arrows = options.arrows ?? true;
  const maxTop = Math.max(0, total - height);
  const [top, setTop] = useState(() => Math.min(initialTop, maxTop));
  useEffect(() => {
    setTop((value) => Math.min(value, maxTop));
  }, [maxTop]);
  const scrollTo = useCallback((value: number) => setTop(Math.max(0, Math.min(maxTop, value))), [maxTop]);
  const page = Math.max(1, height - 1);
  const handleKey = useCallback(
    (input: string, key: Key): boolean => {
      const by = (delta: number) => setTop((value) => Math.max(0, Math.min(maxTop, value + delta)));
      if (arrows && (key.downArrow || input === 'j')) by(1);
      else if (arrows && (key.upArrow || input === 'k')) by(-1);
      else if (key.pageDown || input === ' ' || input === 'f') by(page);
      else if (key.pageUp || input === 'b') by(-page);
      else if (key.home || input === 'g') setTop(0);
      else if (key.end || input === 'G') setTop(maxTop);
      else return false;
      return true;
    },
    [arrows, maxTop, page],
  );
  return { top: Math.min(top, maxTop), maxTop, atEnd: Math.min(top, maxTop) >= maxTop, scrollTo, handleKey };
}
