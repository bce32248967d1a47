import { useMemo, useState } from 'react';
import type { Hint } from '../../../course/model.js';
import { ScrolledLines } from '../../components/scrolled-lines.js';
import { wrapLines } from '../../lines/wrap.js';
import { renderMarkdown } from '../../markdown/render.js';
import { useTheme } from '../../services.js';
import { chrome, type Theme } from '../../theme.js';
import { CHALLENGE_RESERVED_KEYS, type SectionProps } from './section-props.js';

interface HintsProps extends SectionProps {
  hints: Hint[];
  shown: number;
}

const LEVEL_LABEL: Record<string, string> = { nudge: 'Nudge', concept: 'Concept', 'near-solution': 'Near-solution' };

/** The hints unlocked so far; a hint unlocked while this section is open scrolls into view, from its heading. */
export function HintsSection({ hints, shown, ...box }: HintsProps) {
  const theme = useTheme();
  const [shownWhenOpened] = useState(shown);
  const lines = useMemo(() => hintLines(hints, shown, box.width, theme), [hints, shown, box.width, theme]);
  const focusLine = shown > shownWhenOpened ? lines.findIndex((line) => line.includes(`Hint ${shown} `)) : undefined;
  return <ScrolledLines lines={lines} focusLine={focusLine} reserved={CHALLENGE_RESERVED_KEYS} {...box} />;
}

export function hintLines(hints: Hint[], shown: number, width: number, theme: Theme): string[] {
  const visible = Math.min(shown, hints.length);
  const out: string[] = [];
  hints.slice(0, visible).forEach((hint, index) => {
    if (index > 0) out.push('');
    out.push(theme.chalk.bold(chrome(theme, `Hint ${index + 1} · ${LEVEL_LABEL[hint.level] ?? hint.level}`)));
    out.push(...renderMarkdown(hint.text, { width, theme }));
  });
  const next = hints[visible];
  if (next) {
    if (out.length > 0) out.push('');
    const label = LEVEL_LABEL[next.level] ?? next.level;
    out.push(...wrapLines(`${theme.symbols.locked} Press h or enter for hint ${visible + 1} (${label}).`, width));
  } else out.push('', theme.chalk.dim('That was the last hint.'));
  return out;
}
