#!/bin/sh
# Workload identity (challenge: workload-identity): JWT auth that admits exactly one CI job — the
# main branch's deploy job of acme/payments in environment production — to the production secret.
# Needs VAULT_ADDR, VAULT_TOKEN, CI_OIDC_ISSUER, CI_OIDC_AUDIENCE, CI_OIDC_PUBLIC_KEY_FILE and the
# vault CLI (or OpenBao's bao).
set -eu
: "${VAULT_ADDR:?}" "${VAULT_TOKEN:?}" "${CI_OIDC_ISSUER:?}" "${CI_OIDC_AUDIENCE:?}" "${CI_OIDC_PUBLIC_KEY_FILE:?}"
if command -v vault >/dev/null 2>&1; then vault=vault
elif command -v bao >/dev/null 2>&1; then vault=bao
else echo "workload-identity: needs the vault CLI (or OpenBao's bao) on PATH" >&2; exit 1
fi

# 1. The auth method, unless it is there already.
"$vault" auth list | grep -q '^jwt/' || "$vault" auth enable jwt

# 2. Whose tokens to trust: the CI provider's key and issuer, nothing else.
"$vault" write auth/jwt/config jwt_validation_pubkeys=@"$CI_OIDC_PUBLIC_KEY_FILE" bound_issuer="$CI_OIDC_ISSUER" >/dev/null

# 3. What the job may do: read the one production secret.
"$vault" policy write production-read - >/dev/null <<'HCL'
path "secret/data/production/database" {
  capabilities = ["read"]
}
HCL

# 4. Which job: exact repository, branch and environment, for this Vault's audience; short-lived tokens.
"$vault" write auth/jwt/role/deploy-production - >/dev/null <<JSON
{
  "role_type": "jwt",
  "user_claim": "sub",
  "bound_audiences": ["$CI_OIDC_AUDIENCE"],
  "bound_claims": {"repository": "acme/payments", "ref": "refs/heads/main", "environment": "production"},
  "token_policies": ["production-read"],
  "token_ttl": "10m",
  "token_max_ttl": "15m"
}
JSON
echo "JWT auth configured: role deploy-production admits acme/payments@refs/heads/main in production"
