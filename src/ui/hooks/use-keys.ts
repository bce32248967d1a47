import { useCallback, useRef } from 'react';
import { useInput, type Key } from 'ink';

/**
 * useInput with a handler that is always the one from the latest render. Ink re-attaches the
 * handler in an effect, after the frame is already on screen; a key typed in that gap would
 * otherwise run the previous render's handler (and its stale values).
 */
export function useKeys(handler: (input: string, key: Key) => void, options: { isActive: boolean }): void {
  const latest = useRef(handler);
  latest.current = handler;
  const stable = useCallback((input: string, key: Key) => latest.current(input, key), []);
  useInput(stable, options);
}
