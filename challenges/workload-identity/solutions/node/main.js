// Challenge workload-identity: JWT auth that admits exactly one CI job — the main branch's deploy
// job of acme/payments in environment production — to the production secret.
import { readFileSync } from 'node:fs';
import nodeVault from 'node-vault';

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(1);
  }
  return value;
}

const vault = nodeVault({ endpoint: requireEnv('VAULT_ADDR'), token: requireEnv('VAULT_TOKEN') });
const publicKey = readFileSync(requireEnv('CI_OIDC_PUBLIC_KEY_FILE'), 'utf8');

const methods = await vault.read('sys/auth');
if (!methods.data['jwt/']) await vault.write('sys/auth/jwt', { type: 'jwt' });
// Whose tokens to trust: the CI provider's key and issuer, nothing else.
await vault.write('auth/jwt/config', { jwt_validation_pubkeys: [publicKey], bound_issuer: requireEnv('CI_OIDC_ISSUER') });
await vault.write('sys/policies/acl/production-read', {
  policy: 'path "secret/data/production/database" {\n  capabilities = ["read"]\n}\n',
});
// Which job: exact repository, branch and environment, for this Vault's audience.
await vault.write('auth/jwt/role/deploy-production', {
  role_type: 'jwt',
  user_claim: 'sub',
  bound_audiences: [requireEnv('CI_OIDC_AUDIENCE')],
  bound_claims: { repository: 'acme/payments', ref: 'refs/heads/main', environment: 'production' },
  token_policies: ['production-read'],
  token_ttl: '10m',
  token_max_ttl: '15m',
});
console.log('JWT auth configured: role deploy-production admits acme/payments@refs/heads/main in production');
