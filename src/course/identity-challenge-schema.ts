import * as z from 'zod';
import { hintSchema, identifier, setupStepSchema, requireEveryHintLevel } from './challenge-schema.js';

/**
 * challenge.yaml of a workload-identity challenge (`kind: workload-identity`): the learner's
 * program configures JWT auth in a fresh Vault so that only one CI job — one repository, one
 * branch, one environment — can read the production secrets; the grader then plays the CI
 * provider, mints tokens with good and hostile claims, and checks exactly who gets in
 * (src/grader/kinds/workload-identity/).
 */
export const IDENTITY_CHECK_IDS = [
  'exit',
  'main-deploy-gets-in',
  'least-privilege',
  'other-branch-refused',
  'other-environment-refused',
  'other-repository-refused',
  'wrong-audience-refused',
  'wrong-issuer-refused',
  'forged-signature-refused',
  'expired-refused',
  'no-leak',
] as const;
export type IdentityCheckId = (typeof IDENTITY_CHECK_IDS)[number];

const kvPath = z.string().regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'a KV path like production/database');

export const identityChallengeSchema = z
  .object({
    kind: z.literal('workload-identity'),
    id: identifier,
    title: z.string().min(1),
    order: z.number().int().nonnegative(),
    summary: z.string().min(1),
    mount: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .default('secret'),
    identity: z.object({
      /** The auth mount, role and policy the learner's program must create. */
      authPath: identifier,
      role: identifier,
      policy: identifier,
      /** What the CI provider puts in its tokens. */
      issuer: z.string().url(),
      audience: z.string().min(1),
      repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
      ref: z.string().startsWith('refs/'),
      environment: z.string().min(1),
      /** The secret only that job may read, and a neighbour it may not. */
      secret: kvPath,
      neighbour: kvPath,
    }),
    starter: z.object({ failing: z.array(z.enum(IDENTITY_CHECK_IDS)).min(1) }),
    hints: z.array(hintSchema).min(1),
    setup: z.array(setupStepSchema).default([]),
  })
  .superRefine(requireEveryHintLevel);

export type IdentityChallengeDefinition = z.infer<typeof identityChallengeSchema>;
