// Mini project, part 2: an API that gets all three of its secrets from Vault at startup, then
// serves HTTPS with the certificate. Grade both parts with:  secrets-workbook grade mini-project
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
const port = Number(requireEnv('PORT'));

// TODO (check `login`): log in with AppRole using roleId and secretId.
// TODO (check `read-database-url`): read secret/mini/database and take `url`.
// TODO (check `read-api-key`): read secret/mini/api and take `key`.
// TODO (check `read-tls`): read secret/mini/tls and take `certificate` and `private_key`.
// TODO (check `serves-tls`): serve HTTPS on 127.0.0.1:port with that certificate and key, and keep running.
// Keep the values in memory and use them; log what is safe (a host, a fingerprint, a length).
void vault, roleId, secretId, port;
console.log('not done yet: log in, read the database URL, the API key and the TLS certificate, then serve HTTPS');
