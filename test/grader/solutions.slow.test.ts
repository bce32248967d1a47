import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadChallenges } from '../../src/course/challenges.js';
import { LOG_CHECK_IDS, type ChallengeDefinition } from '../../src/course/challenge-schema.js';
import { isVaultAppChallenge } from '../../src/course/scanner-challenge-schema.js';
import { gradeChallenge } from '../../src/grader/index.js';
import { orchestratorChecks } from '../../src/grader/kinds/orchestrator/kind.js';
import { rotationChecks } from '../../src/grader/kinds/rotation/kind.js';
import { agentChecks } from '../../src/grader/kinds/vault-agent/kind.js';
import { pkiChecks } from '../../src/grader/kinds/dynamic-tls/tls-checks.js';
import { placeChecks } from '../../src/grader/planned-checks.js';
import { goToolchain, warmStdCache } from '../../src/grader/program/go-toolchain.js';
import { availableProviders, hasGo } from './helpers.js';

/**
 * The author check (rustlings' `dev check`): on every available provider, every reference
 * solution passes and every starter fails exactly the checks its challenge says are still to do
 * — which its README tells the learner.
 */
const providers = await availableProviders();
const all = await loadChallenges();
// The Vault challenges; the scanner challenge (no Vault) and the leak challenge have their own suites
// (scanner-challenge.slow.test.ts, leak.slow.test.ts).
const challenges = all.flatMap(({ summary, definition }) =>
  isVaultAppChallenge(definition) ? [{ summary, definition }] : [],
);

/** Written out here rather than taken from the grader's own plan; a scenario adds its checks. */
function expectedCheckIds(definition: ChallengeDefinition): string[] {
  const standard = [
    'login',
    ...definition.reads.map((read) => read.id),
    ...(definition.logs ? LOG_CHECK_IDS : []),
    'exit',
    'no-leak',
    'no-hardcoded-secret',
    'no-committed-env',
  ];
  const scenario =
    definition.scenario?.type === 'rotation'
      ? rotationChecks(definition)
      : definition.scenario?.type === 'orchestrator'
        ? orchestratorChecks()
        : definition.scenario?.type === 'agent'
          ? agentChecks(definition)
          : definition.scenario?.type === 'pki'
            ? pkiChecks(definition.scenario)
            : definition.project
              ? [{ id: 'serves-tls', title: 'serves-tls', position: 'after-reads' as const }]
              : [];
  // A project's part 1 comes first: its setup script, each setup step's state, its output and files.
  const partOne = definition.project
    ? ['setup-exit', ...definition.setup.map((step) => step.id), 'setup-no-leak', 'setup-no-hardcoded-secret']
    : [];
  return [
    ...partOne,
    ...placeChecks(
      standard.map((id) => ({ id, title: id })),
      scenario,
      definition.reads.map((read) => read.id),
    ).map((check) => check.id),
  ];
}

beforeAll(async () => {
  // The grader's standard-library cache, built once before the Go grades below start together (in
  // CI: modules were fetched by .ci/run's `go mod download`; the grader builds offline).
  if (hasGo) await warmStdCache((await goToolchain())!, () => undefined);
}, 900_000);

describe.skipIf(providers.length === 0)('reference solutions and starters', () => {
  it('ships the challenges with starters in three languages and solutions in at least three', () => {
    expect(all.map((challenge) => challenge.summary.id)).toEqual(
      expect.arrayContaining(['approle', 'mini-project', 'orchestrator', 'rotation', 'log-scrubbing', 'scanner']),
    );
    for (const { summary } of all) {
      expect(summary.starters).toEqual(['python', 'node', 'go']);
      expect(summary.solutions.slice(0, 3)).toEqual(['python', 'node', 'go']);
    }
  });

  for (const provider of providers) {
    for (const { summary, definition } of challenges) {
      for (const language of summary.solutions) {
        (language === 'go' && !hasGo ? it.skip : it.concurrent)(
          `${provider}: the ${language} solution of ${summary.id} passes`,
          async () => {
            const report = await gradeChallenge({
              challengeId: summary.id,
              dir: join(summary.dir, 'solutions', language),
              vault: provider,
              timeoutSeconds: 60,
            });
            const failed = report.checks.filter((check) => !check.passed);
            expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
            expect(report.passed).toBe(true);
            expect(report.vault).toBe(provider);
            expect(report.checks.map((check) => check.id)).toEqual(expectedCheckIds(definition));
          },
        );
      }
      for (const language of summary.starters) {
        (language === 'go' && !hasGo ? it.skip : it.concurrent)(
          `${provider}: the ${language} starter of ${summary.id} fails exactly ${definition.starter.failing.join(', ')}`,
          async () => {
            const report = await gradeChallenge({
              challengeId: summary.id,
              dir: join(summary.dir, 'starter', language),
              vault: provider,
              timeoutSeconds: 60,
            });
            expect(report.passed).toBe(false);
            const failed = report.checks.filter((check) => !check.passed).map((check) => check.id);
            expect(failed.sort()).toEqual([...definition.starter.failing].sort());
            for (const check of report.checks.filter((check) => !check.passed)) expect(check.hint).not.toBe('');
          },
        );
      }
    }
  }
});
