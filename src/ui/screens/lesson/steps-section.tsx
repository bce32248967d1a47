import { useMemo } from 'react';
import { isLocalCheck } from '../../../course/checks/types.js';
import type { HandsOnStep } from '../../../course/model.js';
import { ScrolledLines, type StatusText } from '../../components/scrolled-lines.js';
import { usePlaygroundState } from '../../hooks/use-playground.js';
import { useSpinner } from '../../hooks/use-spinner.js';
import { stepLines } from '../../lines/step-lines.js';
import { useTheme } from '../../services.js';

interface StepsProps {
  steps: HandsOnStep[];
  done: Record<string, boolean>;
  /** Step id → what the last check against the playground found (the checks run in the screen). */
  details: Record<string, string>;
  /** Step id → how many of its hints the learner has asked for (h). */
  hintsShown: Record<string, number>;
  width: number;
  height: number;
  active: boolean;
  status: StatusText;
}

/** The hands-on steps, ticked live against the playground Vault. */
export function StepsSection({ steps, done, details, hintsShown, width, ...box }: StepsProps) {
  const theme = useTheme();
  const playground = usePlaygroundState();
  const pending = steps.filter((step) => !done[step.id]);
  // Steps about the course folder are checked with or without a playground.
  const checking = playground.status === 'up' ? pending.length > 0 : pending.some((step) => isLocalCheck(step.check));
  const spinner = useSpinner(playground.status === 'starting' || checking);
  const lines = useMemo(
    () => stepLines(steps, done, details, playground, spinner, width, theme, hintsShown),
    [steps, done, details, playground, spinner, width, theme, hintsShown],
  );
  return <ScrolledLines lines={lines} {...box} status={{ ...box.status, messageTone: 'success' }} />;
}
