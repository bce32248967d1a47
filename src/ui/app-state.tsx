import { createContext, useCallback, useContext, useMemo, type Dispatch, type ReactNode } from 'react';
import { applyProgressEvent, type ProgressEvent } from '../course/progress-rules.js';
import { oneLine } from '../util/errors.js';
import { useServices } from './services.js';
import type { AppAction, AppState } from './state.js';

interface AppStateValue {
  state: AppState;
  dispatch: Dispatch<AppAction>;
  /**
   * Record what the learner did (progress-rules.ts decides what changes), through the store
   * (queued, atomic), and show the saved result.
   */
  record: (event: ProgressEvent) => Promise<void>;
}

const AppStateContext = createContext<AppStateValue | undefined>(undefined);

export function AppStateProvider({
  state,
  dispatch,
  children,
}: {
  state: AppState;
  dispatch: Dispatch<AppAction>;
  children: ReactNode;
}) {
  const { store } = useServices();
  const record = useCallback(
    async (event: ProgressEvent) => {
      try {
        const progress = await store.update((current) => applyProgressEvent(current, event));
        dispatch({ type: 'progress', progress });
      } catch (error) {
        dispatch({ type: 'notice', text: `Could not save your progress: ${oneLine(error)}` });
      }
      for (const text of store.takeNotices()) dispatch({ type: 'notice', text });
    },
    [store, dispatch],
  );
  const value = useMemo(() => ({ state, dispatch, record }), [state, dispatch, record]);
  return <AppStateContext.Provider value={value}>{children}</AppStateContext.Provider>;
}

/** The course's own state (screens, progress, notices); not Ink's `useApp`. */
export function useAppState(): AppStateValue {
  const value = useContext(AppStateContext);
  if (!value) throw new Error('useAppState outside AppStateProvider');
  return value;
}
