import { UserError } from '../util/errors.js';
import type { ProviderChoice } from '../vault/provider.js';
import type { CreateLeakDetector, ScanFolder } from './scanner-port.js';
import type { GradeEvent } from './report.js';
import type { Hidden } from './program/sandbox.js';

/**
 * What a caller of `gradeChallenge` says: the `grade` command, the terminal UI, the classroom's
 * `grade-all`, tests. Everything but the challenge and the folder has a default.
 */
export interface GradeOptions {
  challengeId: string;
  /** The learner's folder. */
  dir: string;
  /** Overrides the detected command (`--cmd`). */
  cmd?: string;
  vault?: ProviderChoice;
  vaultBinary?: string;
  /** Seconds before the program is stopped (`--timeout`); checked by `parseTimeoutSeconds`. */
  timeoutSeconds?: number;
  /** Cancels the grade: the program is stopped, the Vault removed, and the promise rejects. */
  signal?: AbortSignal;
  onEvent?: (event: GradeEvent) => void;
  /** Where challenges live (tests); the shipped challenges/ by default. */
  challengesRoot?: string;
  /** How long a program that has done every read may keep running before it is stopped. */
  graceMs?: number;
  /** src/scanner's leak detector by default (scanner-port.ts). */
  createLeakDetector?: CreateLeakDetector;
  /** src/scanner's folder scan by default (scanner-port.ts). */
  scanFolder?: ScanFolder;
  /** Kept out of the program's sight by the sandbox (`classroom grade-all`: the class folder). */
  hidden?: Hidden;
  /** Where the grade's build folder (a compiled Go program) is made: the temp folder by default. */
  buildParent?: string;
  /** `classroom grade-all`: each Go build gets a private cache, so no student's build reaches another's. */
  privateGoCache?: boolean;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_GRACE_MS = 750;
/** A day: longer than any grade needs, and far below the 24.8 days where Node's timers overflow (and fire at once). */
export const MAX_TIMEOUT_SECONDS = 86_400;

/**
 * The one check of a timeout, for `--timeout` as typed and for callers that pass a number:
 * a positive number of seconds, at most a day.
 */
export function parseTimeoutSeconds(value: string | number): number {
  const seconds = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS)
    throw new UserError(
      `--timeout needs a positive number of seconds, at most ${MAX_TIMEOUT_SECONDS} (a day), not "${value}"`,
    );
  return seconds;
}
