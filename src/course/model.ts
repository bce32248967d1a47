import type { StepCheck } from './vault-checks.js';

/**
 * The course as the rest of the program sees it (rustlings' course manifest, in TypeScript):
 * lessons from lessons/*.md (front matter + markdown), challenges from challenges/<id>/.
 * Loaders in src/course/ produce these; the UI and the commands only read them.
 */
export interface QuizChoice {
  /** The choice as shown, inline markdown allowed. */
  text: string;
  /** For a wrong choice: the misconception behind it, shown when it is picked. */
  feedback?: string;
}

export interface QuizQuestion {
  id: string;
  /** The question, markdown allowed. Scenario questions ("what's wrong here?") may include code. */
  prompt: string;
  /** In the authored order; learners see them shuffled (src/course/quiz.ts). */
  choices: QuizChoice[];
  /** Index into `choices`. */
  answer: number;
  /** Shown once answered right, or revealed: why the answer is what it is. */
  explanation: string;
}

/**
 * A hands-on step checked live against the learner's playground Vault, or (git-ignored,
 * hook-blocks-secret) against the folder the course was started in.
 */
export interface HandsOnStep {
  id: string;
  title: string;
  /** What to do, markdown: the commands to run, or the goal for a step the learner composes. */
  instructions: string;
  check: StepCheck;
  /** For a step the learner composes: nudge → concept → near-solution (the commands, in a ```sh block). */
  hints?: Hint[];
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
/**
 * The languages every challenge has a starter in. A shell program is graded like any other (app.sh,
 * main.sh) and several challenges have a shell reference solution, but there is no shell starter.
 */
export const STARTER_LANGUAGES = ['python', 'node', 'go'] as const satisfies readonly Language[];

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
