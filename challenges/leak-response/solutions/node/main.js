// Answer a leaked key (challenge: leak-response): rotate it in Vault and destroy the leaked
// version, then remove it from the repository's whole history, then install the pre-commit hook.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodeVault from 'node-vault';

const SECRET = 'secret/data/leak/payments';

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(1);
  }
  return value;
}

const vault = nodeVault({ endpoint: requireEnv('VAULT_ADDR'), token: requireEnv('VAULT_TOKEN') });
const repo = requireEnv('LEAK_REPO');

// 1. Rotate first: a new generated key, then the leaked version destroyed (delete could be undone).
const current = await vault.read(SECRET);
const leaked = current.data.data.api_key;
const leakedVersion = current.data.metadata.version;
const fresh = 'pay_' + randomBytes(24).toString('hex');
await vault.write(SECRET, { data: { api_key: fresh } });
await vault.write('secret/destroy/leak/payments', { versions: [leakedVersion] });
console.log(`rotated secret/leak/payments: version ${leakedVersion} destroyed`);

// 2. Then the history. The replacements file holds the key: a private folder, removed at the end.
const work = mkdtempSync(join(tmpdir(), 'leak-'));
try {
  const replacements = join(work, 'replacements');
  writeFileSync(replacements, `literal:${leaked}==>***REMOVED***\n`, { mode: 0o600 });
  // --force: a working clone, not a fresh one. Its output names no values, but stays quiet anyway.
  execFileSync('git', ['filter-repo', '--force', '--replace-text', replacements], { cwd: repo, stdio: 'ignore' });
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log('history rewritten');

// 3. So that it does not happen again.
execFileSync('secrets-workbook', ['hook', 'install'], { cwd: repo, stdio: 'inherit' });
