import { useCallback, useLayoutEffect, useRef } from 'react';
import { useInput, type Key } from 'ink';

type Handler = (input: string, key: Key) => void;

export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/**
 * Ink 6 delivers a run of plain characters read in one chunk as one input ("jj\r" when keys
 * arrive faster than the process reads them: a busy machine, a paste, tmux send-keys). Split it
 * back into the keys the user pressed.
 */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
  if (input.length <= 1 || key.ctrl || key.meta || !/^[\x20-\x7E\r\t\x7F]+$/.test(input)) return [[input, key]];
  return [...input].map((char): [string, Key] => {
    if (char === '\r') return ['', { ...NO_KEY, return: true }];
    if (char === '\t') return ['', { ...NO_KEY, tab: true }];
    if (char === '\x7F') return ['', { ...NO_KEY, delete: true }];
    return [char, { ...NO_KEY, shift: /[A-Z]/.test(char) }];
  });
}

/**
 * useInput with a handler that is always the one from the latest render. Ink re-attaches the
 * handler in an effect, after the frame is already on screen; a key typed in that gap would
 * otherwise run the previous render's handler (and its stale values).
 */
export function useKeys(handler: Handler, options: { isActive: boolean }): void {
  const latest = useRef(handler);
  // A layout effect runs in the same commit as the render, before Ink's input effect and before any key.
  useLayoutEffect(() => {
    latest.current = handler;
  });
  const stable = useCallback((input: string, key: Key) => {
    for (const [one, oneKey] of splitKeys(input, key)) latest.current(one, oneKey);
  }, []);
  useInput(stable, options);
}
