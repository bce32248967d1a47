// Challenge rotation: keep working while the database password rotates and the token expires.
// Run it against a fresh Vault with:  secrets-workbook grade rotation
// This is a long-running app: it never exits on its own (Ctrl-C stops it).
import nodeVault from 'node-vault'; // npm install
import { setTimeout as sleep } from 'node:timers/promises';

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(1);
  }
  return value;
}

const vault = nodeVault({ endpoint: requireEnv('VAULT_ADDR') });
// The token lives 3 s (token_ttl) and at most 6 s (token_max_ttl): this login will not last.
await vault.approleLogin({ role_id: requireEnv('VAULT_ROLE_ID'), secret_id: requireEnv('VAULT_SECRET_ID') });
const secret = await vault.read('secret/data/rotation/database');
const { password } = secret.data.data;
console.log(`using database password version ${secret.data.metadata.version} (${password.length} characters)`);

for (;;) {
  // TODO 1 (check `read-rotated`): re-read secret/data/rotation/database at least every 2 s and
  //         switch to the new password when data.metadata.version changes.
  // TODO 2 (check `token-renewed`): renew the token (vault.tokenRenewSelf()) or log in again
  //         before it expires, and when Vault answers 403 (error.response.statusCode === 403)
  //         log in again and retry (check `expired-token-recovered`).
  await sleep(1000);
}
