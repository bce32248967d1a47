import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { FolderWatcher, WatchMode } from '../../util/watch-folder.js';
import { oneLine } from '../../util/errors.js';
import { useServices } from '../services.js';

export interface FolderWatch {
  /** `starting` while the watcher tests whether file events arrive; undefined when off. */
  mode: WatchMode | 'starting' | undefined;
  /** Turn watching on or off; resolves to whether it now watches, and a one-line message. */
  toggle: () => Promise<{ watching: boolean; message: string }>;
}

/**
 * Watch mode for a work folder: `onChange` runs once per burst of saves. The watcher closes
 * when the screen goes, and when the folder changes (a new starter was created elsewhere).
 */
export function useFolderWatch(dir: string, onChange: () => void): FolderWatch {
  const { watchFolder } = useServices();
  const [mode, setMode] = useState<FolderWatch['mode']>(undefined);
  const watcher = useRef<Promise<FolderWatcher | undefined> | undefined>(undefined);
  const latestOnChange = useRef(onChange);
  useLayoutEffect(() => {
    latestOnChange.current = onChange;
  });

  const stop = useCallback(() => {
    const closing = watcher.current;
    watcher.current = undefined;
    setMode(undefined);
    void closing?.then((open) => open?.close());
  }, []);
  useEffect(() => stop, [dir, stop]);

  const toggle = useCallback(async (): Promise<{ watching: boolean; message: string }> => {
    if (watcher.current) {
      stop();
      return { watching: false, message: 'Watch mode off.' };
    }
    setMode('starting');
    let failure: unknown;
    const starting = watchFolder(dir, () => latestOnChange.current(), {
      // It switched to polling by itself: show it.
      onNotice: () => setMode('polling'),
    }).catch((error: unknown) => {
      failure = error;
      return undefined;
    });
    watcher.current = starting;
    const open = await starting;
    if (watcher.current !== starting) {
      await open?.close();
      return { watching: false, message: 'Watch mode off.' };
    }
    if (!open) {
      watcher.current = undefined;
      setMode(undefined);
      return { watching: false, message: `Could not watch ${dir}: ${oneLine(failure)}` };
    }
    setMode(open.mode);
    return { watching: true, message: `Watching ${dir}: saving a file grades again.` };
  }, [dir, stop, watchFolder]);

  return { mode, toggle };
}
