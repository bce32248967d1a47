import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChallenge } from '../../src/course/challenges.js';
import { IDENTITY_CHECK_IDS } from '../../src/course/identity-challenge-schema.js';
import { isIdentityChallenge } from '../../src/course/scanner-challenge-schema.js';
import { gradeChallenge } from '../../src/grader/index.js';
import type { GradeReport } from '../../src/grader/report.js';
import { availableProviders, failedIds, hasGo, programDir } from './helpers.js';

/**
 * The workload-identity challenge on every provider: the reference solutions pass, the starters
 * fail exactly what the README says, and each loose role a learner is likely to write fails the
 * check for the job it lets in: no ref binding, a glob on the branch, no environment, an owner
 * glob on the repository, no bound_issuer, an hour of clock skew, a policy on all of
 * secret/, day-long tokens; and a role whose audience is wrong lets nobody in.
 */
const providers = await availableProviders();
const { summary, definition } = await loadChallenge('workload-identity');
if (!isIdentityChallenge(definition)) throw new Error('workload-identity is kind: workload-identity');
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface Variant {
  issuer?: boolean;
  policy?: string;
  role?: Record<string, unknown>;
}

/** A shell setup program (vault CLI: `bao` here) writing the solution's state with one thing changed. */
function script({ issuer = true, policy = 'secret/data/production/database', role = {} }: Variant): string {
  const body = {
    role_type: 'jwt',
    user_claim: 'sub',
    bound_audiences: ['AUDIENCE'],
    bound_claims: { repository: 'acme/payments', ref: 'refs/heads/main', environment: 'production' },
    token_policies: ['production-read'],
    token_ttl: '10m',
    ...role,
  };
  return `set -eu
if command -v vault >/dev/null 2>&1; then vault=vault; else vault=bao; fi
"$vault" auth enable jwt >/dev/null
"$vault" write auth/jwt/config jwt_validation_pubkeys=@"$CI_OIDC_PUBLIC_KEY_FILE" ${issuer ? 'bound_issuer="$CI_OIDC_ISSUER"' : ''} >/dev/null
printf 'path "%s" {\\n  capabilities = ["read"]\\n}\\n' '${policy}' | "$vault" policy write production-read - >/dev/null
printf '%s' '${JSON.stringify(body)}' | sed "s#AUDIENCE#$CI_OIDC_AUDIENCE#" | "$vault" write auth/jwt/role/deploy-production - >/dev/null
`;
}

async function gradeScript(provider: string, variant: Variant): Promise<GradeReport> {
  const dir = await programDir({ 'main.sh': script(variant) });
  made.push(dir);
  return gradeChallenge({ challengeId: 'workload-identity', dir, vault: provider as 'binary', timeoutSeconds: 60 });
}

const main = { repository: 'acme/payments', environment: 'production' };
const HOSTILE: Array<[string, Variant, string[]]> = [
  ['the solution, written as a shell script', {}, []],
  ['no ref binding', { role: { bound_claims: main } }, ['other-branch-refused']],
  [
    'a glob on the branch',
    { role: { bound_claims_type: 'glob', bound_claims: { ...main, ref: 'refs/heads/main*' } } },
    ['other-branch-refused'],
  ],
  [
    'no environment binding',
    { role: { bound_claims: { repository: 'acme/payments', ref: 'refs/heads/main' } } },
    ['other-environment-refused'],
  ],
  [
    'the whole organisation',
    {
      role: {
        bound_claims_type: 'glob',
        bound_claims: { repository: 'acme/*', ref: 'refs/heads/main', environment: 'production' },
      },
    },
    ['other-repository-refused'],
  ],
  ['no bound_issuer', { issuer: false }, ['wrong-issuer-refused']],
  ['an hour of clock skew allowed', { role: { clock_skew_leeway: 3600 } }, ['expired-refused']],
  ['a policy on all of secret/', { policy: 'secret/data/*' }, ['least-privilege']],
  ['day-long tokens', { role: { token_ttl: '24h' } }, ['least-privilege']],
  [
    'the wrong audience: nobody gets in',
    { role: { bound_audiences: ['https://vault.other.example'] } },
    IDENTITY_CHECK_IDS.filter((id) => !['exit', 'no-leak'].includes(id)),
  ],
];

describe.skipIf(providers.length === 0)('workload-identity challenge', () => {
  for (const provider of providers) {
    for (const language of summary.solutions) {
      (language === 'go' && !hasGo ? it.skip : it.concurrent)(
        `${provider}: the ${language} solution passes`,
        async () => {
          const report = await gradeChallenge({
            challengeId: 'workload-identity',
            dir: join(summary.dir, 'solutions', language),
            vault: provider,
            timeoutSeconds: 90,
          });
          const failed = report.checks.filter((check) => !check.passed);
          expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
          expect(report.checks.map((check) => check.id)).toEqual([...IDENTITY_CHECK_IDS]);
          expect(report.vault).toBe(provider);
        },
      );
    }
    for (const language of summary.starters) {
      (language === 'go' && !hasGo ? it.skip : it.concurrent)(
        `${provider}: the ${language} starter fails exactly ${definition.starter.failing.join(', ')}`,
        async () => {
          const report = await gradeChallenge({
            challengeId: 'workload-identity',
            dir: join(summary.dir, 'starter', language),
            vault: provider,
            timeoutSeconds: 90,
          });
          expect(failedIds(report)).toEqual([...definition.starter.failing].sort());
          for (const check of report.checks.filter((check) => !check.passed)) expect(check.hint).not.toBe('');
        },
      );
    }
    for (const [name, variant, failing] of HOSTILE) {
      it.concurrent(`${provider}: ${name} fails ${failing.join(', ') || 'nothing'}`, async () => {
        const report = await gradeScript(provider, variant);
        expect(failedIds(report), JSON.stringify(report.checks, null, 2)).toEqual([...failing].sort());
      });
    }
  }
});
