import { useEffect, useMemo } from 'react';
import type { Lesson } from '../../../course/model.js';
import { useAppState } from '../../app-state.js';
import { scrollPosition, Viewport } from '../../components/layout.js';
import { StatusLine, type StatusText } from '../../components/scrolled-lines.js';
import { useKeys } from '../../hooks/use-keys.js';
import { useScroll } from '../../hooks/use-scroll.js';
import { renderMarkdownCached } from '../../markdown/cache.js';
import { useTheme } from '../../services.js';

interface ReadProps {
  lesson: Lesson;
  /** Where the learner was last time. */
  initialTop: number;
  /** The position as it settles (the screen reopens the text there after another section). */
  onPosition: (top: number) => void;
  width: number;
  height: number;
  active: boolean;
  status: StatusText;
  /** The next section's name ("Quiz"), when there is one: Space at the very end moves there. */
  nextSection?: string;
  onNextSection: () => void;
}

/** The lesson's text, paged; where the learner is, and reaching the end, go into progress. */
export function ReadSection({
  lesson,
  initialTop,
  onPosition,
  width,
  height,
  active,
  status,
  nextSection,
  onNextSection,
}: ReadProps) {
  const theme = useTheme();
  const { record } = useAppState();
  const lines = useMemo(
    () => renderMarkdownCached(lesson.file || lesson.id, lesson.markdown, width, theme),
    [lesson, width, theme],
  );
  const scroll = useScroll(lines.length, height, initialTop);
  const { top, atEnd } = scroll;
  // Settled positions only: scrolling through a page of keys writes once.
  useEffect(() => onPosition(top), [top, onPosition]);
  useEffect(() => {
    const timer = setTimeout(() => void record({ type: 'lesson-read', lesson, position: top, atEnd }), 400);
    return () => clearTimeout(timer);
  }, [top, atEnd, lesson, record]);

  useKeys(
    (input, key) => {
      // Space at the very end moves on to the next section, like turning a page.
      if (input === ' ' && scroll.isAtEnd() && nextSection) return onNextSection();
      scroll.handleKey(input, key);
    },
    { isActive: active },
  );

  let position = scrollPosition(top, height, lines.length, theme);
  if (atEnd && nextSection)
    position = `${position ? `${position} · ` : ''}end of the text: space or → for ${nextSection}`;
  return (
    <>
      <Viewport lines={lines} top={top} height={height} />
      <StatusLine {...status} messageTone="success" fallback={position} />
    </>
  );
}
