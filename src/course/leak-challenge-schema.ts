import * as z from 'zod';
import { hintSchema, identifier, setupStepSchema, requireEveryHintLevel } from './challenge-schema.js';

/**
 * challenge.yaml of a leak-response challenge (`kind: leak`): the grader makes a Git repository
 * in which a key stored in Vault was committed, and the learner's program answers the leak —
 * rotate the key in Vault first, then remove it from history, then install the pre-commit hook
 * (src/grader/kinds/leak/). Judged by Vault's state and the repository's, not by what it printed.
 */
export const LEAK_CHECK_IDS = [
  'exit',
  'rotated',
  'leaked-version-destroyed',
  'rotated-first',
  'history-clean',
  'objects-clean',
  'history-kept',
  'worktree-clean',
  'hook-installed',
  'no-leak',
] as const;
export type LeakCheckId = (typeof LEAK_CHECK_IDS)[number];

const kvPath = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'a KV path like leak/payments (no leading slash, no data/)');

export const leakChallengeSchema = z
  .object({
    kind: z.literal('leak'),
    id: identifier,
    title: z.string().min(1),
    order: z.number().int().nonnegative(),
    summary: z.string().min(1),
    mount: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .default('secret'),
    leak: z.object({
      /** The KV secret whose value was committed, and its field. */
      path: kvPath,
      field: z.string().regex(/^[a-z][a-z0-9_]*$/),
      /** The key's shape: this prefix and `length` random characters. */
      prefix: z.string().regex(/^[a-z0-9_]*$/),
      length: z.number().int().min(24).max(64).default(40),
      /** The committed file (relative to the repository) and the variable that holds the key there. */
      file: z.string().regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/),
      variable: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    }),
    starter: z.object({ failing: z.array(z.enum(LEAK_CHECK_IDS)).min(1) }),
    hints: z.array(hintSchema).min(1),
    /** The hands-on part: the same answer by hand, checked against the playground. */
    setup: z.array(setupStepSchema).default([]),
  })
  .superRefine(requireEveryHintLevel);

export type LeakChallengeDefinition = z.infer<typeof leakChallengeSchema>;
