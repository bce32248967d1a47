// Challenge workload-identity: configure JWT auth so that only the main branch's deploy job of
// acme/payments, in environment production, can read secret/production/database — with nothing
// but the OIDC token its CI provider gives it.
// Run it against a fresh Vault with:  secrets-workbook grade workload-identity
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
const issuer = requireEnv('CI_OIDC_ISSUER');
const audience = requireEnv('CI_OIDC_AUDIENCE');

// TODO 1: enable the jwt auth method at auth/jwt (vault.write('sys/auth/jwt', { type: 'jwt' })).
// TODO 2: configure it with the CI provider's public key and issuer (auth/jwt/config).
// TODO 3 (check `least-privilege`): policy production-read: read on secret/data/production/database only.
// TODO 4 (check `main-deploy-gets-in` and the `…-refused` checks): role deploy-production,
// role_type jwt, bound to the audience and to the repository, ref and environment claims.
void vault;
void publicKey;
void issuer;
void audience;
console.log('not done yet: configure JWT auth for the deploy job');
