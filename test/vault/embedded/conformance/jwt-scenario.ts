import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { ScenarioItem } from './runner.js';

/**
 * The JWT auth method as workload identity uses it (a CI job's OIDC token): config with
 * jwt_validation_pubkeys and bound_issuer, a `role_type=jwt` role bound by audience and claims
 * (repository, ref, environment), `user_claim`, `token_policies`, and logins with a good token
 * and with each way a token can be wrong. Keys and tokens are made once, at run time, and sent
 * to both servers alike.
 */
const ISSUER = 'https://token.actions.githubusercontent.com';
const AUDIENCE = 'https://github.com/acme';
const GOOD = {
  repository: 'acme/payments',
  ref: 'refs/heads/main',
  environment: 'production',
  job_workflow_ref: 'acme/payments/.github/workflows/deploy.yml@refs/heads/main',
};

export async function jwtScenario(): Promise<ScenarioItem[]> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const stranger = await generateKeyPair('RS256');
  const now = Math.floor(Date.now() / 1000);
  const mint = (
    claims: Record<string, unknown>,
    options: { key?: CryptoKey; alg?: string; iss?: string; aud?: string | null; exp?: number; nbf?: number } = {},
  ) => {
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: 'ci' })
      .setIssuer(options.iss ?? ISSUER)
      .setSubject('repo:acme/payments:environment:production')
      .setIssuedAt(now - 10)
      .setNotBefore(options.nbf ?? now - 10)
      .setExpirationTime(options.exp ?? now + 900);
    if (options.aud !== null) jwt = jwt.setAudience(options.aud ?? AUDIENCE);
    return jwt.sign(options.key ?? privateKey);
  };
  const { environment: _environment, ...noEnvironment } = GOOD;
  void _environment;
  const tokens = {
    good: await mint(GOOD),
    ecGood: await mint(GOOD, { key: ec.privateKey, alg: 'ES256' }),
    branch: await mint({ ...GOOD, ref: 'refs/heads/feature' }),
    environment: await mint({ ...GOOD, environment: 'staging' }),
    fork: await mint({ ...GOOD, repository: 'mallory/payments' }),
    noEnvironment: await mint(noEnvironment),
    listClaim: await mint({ ...GOOD, repository: ['acme/payments', 'acme/other'] }),
    audience: await mint(GOOD, { aud: 'https://github.com/mallory' }),
    noAudience: await mint(GOOD, { aud: null }),
    issuer: await mint(GOOD, { iss: 'https://evil.example' }),
    expired: await mint(GOOD, { exp: now - 600 }),
    notYet: await mint(GOOD, { nbf: now + 600 }),
    stranger: await mint(GOOD, { key: stranger.privateKey }),
  };
  const pems = [await exportSPKI(publicKey), await exportSPKI(ec.publicKey)];
  const login = (name: string, jwt: string, role: string | undefined = 'deploy') => ({
    name: `jwt login: ${name}`,
    method: 'POST',
    path: 'auth/jwt/login',
    token: null,
    body: role === undefined ? { jwt } : { role, jwt },
  });
  return [
    // The audit comparison starts at the first sys/mounts request (a dev server audits its own start).
    { name: 'mounts', method: 'GET', path: 'sys/mounts' },
    { name: 'jwt enable', method: 'POST', path: 'sys/auth/jwt', body: { type: 'jwt' } },
    { name: 'jwt mount', method: 'GET', path: 'sys/auth/jwt' },
    login('before any config', tokens.good),
    { name: 'jwt config read before write', method: 'GET', path: 'auth/jwt/config' },
    { name: 'jwt config without any key source', method: 'POST', path: 'auth/jwt/config', body: {} },
    {
      name: 'jwt config: a bad key',
      method: 'POST',
      path: 'auth/jwt/config',
      body: { jwt_validation_pubkeys: ['not a key'] },
    },
    {
      name: 'jwt config',
      method: 'POST',
      path: 'auth/jwt/config',
      body: { jwt_validation_pubkeys: pems, bound_issuer: ISSUER },
    },
    { name: 'jwt config read', method: 'GET', path: 'auth/jwt/config' },
    { name: 'jwt config read without a token', method: 'GET', path: 'auth/jwt/config', token: null },
    {
      name: 'policy for production secrets',
      method: 'POST',
      path: 'sys/policies/acl/prod-read',
      body: { policy: 'path "secret/data/production/*" { capabilities = ["read"] }' },
    },
    {
      name: 'jwt role: no user_claim',
      method: 'POST',
      path: 'auth/jwt/role/deploy',
      body: { role_type: 'jwt', bound_audiences: [AUDIENCE] },
    },
    {
      name: 'jwt role: no bound constraint',
      method: 'POST',
      path: 'auth/jwt/role/deploy',
      body: { role_type: 'jwt', user_claim: 'sub' },
    },
    {
      name: 'jwt role: oidc without redirect URIs',
      method: 'POST',
      path: 'auth/jwt/role/deploy',
      body: { user_claim: 'sub', bound_audiences: [AUDIENCE] },
    },
    {
      name: 'jwt role: unknown role_type',
      method: 'POST',
      path: 'auth/jwt/role/deploy',
      body: { role_type: 'saml', user_claim: 'sub', bound_audiences: [AUDIENCE] },
    },
    {
      name: 'jwt role',
      method: 'POST',
      path: 'auth/jwt/role/deploy',
      body: {
        role_type: 'jwt',
        user_claim: 'sub',
        bound_audiences: [AUDIENCE],
        bound_claims: { repository: 'acme/payments', ref: 'refs/heads/main', environment: 'production' },
        token_policies: ['prod-read'],
        token_ttl: '10m',
      },
    },
    { name: 'jwt role read', method: 'GET', path: 'auth/jwt/role/deploy' },
    {
      name: 'jwt role: glob claims',
      method: 'POST',
      path: 'auth/jwt/role/any-branch',
      body: {
        role_type: 'jwt',
        user_claim: 'sub',
        bound_audiences: AUDIENCE,
        bound_claims_type: 'glob',
        bound_claims: { ref: ['refs/heads/*'], repository: 'acme/*' },
        token_policies: 'default',
      },
    },
    { name: 'jwt role read: glob', method: 'GET', path: 'auth/jwt/role/any-branch' },
    {
      name: 'jwt role: leeways',
      method: 'POST',
      path: 'auth/jwt/role/lenient',
      body: {
        role_type: 'jwt',
        user_claim: 'sub',
        bound_audiences: [AUDIENCE],
        clock_skew_leeway: '20m',
        expiration_leeway: 3600,
        not_before_leeway: 3600,
      },
    },
    { name: 'jwt role read: leeways', method: 'GET', path: 'auth/jwt/role/lenient' },
    { name: 'jwt roles list', method: 'LIST', path: 'auth/jwt/role' },
    { name: 'jwt role read: missing', method: 'GET', path: 'auth/jwt/role/nope' },
    login('the main branch deploy job in production', tokens.good),
    login('an ES256 key', tokens.ecGood),
    login('another branch', tokens.branch),
    login('another environment', tokens.environment),
    login('a fork', tokens.fork),
    login('no environment claim', tokens.noEnvironment),
    login('a list claim holding the bound value', tokens.listClaim),
    login('another audience', tokens.audience),
    login('no audience', tokens.noAudience),
    login('another issuer', tokens.issuer),
    login('expired', tokens.expired),
    login('not yet valid', tokens.notYet),
    login('signed by an unknown key', tokens.stranger),
    login('expired, within the clock skew', tokens.expired, 'lenient'),
    login('not yet valid, within the clock skew', tokens.notYet, 'lenient'),
    login('glob role, another branch', tokens.branch, 'any-branch'),
    login('glob role, a fork', tokens.fork, 'any-branch'),
    login('no role', tokens.good, undefined),
    login('unknown role', tokens.good, 'nope'),
    { name: 'jwt login: no token', method: 'POST', path: 'auth/jwt/login', token: null, body: { role: 'deploy' } },
    { name: 'jwt role delete', method: 'DELETE', path: 'auth/jwt/role/any-branch' },
    { name: 'jwt roles list after delete', method: 'LIST', path: 'auth/jwt/role' },
  ];
}
