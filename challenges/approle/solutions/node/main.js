// Log in to Vault with AppRole and read the database password (challenge: approle).
import nodeVault from 'node-vault';

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(1);
  }
  return value;
}

const vault = nodeVault({ endpoint: requireEnv('VAULT_ADDR') });
// approleLogin stores the returned client token on the client for the next requests.
await vault.approleLogin({ role_id: requireEnv('VAULT_ROLE_ID'), secret_id: requireEnv('VAULT_SECRET_ID') });
// secret/ is KV version 2: the data lives under secret/data/<path>.
const secret = await vault.read('secret/data/database/backend');
const password = secret.data.data.password;
// A real app would connect to its database here. Log what helps, never the value itself.
console.log(`read the database password (version ${secret.data.metadata.version}, ${password.length} characters)`);
