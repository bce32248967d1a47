import { useCallback, useRef, useState, type MutableRefObject } from 'react';

/**
 * State whose latest value input handlers can read before React re-renders. Keys can arrive
 * faster than renders (fast typing, pasted input, tmux send-keys): with plain useState, "↓ then
 * Enter" in one burst would answer with the choice from before the ↓. The ref is the truth; the
 * state only schedules the render.
 */
export function useSyncState<T>(
  initial: T | (() => T),
): [T, (next: T | ((previous: T) => T)) => void, MutableRefObject<T>] {
  const [value, setValue] = useState(initial);
  const ref = useRef(value);
  const set = useCallback((next: T | ((previous: T) => T)) => {
    ref.current = typeof next === 'function' ? (next as (previous: T) => T)(ref.current) : next;
    setValue(ref.current);
  }, []);
  return [value, set, ref];
}

/** A reducer with the same guarantee: `dispatch` applies each action to the latest state at once. */
export function useSyncReducer<S, A>(
  reducer: (state: S, action: A) => S,
  initial: S | (() => S),
): [S, (action: A) => void, MutableRefObject<S>] {
  const [state, setState, ref] = useSyncState(initial);
  const dispatch = useCallback((action: A) => setState(reducer(ref.current, action)), [reducer, ref, setState]);
  return [state, dispatch, ref];
}
