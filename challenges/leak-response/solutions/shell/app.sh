#!/bin/sh
# Answer a leak (challenge: leak-response): rotate the key in Vault, destroy the leaked version,
# remove the key from the repository's whole history, then install the pre-commit hook.
# Needs VAULT_ADDR, VAULT_TOKEN, LEAK_REPO, the vault CLI (or OpenBao's bao) and git filter-repo.
set -eu
: "${VAULT_ADDR:?set VAULT_ADDR}"
: "${VAULT_TOKEN:?set VAULT_TOKEN}"
: "${LEAK_REPO:?set LEAK_REPO to the repository the key was committed to}"
if command -v vault >/dev/null 2>&1; then vault=vault
elif command -v bao >/dev/null 2>&1; then vault=bao
else echo "leak-response: needs the vault CLI (or OpenBao's bao) on PATH" >&2; exit 1
fi
secret=secret/leak/payments

# The replacements file holds the leaked key: a private folder, removed however this ends.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

# 1. Rotate first: the leaked key is someone else's from the moment it was pushed.
leaked_version=$("$vault" kv metadata get -format=json "$secret" | sed -n 's/.*"current_version": *\([0-9]*\).*/\1/p')
"$vault" kv get -field=api_key "$secret" > "$work/leaked"
"$vault" kv put "$secret" api_key="pay_$(openssl rand -hex 24)" >/dev/null
# A new version does not remove the old one: destroy it, so nobody can read it back.
"$vault" kv destroy -versions="$leaked_version" "$secret" >/dev/null
echo "rotated $secret: version $leaked_version destroyed"

# 2. Then the history: every commit, branch and tag, rewritten without the key.
printf 'literal:%s==>***REMOVED***\n' "$(cat "$work/leaked")" > "$work/replacements"
cd "$LEAK_REPO"
# --force: this is a working clone, not a fresh one (filter-repo refuses those by default).
git filter-repo --force --replace-text "$work/replacements" >/dev/null 2>&1
echo "history rewritten: $(git rev-list --all | wc -l | tr -d ' ') commits"

# 3. So it does not happen again.
secrets-workbook hook install
