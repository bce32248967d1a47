import * as z from 'zod';
import { hintSchema, identifier, type ChallengeDefinition, requireEveryHintLevel } from './challenge-schema.js';
import type { IdentityChallengeDefinition } from './identity-challenge-schema.js';
import type { LeakChallengeDefinition } from './leak-challenge-schema.js';

/**
 * challenge.yaml of a challenge whose program is a secret scanner (`kind: scanner`): no Vault,
 * no secrets to provision. The grader writes a fresh corpus (src/scanner/corpus), runs the
 * program on it and scores what it reports against the corpus labels.
 */
export const SCANNER_CHECK_IDS = ['exit-code', 'arguments', 'recall', 'precision', 'no-echo'] as const;

export const scannerChallengeSchema = z
  .object({
    kind: z.literal('scanner'),
    id: identifier,
    title: z.string().min(1),
    order: z.number().int().nonnegative(),
    summary: z.string().min(1),
    scanner: z
      .object({
        /** Overall recall (labelled secrets found) needed to pass. */
        minRecall: z.number().min(0).max(1).default(0.9),
        /** Overall precision (findings that are labelled secrets) needed to pass. */
        minPrecision: z.number().min(0).max(1).default(0.8),
        /** Corpus size: secrets per category and decoys per kind (generateCorpus). */
        perCategory: z.number().int().min(5).max(100).default(30),
        decoysPerKind: z.number().int().min(5).max(100).default(20),
      })
      .prefault({}),
    starter: z.object({ failing: z.array(z.enum(SCANNER_CHECK_IDS)).min(1) }),
    hints: z.array(hintSchema).min(1),
    /** No playground steps: a scanner needs no Vault. */
    setup: z.array(z.never()).default([]),
  })
  .superRefine(requireEveryHintLevel);

export type ScannerChallengeDefinition = z.infer<typeof scannerChallengeSchema>;

/** Any challenge: a program graded against Vault, a scanner graded on a corpus, a leak to answer, or a CI job's identity. */
export type AnyChallengeDefinition =
  ChallengeDefinition | ScannerChallengeDefinition | LeakChallengeDefinition | IdentityChallengeDefinition;

export function isScannerChallenge(definition: AnyChallengeDefinition): definition is ScannerChallengeDefinition {
  return 'kind' in definition && definition.kind === 'scanner';
}

export function isLeakChallenge(definition: AnyChallengeDefinition): definition is LeakChallengeDefinition {
  return 'kind' in definition && definition.kind === 'leak';
}

export function isIdentityChallenge(definition: AnyChallengeDefinition): definition is IdentityChallengeDefinition {
  return 'kind' in definition && definition.kind === 'workload-identity';
}

/** A program graded against a provisioned Vault by its audit trail (no `kind:` in challenge.yaml). */
export function isVaultAppChallenge(definition: AnyChallengeDefinition): definition is ChallengeDefinition {
  return !('kind' in definition);
}
