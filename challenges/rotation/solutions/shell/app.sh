#!/bin/sh
# Keep working while the database password rotates and the token expires (challenge: rotation),
# with curl. Credentials and tokens go to curl on stdin, never on its command line, where `ps`
# would show them. This one logs in again instead of renewing: simpler, and just as valid.
set -eu
: "${VAULT_ADDR:?missing environment variable VAULT_ADDR}"
: "${VAULT_ROLE_ID:?missing environment variable VAULT_ROLE_ID}"
: "${VAULT_SECRET_ID:?missing environment variable VAULT_SECRET_ID}"

# json_field FIELD JQ_PATH: a string field of the JSON on stdin (jq when present).
json_field() {
  if command -v jq >/dev/null 2>&1; then
    jq -r "$2"
  else
    sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"
  fi
}

# json_number FIELD JQ_PATH: a number field (without jq: its last occurrence, which is the one we want).
json_number() {
  if command -v jq >/dev/null 2>&1; then
    jq -r "$2"
  else
    sed -n "s/.*\"$1\":\\([0-9][0-9]*\\).*/\\1/p"
  fi
}

login() {
  reply=$(printf '{"role_id":"%s","secret_id":"%s"}' "$VAULT_ROLE_ID" "$VAULT_SECRET_ID" |
    curl -sS --fail-with-body -X POST --data-binary @- "$VAULT_ADDR/v1/auth/approle/login")
  token=$(printf '%s' "$reply" | json_field client_token .auth.client_token)
  [ -n "$token" ] || { echo "approle login returned no token" >&2; exit 1; }
  lease=$(printf '%s' "$reply" | json_number lease_duration .auth.lease_duration)
  # Log in again once two thirds of the lease have passed, well before it runs out.
  relogin_at=$(( $(date +%s) + lease * 2 / 3 ))
}

# read_secret: sets $status and $body. secret/ is KV version 2: the data is under secret/data/<path>.
read_secret() {
  reply=$(printf 'X-Vault-Token: %s\n' "$token" |
    curl -sS -H @- -w '\n%{http_code}' "$VAULT_ADDR/v1/secret/data/rotation/database")
  status=$(printf '%s\n' "$reply" | tail -n 1)
  body=$(printf '%s\n' "$reply" | sed '$d')
}

login
version=""
while :; do
  [ "$(date +%s)" -lt "$relogin_at" ] || login
  read_secret
  if [ "$status" = 403 ]; then
    # Expired or revoked behind our back (a paused machine, an operator): log in, retry once.
    login
    read_secret
  fi
  [ "$status" = 200 ] || { echo "reading the password: HTTP $status" >&2; exit 1; }
  current=$(printf '%s' "$body" | json_number version .data.metadata.version)
  if [ "$current" != "$version" ]; then
    version=$current
    password=$(printf '%s' "$body" | json_field password .data.data.password)
    # A real app would reconnect to its database here. Log the version, never the value.
    echo "using database password version $version (${#password} characters)"
  fi
  sleep 1
done
