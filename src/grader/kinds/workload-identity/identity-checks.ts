import type { IdentityChallengeDefinition, IdentityCheckId } from '../../../course/identity-challenge-schema.js';
import type { PlannedCheck, Verdict } from '../../planned-checks.js';
import type { LeakFinding } from '../../scanner-port.js';
import type { AdmittedJob, ProbeResult } from './identity-probes.js';

/**
 * Exactly who gets in. The deploy job must; each refused-check holds only when every token of
 * its kind was refused — and only counts once the deploy job gets in, since a Vault that lets
 * nobody in refuses everyone.
 */
export function identityPlan({ identity }: IdentityChallengeDefinition): PlannedCheck[] {
  const job = `${identity.repository}@${identity.ref} in ${identity.environment}`;
  const titles: Record<IdentityCheckId, string> = {
    exit: 'Your setup program exits with status 0',
    'main-deploy-gets-in': `The deploy job (${job}) logs in with its token and reads ${identity.secret}`,
    'least-privilege': `Its Vault token reads only ${identity.secret}, cannot write it, and lives at most an hour`,
    'other-branch-refused': 'Other branches and pull requests are refused',
    'other-environment-refused': 'Other environments, and jobs without one, are refused',
    'other-repository-refused': 'Forks and other repositories are refused',
    'wrong-audience-refused': 'A token minted for another audience is refused',
    'wrong-issuer-refused': 'A token from another issuer is refused',
    'forged-signature-refused': "A token signed with someone else's key is refused",
    'expired-refused': 'An expired token is refused',
    'no-leak': 'Prints no secret value and not its token',
  };
  return Object.entries(titles).map(([id, title]) => ({ id, title }));
}

export interface IdentityEvidence {
  definition: IdentityChallengeDefinition;
  job: AdmittedJob;
  probes: ProbeResult[];
  exit: Verdict;
  leaks: LeakFinding[];
  overflow: boolean;
}

const REFUSED_HINTS: Partial<Record<IdentityCheckId, string>> = {
  'other-branch-refused':
    'Bind the exact ref: bound_claims {"ref": "refs/heads/main"} with bound_claims_type string. A glob like refs/heads/main* also admits refs/heads/main-hotfix.',
  'other-environment-refused':
    'Bind the environment claim too: bound_claims {"environment": "production"}. A bound claim the token lacks is a refusal.',
  'other-repository-refused':
    'Bind the repository claim (owner/name): bound_claims {"repository": "acme/payments"}; a fork has the same name under another owner.',
  'wrong-audience-refused':
    'Set bound_audiences on the role to the audience your jobs request; Vault then refuses tokens minted for anything else.',
  'wrong-issuer-refused': 'Set bound_issuer in auth/jwt/config to the CI provider (CI_OIDC_ISSUER).',
  'forged-signature-refused':
    'jwt_validation_pubkeys must hold only the CI provider’s public key (CI_OIDC_PUBLIC_KEY_FILE).',
  'expired-refused': 'Leave clock_skew_leeway at its default: an expired token must not log in.',
};

export function identityVerdicts(evidence: IdentityEvidence): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>([
    ['exit', evidence.exit],
    ['main-deploy-gets-in', jobGetsIn(evidence)],
    ['least-privilege', leastPrivilege(evidence)],
    ['no-leak', noLeak(evidence)],
  ]);
  for (const check of new Set(evidence.probes.map((result) => result.probe.check)))
    verdicts.set(check, refused(evidence, check));
  return verdicts;
}

function jobGetsIn({ job, definition }: IdentityEvidence): Verdict {
  const { identity, mount } = definition;
  if (!job.login.admitted)
    return [
      false,
      `Vault refused the deploy job's token: ${job.login.refusal ?? 'no reason given'}`,
      `Enable JWT auth at auth/${identity.authPath}, configure it with the CI provider's public key, then create role ${identity.role} with role_type=jwt, user_claim, bound_audiences=["${identity.audience}"], bound_claims for repository, ref and environment, and token_policies=["${identity.policy}"].`,
    ];
  if (!job.readsSecret)
    return [
      false,
      `it logged in, but its token cannot read ${mount}/data/${identity.secret}`,
      `Policy ${identity.policy} must grant read on ${mount}/data/${identity.secret} (KV v2: with data/), and the role's token_policies must name it.`,
    ];
  return [true, `its token read ${mount}/data/${identity.secret}`];
}

function leastPrivilege({ job, definition }: IdentityEvidence): Verdict {
  const { identity, mount } = definition;
  if (!job.login.admitted)
    return [false, 'not judged: the deploy job cannot log in yet', 'Make the deploy job get in first.'];
  const problems = [
    ...(job.readsNeighbour ? [`it can read ${mount}/data/${identity.neighbour}`] : []),
    ...(job.writesSecret ? [`it can write ${mount}/data/${identity.secret}`] : []),
    ...(job.ttl === undefined ? ['its TTL could not be read (auth/token/lookup-self refused)'] : []),
    ...(job.ttl !== undefined && (job.ttl === 0 || job.ttl > 3600) ? [`it lives ${job.ttl} s`] : []),
  ];
  if (problems.length > 0)
    return [
      false,
      problems.join('; '),
      `A deploy job needs to read ${identity.secret} for a few minutes: policy ${identity.policy} with read on that one path, token_ttl of minutes (token_ttl=10m), and keep the default policy so the job can look its token up.`,
    ];
  return [true, `it reads ${identity.secret} only, and lives ${job.ttl} s`];
}

function refused({ job, probes }: IdentityEvidence, check: IdentityCheckId): Verdict {
  const mine = probes.filter((result) => result.probe.check === check);
  if (!job.login.admitted)
    return [
      false,
      `not judged: the deploy job cannot log in yet, so refusing ${mine.map((result) => result.probe.what).join(' and ')} proves nothing`,
      'Make the deploy job get in first; then every other token must still be refused.',
    ];
  const admitted = mine.filter((result) => result.admitted);
  if (admitted.length > 0)
    return [
      false,
      `Vault let in ${admitted.map((result) => result.probe.what).join(' and ')}`,
      REFUSED_HINTS[check] ?? 'Bind the role more tightly.',
    ];
  return [true, mine.map((result) => `${result.probe.what}: ${result.refusal ?? 'refused'}`).join('; ')];
}

function noLeak({ leaks, overflow }: IdentityEvidence): Verdict {
  if (overflow && leaks.length === 0)
    return [false, 'it printed more than 1 MiB, and the rest could not be checked', 'Print a line per step.'];
  if (leaks.length === 0) return [true, 'no secret value and not its token appeared in its output'];
  return [
    false,
    `it printed ${leaks
      .slice(0, 3)
      .map((leak) => `${leak.secret} (${leak.form === 'raw' ? 'as is' : leak.form})`)
      .join('; ')}`,
    'A setup program prints what it did (enabled, configured, role written), never a token or a secret.',
  ];
}
