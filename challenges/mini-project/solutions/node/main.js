// Mini project, part 2: log in with AppRole, retrieve all three secrets at startup, then serve
// HTTPS with the certificate and key from Vault — kept in memory, never written to a file.
import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import nodeVault from 'node-vault';

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(1);
  }
  return value;
}

const port = Number(requireEnv('PORT'));
const vault = nodeVault({ endpoint: requireEnv('VAULT_ADDR') });
await vault.approleLogin({ role_id: requireEnv('VAULT_ROLE_ID'), secret_id: requireEnv('VAULT_SECRET_ID') });

// secret/ is KV version 2: the data of secret/<path> is at secret/data/<path>, under data.data.
const readSecret = async (path) => (await vault.read(`secret/data/${path}`)).data.data;
const { url: databaseUrl } = await readSecret('mini/database');
const { key: apiKey } = await readSecret('mini/api');
const tls = await readSecret('mini/tls');

// Log what helps an operator, never a value: a host, a length, a fingerprint.
const certificate = new X509Certificate(tls.certificate);
console.log(`database host: ${new URL(databaseUrl).hostname}`);
console.log(`api key: ${apiKey.length} characters`);
console.log(`tls certificate ${certificate.subject.replace(/\n/g, ', ')}, sha256 ${certificate.fingerprint256}`);

// createServer refuses a key that does not belong to the certificate.
const server = https.createServer({ cert: tls.certificate, key: tls.private_key }, (request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('ok\n');
});
server.listen(port, '127.0.0.1', () => console.log(`serving https://127.0.0.1:${port}/`));
