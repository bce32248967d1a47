import type { StatusText } from '../../components/scrolled-lines.js';

/** What every section of the challenge screen gets: its box and whether it has the keys. */
export interface SectionProps {
  width: number;
  height: number;
  active: boolean;
  status: StatusText;
}

/** `g` grades in a challenge: it does not scroll to the top there (G, Home and End still scroll). */
export const CHALLENGE_RESERVED_KEYS = ['g'];
