"""Challenge workload-identity: JWT auth that admits exactly one CI job — the main branch's deploy
job of acme/payments in environment production — to the production secret.

Run it against a fresh Vault with:  secrets-workbook grade workload-identity
"""
import os
import sys

import hvac  # pip install hvac

POLICY = """
path "secret/data/production/database" {
  capabilities = ["read"]
}
"""


def require_env(name):
    value = os.environ.get(name)
    if not value:
        sys.exit(f"missing environment variable {name}")
    return value


def main():
    client = hvac.Client(url=require_env("VAULT_ADDR"), token=require_env("VAULT_TOKEN"))
    with open(require_env("CI_OIDC_PUBLIC_KEY_FILE")) as key_file:
        public_key = key_file.read()

    if "jwt/" not in client.sys.list_auth_methods()["data"]:
        client.sys.enable_auth_method("jwt")
    # Whose tokens to trust: the CI provider's key and issuer, nothing else.
    client.auth.jwt.configure(jwt_validation_pubkeys=[public_key], bound_issuer=require_env("CI_OIDC_ISSUER"))
    client.sys.create_or_update_acl_policy(name="production-read", policy=POLICY)
    # Which job: exact repository, branch and environment, for this Vault's audience.
    client.auth.jwt.create_role(
        name="deploy-production",
        role_type="jwt",
        user_claim="sub",
        allowed_redirect_uris=[],
        bound_audiences=[require_env("CI_OIDC_AUDIENCE")],
        bound_claims={"repository": "acme/payments", "ref": "refs/heads/main", "environment": "production"},
        token_policies=["production-read"],
        token_ttl="10m",
        token_max_ttl="15m",
    )
    print("JWT auth configured: role deploy-production admits acme/payments@refs/heads/main in production")


if __name__ == "__main__":
    main()
