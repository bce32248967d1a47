#!/bin/sh
# Log in to Vault with AppRole and read the database password (challenge: approle), with curl.
# Credentials and tokens go to curl on stdin, never on its command line, where `ps` would show them.
set -eu
: "${VAULT_ADDR:?missing environment variable VAULT_ADDR}"
: "${VAULT_ROLE_ID:?missing environment variable VAULT_ROLE_ID}"
: "${VAULT_SECRET_ID:?missing environment variable VAULT_SECRET_ID}"

# json_field FIELD: print a top-level-unique string field of the JSON on stdin (jq when present).
json_field() {
  if command -v jq >/dev/null 2>&1; then
    jq -r "$2"
  else
    sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"
  fi
}

login=$(printf '{"role_id":"%s","secret_id":"%s"}' "$VAULT_ROLE_ID" "$VAULT_SECRET_ID" |
  curl -sS --fail-with-body -X POST --data-binary @- "$VAULT_ADDR/v1/auth/approle/login")
token=$(printf '%s' "$login" | json_field client_token .auth.client_token)
[ -n "$token" ] || { echo "approle login returned no token" >&2; exit 1; }

# secret/ is KV version 2: the data lives under secret/data/<path>.
secret=$(printf 'X-Vault-Token: %s\n' "$token" |
  curl -sS --fail-with-body -H @- "$VAULT_ADDR/v1/secret/data/database/backend")
password=$(printf '%s' "$secret" | json_field password .data.data.password)
[ -n "$password" ] || { echo "secret/database/backend has no password" >&2; exit 1; }

# A real app would connect to its database here. Log what helps, never the value itself.
echo "read the database password (${#password} characters)"
