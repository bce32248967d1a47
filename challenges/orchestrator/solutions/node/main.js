// Unwrap a response-wrapped secret_id, log in with AppRole, read the API key (challenge: orchestrator).
import { readFile } from 'node:fs/promises';
import nodeVault from 'node-vault';

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(1);
  }
  return value;
}

const endpoint = requireEnv('VAULT_ADDR');

// The file holds a single-use wrapping token; unwrapping it once reveals the secret_id.
const wrappingToken = (await readFile(requireEnv('VAULT_WRAPPED_SECRET_ID_FILE'), 'utf8')).trim();
// The wrapping token is the client token of this one call: POST sys/wrapping/unwrap.
const unwrapped = await nodeVault({ endpoint, token: wrappingToken }).unwrap();
const secretId = unwrapped.data.secret_id;

const vault = nodeVault({ endpoint });
await vault.approleLogin({ role_id: requireEnv('VAULT_ROLE_ID'), secret_id: secretId });
// secret/ is KV version 2: the data lives under secret/data/<path>.
const secret = await vault.read('secret/data/orchestrator/api');
const { key } = secret.data.data;
// A real app would call its API with the key here. Log what helps, never the value itself.
console.log(`read the API key (version ${secret.data.metadata.version}, ${key.length} characters)`);
