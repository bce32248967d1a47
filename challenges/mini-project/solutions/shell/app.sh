#!/bin/sh
# Mini project, part 2, with curl, jq and openssl: log in with AppRole, retrieve all three secrets
# at startup, then serve HTTPS with the certificate and key from Vault (openssl s_server).
# Credentials and tokens go to curl on stdin, never on its command line, where `ps` would show them;
# the key reaches openssl through a here-document on a file descriptor, never a file on disk.
set -eu
: "${VAULT_ADDR:?missing environment variable VAULT_ADDR}"
: "${VAULT_ROLE_ID:?missing environment variable VAULT_ROLE_ID}"
: "${VAULT_SECRET_ID:?missing environment variable VAULT_SECRET_ID}"
: "${PORT:?missing environment variable PORT}"

login=$(printf '{"role_id":"%s","secret_id":"%s"}' "$VAULT_ROLE_ID" "$VAULT_SECRET_ID" |
  curl -sS --fail-with-body -X POST --data-binary @- "$VAULT_ADDR/v1/auth/approle/login")
token=$(printf '%s' "$login" | jq -r .auth.client_token)

# read_secret PATH KEY: one field of secret/PATH (KV version 2: secret/data/PATH over HTTP).
read_secret() {
  printf 'X-Vault-Token: %s\n' "$token" |
    curl -sS --fail-with-body -H @- "$VAULT_ADDR/v1/secret/data/$1" | jq -er ".data.data.$2"
}

database_url=$(read_secret mini/database url)
api_key=$(read_secret mini/api key)
certificate=$(read_secret mini/tls certificate)
private_key=$(read_secret mini/tls private_key)

# Log what helps an operator, never a value: a host, a length, a fingerprint.
host=${database_url#*@}
echo "database host: ${host%%[:/]*}"
echo "api key: ${#api_key} characters"
printf '%s\n' "$certificate" | openssl x509 -noout -fingerprint -sha256
echo "serving https://127.0.0.1:$PORT/"

# -www answers GET / with a status page; -quiet keeps its session details out of the output.
exec 3<<CERTIFICATE
$certificate
CERTIFICATE
exec 4<<KEY
$private_key
KEY
exec openssl s_server -quiet -accept "127.0.0.1:$PORT" -cert /dev/fd/3 -key /dev/fd/4 -www
