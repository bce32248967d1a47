import { createContext, useCallback, useContext, useMemo, type Dispatch, type ReactNode } from 'react';
import type { Progress } from '../course/progress.js';
import { oneLine } from '../util/errors.js';
import { useServices } from './services.js';
import type { AppAction, AppState } from './state.js';

interface AppContextValue {
  state: AppState;
  dispatch: Dispatch<AppAction>;
  /** Change progress through the store (queued, atomic) and show the saved result. */
  updateProgress: (change: (progress: Progress) => void) => Promise<void>;
}

const AppContext = createContext<AppContextValue | undefined>(undefined);

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
  const updateProgress = useCallback(
    async (change: (progress: Progress) => void) => {
      try {
        const progress = await store.update(change);
        dispatch({ type: 'progress', progress });
      } catch (error) {
        dispatch({ type: 'notice', text: `Could not save your progress: ${oneLine(error)}` });
      }
      for (const text of store.takeNotices()) dispatch({ type: 'notice', text });
    },
    [store, dispatch],
  );
  const value = useMemo(() => ({ state, dispatch, updateProgress }), [state, dispatch, updateProgress]);
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppStateProvider');
  return value;
}
