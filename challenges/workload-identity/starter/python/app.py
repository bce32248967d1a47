"""Challenge workload-identity: configure JWT auth so that only the main branch's deploy job of
acme/payments, in environment production, can read secret/production/database — with nothing but
the OIDC token its CI provider gives it.

Run it against a fresh Vault with:  secrets-workbook grade workload-identity
"""
import os
import sys

import hvac  # pip install hvac


def require_env(name):
    """Fail fast, with a clear message, when a variable is missing."""
    value = os.environ.get(name)
    if not value:
        sys.exit(f"missing environment variable {name}")
    return value


def main():
    client = hvac.Client(url=require_env("VAULT_ADDR"), token=require_env("VAULT_TOKEN"))
    with open(require_env("CI_OIDC_PUBLIC_KEY_FILE")) as key_file:
        public_key = key_file.read()
    issuer, audience = require_env("CI_OIDC_ISSUER"), require_env("CI_OIDC_AUDIENCE")

    # TODO 1: enable the jwt auth method at auth/jwt.
    # TODO 2: configure it with the CI provider's public key and issuer.
    # TODO 3 (check `least-privilege`): policy production-read: read on secret/data/production/database only.
    # TODO 4 (check `main-deploy-gets-in` and the `…-refused` checks): role deploy-production,
    # role_type jwt, bound to the audience and to the repository, ref and environment claims.
    del client, public_key, issuer, audience
    print("not done yet: configure JWT auth for the deploy job")


if __name__ == "__main__":
    main()
