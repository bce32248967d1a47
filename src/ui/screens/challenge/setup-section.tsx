import { useMemo } from 'react';
import type { HandsOnStep } from '../../../course/model.js';
import { ScrolledLines } from '../../components/scrolled-lines.js';
import { usePlaygroundState } from '../../hooks/use-playground.js';
import { useSpinner } from '../../hooks/use-spinner.js';
import { stepLines } from '../../lines/step-lines.js';
import { useTheme } from '../../services.js';
import { CHALLENGE_RESERVED_KEYS, type SectionProps } from './section-props.js';

interface SetupProps extends SectionProps {
  steps: HandsOnStep[];
  done: Record<string, boolean>;
  /** Step id → what the last check against the playground found. */
  details: Record<string, string>;
  checking: boolean;
}

/** The hands-on setup, checked live against the playground Vault (the checks run in the screen). */
export function SetupSection({ steps, done, details, checking, ...box }: SetupProps) {
  const theme = useTheme();
  const playground = usePlaygroundState();
  const spinner = useSpinner(checking);
  const lines = useMemo(
    () => stepLines(steps, done, details, playground, spinner, box.width, theme),
    [steps, done, details, playground, spinner, box.width, theme],
  );
  return <ScrolledLines lines={lines} reserved={CHALLENGE_RESERVED_KEYS} {...box} />;
}
