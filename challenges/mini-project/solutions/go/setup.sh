#!/bin/sh
# Mini project, part 1: configure a Vault for the mini-app — AppRole, its three secrets, a
# least-privilege policy and a role with limits. Needs VAULT_ADDR and VAULT_TOKEN (your
# playground's `vault up` lines; the grader gives it a token of its own) and the vault CLI
# (OpenBao's bao works too). Safe to run again: it only overwrites, and each run stores new values.
set -eu
: "${VAULT_ADDR:?set VAULT_ADDR (secrets-workbook vault up prints it)}"
: "${VAULT_TOKEN:?set VAULT_TOKEN}"
if command -v vault >/dev/null 2>&1; then vault=vault
elif command -v bao >/dev/null 2>&1; then vault=bao
else echo "setup: needs the vault CLI (or OpenBao's bao) on PATH" >&2; exit 1
fi

# 1. AppRole, unless it is there already (a second run, or a playground that had it).
if ! "$vault" auth list | grep -q '^approle/'; then
  "$vault" auth enable approle
fi

# 2. The secrets, each value generated inside the command that stores it: never on screen, never
#    in a file, never in shell history. `kv put` prints only the version: sent to /dev/null anyway.
"$vault" kv put secret/mini/database \
  url="postgres://mini_app:$(openssl rand -hex 24)@db.mini.internal:5432/mini" >/dev/null
"$vault" kv put secret/mini/api key="mini_$(openssl rand -hex 20)" >/dev/null

# A self-signed certificate for api.mini.internal (its name in subjectAltName: clients ignore the
# common name). The key exists on disk only in a private folder, removed however the script ends.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
openssl req -x509 -newkey rsa:2048 -nodes -days 90 -subj /CN=api.mini.internal \
  -addext subjectAltName=DNS:api.mini.internal \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
"$vault" kv put secret/mini/tls certificate=@"$work/cert.pem" private_key=@"$work/key.pem" >/dev/null

# 3. The app's policy: read these three secrets, nothing else (no list, no metadata, no wildcard).
"$vault" policy write mini-app - >/dev/null <<'HCL'
path "secret/data/mini/database" {
  capabilities = ["read"]
}
path "secret/data/mini/api" {
  capabilities = ["read"]
}
path "secret/data/mini/tls" {
  capabilities = ["read"]
}
HCL

# 4. The app's role: that policy only, tokens that live minutes, secret_ids that expire.
"$vault" write auth/approle/role/mini-app \
  token_policies=mini-app token_ttl=10m token_max_ttl=30m secret_id_ttl=24h >/dev/null

echo "mini-app is set up: AppRole, 3 secrets (versions written), policy mini-app, role mini-app"
