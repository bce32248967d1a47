// Challenge orchestrator: unwrap a response-wrapped secret_id, log in with AppRole, read the API key.
// Run it against a fresh Vault with:  secrets-workbook grade orchestrator
import { readFile } from 'node:fs/promises';
import nodeVault from 'node-vault'; // npm install

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(1);
  }
  return value;
}

const endpoint = requireEnv('VAULT_ADDR');
const roleId = requireEnv('VAULT_ROLE_ID');
// There is no VAULT_SECRET_ID: this file holds a single-use wrapping token (30 s TTL).
const wrappingToken = (await readFile(requireEnv('VAULT_WRAPPED_SECRET_ID_FILE'), 'utf8')).trim();

// TODO 1 (check `unwrap`): unwrap the wrapping token, once (POST sys/wrapping/unwrap); the
//         answer's data.secret_id is the secret_id.
// TODO 2 (check `login`): log in with AppRole using roleId and that secret_id.
// TODO 3 (check `read-api-key`): read secret/data/orchestrator/api (KV version 2) and take `key`.
// Use it, but never print it (nor the wrapping token, nor the secret_id).
void nodeVault, endpoint, roleId, wrappingToken;
console.log('not done yet: unwrap the secret_id, log in and read the API key');
