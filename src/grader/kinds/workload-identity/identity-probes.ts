import type { IdentityChallengeDefinition, IdentityCheckId } from '../../../course/identity-challenge-schema.js';
import type { CiProvider, MintOptions } from './ci-provider.js';

/**
 * Who gets in: every probe is a token the CI provider mints — the deploy job's own, and each way
 * another job, a fork or an attacker's token differs from it — sent to Vault's login endpoint as
 * a CI job would send it, with no other credential. For the one that must get in, the token it
 * gets is tried on the production secret, on a neighbour and with a write.
 */
export interface Probe {
  /** The refused-check it belongs to. */
  check: IdentityCheckId;
  what: string;
  mint: MintOptions;
}

export interface ProbeResult {
  probe: Probe;
  /** Vault gave it a token. */
  admitted: boolean;
  /** Why Vault refused it (its message), or the error reaching Vault. */
  refusal?: string;
  token?: string;
}

export interface AdmittedJob {
  login: ProbeResult;
  readsSecret?: boolean;
  readsNeighbour?: boolean;
  writesSecret?: boolean;
  ttl?: number;
  policies?: string[];
}

export function probesFor({ identity }: IdentityChallengeDefinition): Probe[] {
  const [owner] = identity.repository.split('/');
  const name = identity.repository.split('/')[1]!;
  return [
    { check: 'other-branch-refused', what: 'a feature branch', mint: { claims: { ref: 'refs/heads/feature/new-ui' } } },
    {
      check: 'other-branch-refused',
      what: `a branch whose name starts with ${identity.ref.replace('refs/heads/', '')}`,
      mint: { claims: { ref: `${identity.ref}-hotfix` } },
    },
    {
      check: 'other-branch-refused',
      what: 'a pull request',
      mint: { claims: { ref: 'refs/pull/42/merge', event_name: 'pull_request' } },
    },
    {
      check: 'other-environment-refused',
      what: 'the staging environment',
      mint: { claims: { environment: 'staging' } },
    },
    {
      check: 'other-environment-refused',
      what: 'a job with no environment',
      mint: { claims: { environment: undefined } },
    },
    {
      check: 'other-repository-refused',
      what: 'a fork',
      mint: { claims: { repository: `mallory/${name}`, repository_owner: 'mallory' } },
    },
    {
      check: 'other-repository-refused',
      what: 'another repository of the organisation',
      mint: { claims: { repository: `${owner}/website` } },
    },
    {
      check: 'wrong-audience-refused',
      what: 'a token for another audience',
      mint: { audience: 'https://vault.other.example' },
    },
    {
      check: 'wrong-issuer-refused',
      what: 'a token from another issuer',
      mint: { issuer: 'https://issuer.attacker.example' },
    },
    { check: 'forged-signature-refused', what: "a token signed with an attacker's key", mint: { forged: true } },
    { check: 'expired-refused', what: 'an expired token', mint: { expiresIn: -600 } },
  ];
}

export async function login(
  address: string,
  definition: IdentityChallengeDefinition,
  provider: CiProvider,
  probe: Probe,
): Promise<ProbeResult> {
  const jwt = await provider.mint(probe.mint);
  try {
    const response = await fetch(`${address}/v1/auth/${definition.identity.authPath}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: definition.identity.role, jwt }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => ({}))) as { auth?: { client_token?: string }; errors?: string[] };
    const token = body.auth?.client_token;
    if (response.ok && token) return { probe, admitted: true, token };
    return { probe, admitted: false, refusal: body.errors?.[0]?.split('\n')[0] ?? `HTTP ${response.status}` };
  } catch (error) {
    return { probe, admitted: false, refusal: `could not reach Vault: ${(error as Error).message}` };
  }
}

/** What the deploy job's token may do. */
export async function tryJobToken(
  address: string,
  definition: IdentityChallengeDefinition,
  result: ProbeResult,
): Promise<AdmittedJob> {
  if (!result.token) return { login: result };
  const { mount, identity } = definition;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${address}/v1/${path}`, {
      method,
      headers: { 'X-Vault-Token': result.token!, 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
  const [secret, neighbour, write, self] = await Promise.all([
    call('GET', `${mount}/data/${identity.secret}`),
    call('GET', `${mount}/data/${identity.neighbour}`),
    call('POST', `${mount}/data/${identity.secret}`, { data: { tampered: 'yes' } }),
    call('GET', 'auth/token/lookup-self'),
  ]);
  const lookup = (await self.json().catch(() => ({}))) as { data?: { ttl?: number; policies?: string[] } };
  return {
    login: result,
    readsSecret: secret.ok,
    readsNeighbour: neighbour.ok,
    writesSecret: write.ok,
    ...(lookup.data?.ttl !== undefined ? { ttl: lookup.data.ttl } : {}),
    ...(lookup.data?.policies ? { policies: lookup.data.policies } : {}),
  };
}
