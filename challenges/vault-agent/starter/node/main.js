// Use the database URL that Vault Agent renders (challenge: vault-agent).
// The app never talks to Vault: Agent logs in, keeps its token alive and writes the URL into the
// file named by DATABASE_URL_FILE.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Something to log that identifies the URL without revealing it. */
const fingerprint = (value) => createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12);

const path = process.env.DATABASE_URL_FILE;
if (!path) {
  console.error('missing environment variable DATABASE_URL_FILE');
  process.exit(1);
}
let url = '';
while (!url) {
  if (existsSync(path)) url = readFileSync(path, 'utf8').trim();
  await sleep(1000);
}
console.log(`database url fingerprint=${fingerprint(url)}`);
// TODO: Agent renders the file again when the secret rotates. Follow it.
setInterval(() => {}, 1000);
