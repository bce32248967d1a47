import type { ProviderChoice } from '../vault/provider.js';
import type { GradeEvent, GradeReport } from './report.js';

/**
 * provision → run the learner's program → collect evidence from the audit trail → checks → report.
 * The UI and the `grade` command both call this; it never touches the terminal itself.
 */
export interface GradeOptions {
  challengeId: string;
  /** The learner's folder. */
  dir: string;
  /** Overrides the detected command (`--cmd`). */
  cmd?: string;
  vault?: ProviderChoice;
  vaultBinary?: string;
  timeoutSeconds?: number;
  signal?: AbortSignal;
  onEvent?: (event: GradeEvent) => void;
}

export async function gradeChallenge(_options: GradeOptions): Promise<GradeReport> {
  throw new Error('the grader is being built (issue 3)');
}

export type { GradeEvent, GradeReport };
