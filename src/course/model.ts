import type { VaultCheck } from './vault-checks.js';

/**
 * The course as the rest of the program sees it (rustlings' course manifest, in TypeScript):
 * lessons from lessons/*.md (front matter + markdown), challenges from challenges/<id>/.
 * Loaders in src/course/ produce these; the UI and the commands only read them.
 */
export interface QuizQuestion {
  id: string;
  /** The question, markdown allowed. Scenario questions ("what's wrong here?") may include code. */
  prompt: string;
  choices: string[];
  /** Index into `choices`. */
  answer: number;
  /** Shown after answering, right or wrong: why the answer is what it is. */
  explanation: string;
}

/** A hands-on step checked live against the learner's playground Vault. */
export interface HandsOnStep {
  id: string;
  title: string;
  /** What to do, markdown (usually a command to run in another terminal). */
  instructions: string;
  check: VaultCheck;
}

export interface Lesson {
  id: string;
  title: string;
  order: number;
  minutes: number;
  /** Markdown body without the front matter. */
  markdown: string;
  quiz: QuizQuestion[];
  steps: HandsOnStep[];
  /** Absolute path of the source file. */
  file: string;
}

export type HintLevel = 'nudge' | 'concept' | 'near-solution';

export interface Hint {
  level: HintLevel;
  text: string;
}

/** The languages a challenge's starters and solutions come in (`init --lang`). */
export const LANGUAGES = ['python', 'node', 'go', 'shell'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface ChallengeSummary {
  id: string;
  title: string;
  order: number;
  /** One sentence for lists. */
  summary: string;
  /** Absolute folder challenges/<id>/. */
  dir: string;
  /** Languages with a starter (`init --lang`). */
  starters: Language[];
  /** Languages with a reference solution. */
  solutions: Language[];
  hints: Hint[];
  /** Setup steps checked against the playground Vault (AppRole enabled, policy written, …). */
  setup: HandsOnStep[];
}

export type ItemStatus = 'new' | 'in-progress' | 'done';
