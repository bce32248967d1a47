import { describe, expect, it } from 'vitest';
import { loadChallenge } from '../../src/course/challenges.js';
import { isLeakChallenge } from '../../src/course/scanner-challenge-schema.js';
import { leakVerdicts, type LeakEvidence } from '../../src/grader/kinds/leak/leak-checks.js';

describe('leak-response verdicts', () => {
  // A Go or Node learner whose program did not rotate was told only how to do it with hvac (Python).
  it('a key not rotated: the hint says how in every starter language and with the CLI', async () => {
    const { definition } = await loadChallenge('leak-response');
    if (!isLeakChallenge(definition)) throw new Error('leak-response is not a leak challenge');
    const evidence: LeakEvidence = {
      definition,
      leaked: 'pay_leaked',
      leakedVersion: 1,
      vault: { versions: [], currentVersion: 1, current: 'pay_leaked' },
      repo: { hits: [], missingRefs: [], changedFiles: [], filesWithValues: [], hook: { done: false, detail: '' } },
      leaks: [],
      overflow: false,
      exit: [true, 'exited with status 0'],
    };
    const [passed, detail, hint] = leakVerdicts(evidence).get('rotated')!;
    expect(passed).toBe(false);
    expect(detail).toBe('secret/leak/payments is still at version 1, the leaked one');
    expect(hint).toContain('POST secret/data/leak/payments');
    expect(hint).toContain('hvac: client.secrets.kv.v2.create_or_update_secret(path="leak/payments"');
    expect(hint).toContain('node-vault: vault.write("secret/data/leak/payments", { data: {...} })');
    expect(hint).toContain('Go: client.KVv2("secret").Put(ctx, "leak/payments"');
    expect(hint).toContain('vault kv put secret/leak/payments api_key=...');
  });
});
