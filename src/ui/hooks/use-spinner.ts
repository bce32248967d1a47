import { useEffect, useState } from 'react';
import { useTheme } from '../services.js';

/** The current spinner frame while `active`; a static frame otherwise. */
export function useSpinner(active: boolean, intervalMs = 100): string {
  const { symbols } = useTheme();
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setFrame((value) => (value + 1) % symbols.spinner.length), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, symbols.spinner.length]);
  return symbols.spinner[frame] ?? '';
}
