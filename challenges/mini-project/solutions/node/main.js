// Mini project: log in with AppRole and retrieve all three secrets at startup.
import { X509Certificate, createPrivateKey } from 'node:crypto';
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
await vault.approleLogin({ role_id: requireEnv('VAULT_ROLE_ID'), secret_id: requireEnv('VAULT_SECRET_ID') });

// secret/ is KV version 2: the data of secret/<path> is at secret/data/<path>, under data.data.
const readSecret = async (path) => (await vault.read(`secret/data/${path}`)).data.data;
const { url: databaseUrl } = await readSecret('mini/database');
const { key: apiKey } = await readSecret('mini/api');
const tls = await readSecret('mini/tls');

const certificate = new X509Certificate(tls.certificate);
if (!certificate.checkPrivateKey(createPrivateKey(tls.private_key))) {
  console.error('secret/mini/tls: the private key does not match the certificate');
  process.exit(1);
}

// Log what helps an operator, never a value: a host, a length, a fingerprint.
console.log(`database host: ${new URL(databaseUrl).hostname}`);
console.log(`api key: ${apiKey.length} characters`);
console.log(`tls certificate ${certificate.subject.replace(/\n/g, ', ')}, sha256 ${certificate.fingerprint256}`);
console.log('ready');
