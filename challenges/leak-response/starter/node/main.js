// Challenge leak-response: a payments key stored in Vault was committed to a repository.
// Answer the leak: rotate the key in Vault, then remove it from history, then install the hook.
// Run it against a fresh Vault and a fresh leak with:  secrets-workbook grade leak-response
import nodeVault from 'node-vault';

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

// TODO 1 (checks `rotated`, `leaked-version-destroyed`): read secret/data/leak/payments, keep the
// leaked api_key in memory, write a new generated one, destroy the leaked version
// (vault.write('secret/destroy/leak/payments', { versions: [n] })).
// TODO 2 (checks `rotated-first`, `history-clean`, `objects-clean`): only then remove the key from
// every commit of the repository in LEAK_REPO with git filter-repo.
// TODO 3 (check `hook-installed`): run `secrets-workbook hook install` in the repository.
// Never print a key, the old one or the new one.
void vault;
void repo;
console.log('not done yet: rotate the key, clean the history, install the hook');
