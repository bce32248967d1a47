// Challenge approle: log in to Vault with AppRole and read the database password.
// Run it against a fresh Vault with:  secrets-workbook grade approle
import nodeVault from 'node-vault'; // npm install

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(1);
  }
  return value;
}

const vault = nodeVault({ endpoint: requireEnv('VAULT_ADDR') });
const roleId = requireEnv('VAULT_ROLE_ID');
const secretId = requireEnv('VAULT_SECRET_ID');

// TODO 1 (check `login`): log in with AppRole using roleId and secretId.
// TODO 2 (check `read-password`): read secret/database/backend (KV version 2) and take `password`.
// Use it, but never print it.
void vault, roleId, secretId;
console.log('not done yet: log in with AppRole and read the database password');
