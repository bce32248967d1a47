#!/bin/sh
# Mini project with curl: log in with AppRole and retrieve all three secrets at startup.
# Credentials and tokens go to curl on stdin, never on its command line, where `ps` would show them.
set -eu
: "${VAULT_ADDR:?missing environment variable VAULT_ADDR}"
: "${VAULT_ROLE_ID:?missing environment variable VAULT_ROLE_ID}"
: "${VAULT_SECRET_ID:?missing environment variable VAULT_SECRET_ID}"

# json_field NAME JQ_PATH: print one string field of the JSON on stdin (jq when present).
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

# read_secret PATH: the JSON answer for secret/PATH (KV version 2: secret/data/PATH over HTTP).
read_secret() {
  printf 'X-Vault-Token: %s\n' "$token" | curl -sS --fail-with-body -H @- "$VAULT_ADDR/v1/secret/data/$1"
}

database=$(read_secret mini/database)
api=$(read_secret mini/api)
tls=$(read_secret mini/tls)
database_url=$(printf '%s' "$database" | json_field url .data.data.url)
api_key=$(printf '%s' "$api" | json_field key .data.data.key)
certificate=$(printf '%s' "$tls" | json_field certificate .data.data.certificate)
[ -n "$database_url" ] && [ -n "$api_key" ] && [ -n "$certificate" ] || { echo "a secret is missing a key" >&2; exit 1; }

# Log what helps an operator, never a value.
echo "database url: ${#database_url} characters"
echo "api key: ${#api_key} characters"
echo "tls certificate: ${#certificate} characters"
echo "ready"
