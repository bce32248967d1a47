// Log scrubbing: log which secrets were loaded and every request, without ever logging a value.
// Run it against a fresh Vault with:  secrets-workbook grade log-scrubbing
import nodeVault from 'node-vault'; // npm install

// The secrets this service uses, and the keys it reads from each (KV v2 at secret/).
const SECRETS = {
  'logs/database': ['password'],
  'logs/partner': ['access_token', 'refresh_token'],
  'logs/tls': ['certificate', 'private_key'],
};

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(1);
  }
  return value;
}

// Replaces each secret value by [REDACTED] — a first attempt.
// TODO (check `no-leak`): the grader's values defeat it. A value may appear percent-encoded in a
// URL, one value starts with another, and a PEM key spans several lines.
function redact(text, values) {
  for (const value of values) text = text.split(value).join('[REDACTED]');
  return text;
}

const vault = nodeVault({ endpoint: requireEnv('VAULT_ADDR') });
await vault.approleLogin({ role_id: requireEnv('VAULT_ROLE_ID'), secret_id: requireEnv('VAULT_SECRET_ID') });

const values = new Map();
for (const [path, keys] of Object.entries(SECRETS)) {
  const { data } = await vault.read(`secret/data/${path}`);
  for (const key of keys) values.set(`${path}#${key}`, data.data[key]);
}
const log = (message) => console.log(redact(message, values.values()));

for (const name of values.keys()) {
  // TODO (check `startup-lines`): add version=<the version read> fingerprint=<first 12 hex digits
  // of the SHA-256 of the value>.
  log(`loaded ${name}`);
}

// The service's work: calls to a partner API (not really sent here), logged in full.
const accessToken = values.get('logs/partner#access_token');
const refreshToken = values.get('logs/partner#refresh_token');
let number = 0;
setInterval(() => {
  number += 1;
  if (number % 3 === 0) log(`request ${number} POST https://partner.example/oauth/token refresh_token=${refreshToken} status=200`);
  else log(`request ${number} GET https://partner.example/v1/orders?access_token=${encodeURIComponent(accessToken)} status=200`);
}, 200);
