// Log scrubbing: log which secrets were loaded and every request, without ever logging a value.
//
// Startup: one line per secret value, `loaded <path>#<key> version=<v> fingerprint=<12 hex>`.
// Then a request line every 0.2 s, `request <n> …`, until stopped. Every line goes through a
// redactor first: the safety net for the day someone logs more than they meant to.
import { createHash } from 'node:crypto';
import nodeVault from 'node-vault';

// The secrets this service uses, and the keys it reads from each (KV v2 at secret/).
const SECRETS = {
  'logs/database': ['password'],
  'logs/partner': ['access_token', 'refresh_token'],
  'logs/tls': ['certificate', 'private_key'],
};
// A certificate is public: it is fingerprinted like the rest, but need not be redacted.
const PUBLIC = new Set(['logs/tls#certificate']);

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(1);
  }
  return value;
}

/**
 * Replaces every known secret value, in each form it takes in a log line, by [REDACTED].
 * Literally (never as a regex: the values are full of metacharacters), longest first (so a value
 * that starts with another is not half-replaced), also percent-encoded (in a URL), JSON-escaped
 * and base64-encoded, and each long line of a multi-line value (a PEM key) on its own.
 */
class Redactor {
  forms = [];

  add(value) {
    const forms = new Set([value, value.trim(), encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2), JSON.stringify(value).slice(1, -1)]);
    forms.add(Buffer.from(value).toString('base64'));
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= 16) forms.add(line.trim());
    this.forms = [...new Set([...this.forms, ...forms])].filter(Boolean).sort((a, b) => b.length - a.length);
  }

  redact(text) {
    // split/join replaces every occurrence literally; String.replace with a string only the first.
    return this.forms.reduce((result, form) => result.split(form).join('[REDACTED]'), text);
  }
}

const redactor = new Redactor();
const log = (message) => console.log(redactor.redact(message));

/** First 12 hex digits of SHA-256 over the value exactly as read: identifies it, reveals nothing. */
const fingerprint = (value) => createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12);

const vault = nodeVault({ endpoint: requireEnv('VAULT_ADDR') });
await vault.approleLogin({ role_id: requireEnv('VAULT_ROLE_ID'), secret_id: requireEnv('VAULT_SECRET_ID') });

const values = new Map();
const versions = new Map();
for (const [path, keys] of Object.entries(SECRETS)) {
  // KV version 2: the data of secret/<path> is at secret/data/<path>, the version in data.metadata.
  const { data } = await vault.read(`secret/data/${path}`);
  for (const key of keys) {
    const name = `${path}#${key}`;
    values.set(name, data.data[key]);
    versions.set(name, data.metadata.version);
    if (!PUBLIC.has(name)) redactor.add(data.data[key]);
  }
}

for (const [name, value] of values) log(`loaded ${name} version=${versions.get(name)} fingerprint=${fingerprint(value)}`);

// The service's work: calls to a partner API (not really sent here), logged with their URL.
const accessToken = values.get('logs/partner#access_token');
let number = 0;
setInterval(() => {
  number += 1;
  const url = `https://partner.example/v1/orders?page=${number}&access_token=${encodeURIComponent(accessToken)}`;
  log(`request ${number} GET ${url} status=200`);
}, 200);
