// Serve HTTPS with a short-lived certificate from Vault's PKI engine (challenge: dynamic-tls).
import nodeVault from 'node-vault';
import { createServer } from 'node:https';

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(1);
  }
  return value;
}

/** A new certificate from the role: the pair stays in memory, the private key never leaves the process. */
async function issue(vault) {
  const { data } = await vault.write('pki/issue/web', { common_name: 'localhost' });
  console.log(`serving certificate ${data.serial_number}, expires at ${data.expiration}`);
  return { cert: `${data.certificate}\n${data.issuing_ca}\n`, key: data.private_key, expiration: data.expiration };
}

const vault = nodeVault({ endpoint: requireEnv('VAULT_ADDR') });
// approleLogin keeps the new client token on the client for the next requests.
await vault.approleLogin({ role_id: requireEnv('VAULT_ROLE_ID'), secret_id: requireEnv('VAULT_SECRET_ID') });
const secret = await vault.read('secret/data/dynamic-tls/database');
console.log(`database password loaded (${secret.data.data.password.length} characters)`);

let current = await issue(vault);
const server = createServer({ cert: current.cert, key: current.key }, (_request, response) => {
  response.end('hello over TLS\n');
});
server.listen(Number(requireEnv('PORT')), '127.0.0.1');

/** Issue again once two thirds of the lifetime have passed; new handshakes get the new pair. */
function scheduleReissue() {
  const delay = Math.max(1000, ((current.expiration * 1000 - Date.now()) * 2) / 3);
  setTimeout(async () => {
    current = await issue(vault);
    server.setSecureContext({ cert: current.cert, key: current.key });
    scheduleReissue();
  }, delay);
}
scheduleReissue();
