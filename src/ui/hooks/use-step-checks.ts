import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { HandsOnStep } from '../../course/model.js';
import { isLocalCheck } from '../../course/checks/types.js';
import { useServices } from '../services.js';
import { usePlaygroundState } from './use-playground.js';

export interface StepCheckState {
  /** Step id → the last check's one-line detail (what is missing, or what was found). */
  details: Record<string, string>;
  checking: boolean;
}

/**
 * Re-check the steps that are not done yet every `stepPollMs` (against the playground Vault, or
 * the course folder for the steps about files and Git), like a hosted lab's check script;
 * `onDone` is called once per step when its check passes.
 */
export function useStepChecks(
  steps: HandsOnStep[],
  done: Record<string, boolean>,
  onDone: (step: HandsOnStep, detail: string) => void,
): StepCheckState {
  const { playground, stepPollMs } = useServices();
  const playgroundState = usePlaygroundState();
  const [details, setDetails] = useState<Record<string, string>>({});
  const [checking, setChecking] = useState(false);
  const latest = useRef({ steps, done, onDone });
  useLayoutEffect(() => {
    latest.current = { steps, done, onDone };
  });
  const pending = steps.filter((step) => !done[step.id]);
  const pendingCount = pending.length;
  const up = playgroundState.status === 'up';
  // Steps about files and Git are checked whether or not the playground runs.
  const pendingLocal = pending.some((step) => isLocalCheck(step.check));

  useEffect(() => {
    if ((!up && !pendingLocal) || pendingCount === 0) return;
    let cancelled = false;
    let timer: NodeJS.Timeout | undefined;
    const reported = new Set<string>();
    const round = async () => {
      setChecking(true);
      for (const step of latest.current.steps) {
        if (cancelled) return;
        if (latest.current.done[step.id] || reported.has(step.id)) continue;
        if (!up && !isLocalCheck(step.check)) continue;
        const outcome = await playground.check(step.check);
        if (cancelled) return;
        setDetails((previous) =>
          previous[step.id] === outcome.detail ? previous : { ...previous, [step.id]: outcome.detail },
        );
        if (outcome.done) {
          reported.add(step.id);
          latest.current.onDone(step, outcome.detail);
        }
      }
      if (cancelled) return;
      setChecking(false);
      timer = setTimeout(() => void round(), stepPollMs);
    };
    void round();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      setChecking(false);
    };
  }, [up, pendingLocal, pendingCount, playground, stepPollMs]);

  return { details, checking };
}
