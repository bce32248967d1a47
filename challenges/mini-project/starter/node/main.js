// Mini project: log in with AppRole and retrieve all three secrets at startup.
// Run it against a fresh Vault with:  secrets-workbook grade mini-project
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
await vault.approleLogin({ role_id: requireEnv('VAULT_ROLE_ID'), secret_id: requireEnv('VAULT_SECRET_ID') });

// secret/ is KV version 2: the data of secret/<path> is at secret/data/<path>, under data.data.
const readSecret = async (path) => (await vault.read(`secret/data/${path}`)).data.data;
const { url: databaseUrl } = await readSecret('mini/database');
console.log(`database host: ${new URL(databaseUrl).hostname}`);

// TODO (check `read-api-key`): read secret/mini/api and take `key`.
// TODO (check `read-tls`): read secret/mini/tls and take `certificate` and `private_key`.
// Use them, but never print them: log a length or a fingerprint instead.
console.log('not done yet: the API key and the TLS certificate');
