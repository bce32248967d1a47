import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { challengeSchema } from '../../src/course/challenge-schema.js';
import { identityChallengeSchema } from '../../src/course/identity-challenge-schema.js';
import { leakChallengeSchema } from '../../src/course/leak-challenge-schema.js';
import { scannerChallengeSchema } from '../../src/course/scanner-challenge-schema.js';

const cases = [
  { id: 'approle', schema: challengeSchema },
  { id: 'scanner', schema: scannerChallengeSchema },
  { id: 'leak-response', schema: leakChallengeSchema },
  { id: 'workload-identity', schema: identityChallengeSchema },
] as const;

describe('every kind of challenge gives a hint of each level', () => {
  for (const { id, schema } of cases) {
    it(`${id}: accepted as shipped, refused without its near-solution hints`, async () => {
      const raw = parse(await readFile(join('challenges', id, 'challenge.yaml'), 'utf8')) as {
        hints: { level: string }[];
      };
      expect(schema.safeParse(raw).success).toBe(true);
      const withoutNearSolution = { ...raw, hints: raw.hints.filter((hint) => hint.level !== 'near-solution') };
      const result = schema.safeParse(withoutNearSolution);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toContain(
        'give at least one hint of each level: nudge, concept, near-solution',
      );
    });
  }
});
