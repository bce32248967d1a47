import { useMemo } from 'react';
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
  width: number;
  height: number;
  active: boolean;
  status: StatusText;
}

/** The hands-on steps, ticked live against the playground Vault. */
export function StepsSection({ steps, done, details, width, ...box }: StepsProps) {
  const theme = useTheme();
  const playground = usePlaygroundState();
  const pending = steps.some((step) => !done[step.id]);
  const spinner = useSpinner(playground.status === 'starting' || (playground.status === 'up' && pending));
  const lines = useMemo(
    () => stepLines(steps, done, details, playground, spinner, width, theme),
    [steps, done, details, playground, spinner, width, theme],
  );
  return <ScrolledLines lines={lines} {...box} status={{ ...box.status, messageTone: 'success' }} />;
}
