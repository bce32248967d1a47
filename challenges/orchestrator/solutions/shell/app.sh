#!/bin/sh
# Unwrap a response-wrapped secret_id, log in with AppRole, read the API key (challenge: orchestrator),
# with curl. Tokens and the secret_id go to curl on stdin, never on its command line, where `ps`
# would show them.
set -eu
: "${VAULT_ADDR:?missing environment variable VAULT_ADDR}"
: "${VAULT_ROLE_ID:?missing environment variable VAULT_ROLE_ID}"
: "${VAULT_WRAPPED_SECRET_ID_FILE:?missing environment variable VAULT_WRAPPED_SECRET_ID_FILE}"

# json_field FIELD JQ_PATH: a string field of the JSON on stdin (jq when present).
json_field() {
  if command -v jq >/dev/null 2>&1; then
    jq -r "$2"
  else
    sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"
  fi
}

# The file holds a single-use wrapping token; unwrapping it once reveals the secret_id.
wrapping_token=$(tr -d ' \r\n' < "$VAULT_WRAPPED_SECRET_ID_FILE")
unwrapped=$(printf 'X-Vault-Token: %s\n' "$wrapping_token" |
  curl -sS --fail-with-body -X POST -H @- "$VAULT_ADDR/v1/sys/wrapping/unwrap")
secret_id=$(printf '%s' "$unwrapped" | json_field secret_id .data.secret_id)
[ -n "$secret_id" ] || { echo "the unwrapped answer has no secret_id" >&2; exit 1; }

login=$(printf '{"role_id":"%s","secret_id":"%s"}' "$VAULT_ROLE_ID" "$secret_id" |
  curl -sS --fail-with-body -X POST --data-binary @- "$VAULT_ADDR/v1/auth/approle/login")
token=$(printf '%s' "$login" | json_field client_token .auth.client_token)
[ -n "$token" ] || { echo "approle login returned no token" >&2; exit 1; }

# secret/ is KV version 2: the data lives under secret/data/<path>.
secret=$(printf 'X-Vault-Token: %s\n' "$token" |
  curl -sS --fail-with-body -H @- "$VAULT_ADDR/v1/secret/data/orchestrator/api")
key=$(printf '%s' "$secret" | json_field key .data.data.key)
[ -n "$key" ] || { echo "secret/orchestrator/api has no key" >&2; exit 1; }

# A real app would call its API with the key here. Log what helps, never the value itself.
echo "read the API key (${#key} characters)"
