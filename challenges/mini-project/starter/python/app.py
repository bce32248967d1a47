"""Mini project: an API that gets all three of its secrets from Vault at startup.

Run it against a fresh Vault with:  secrets-workbook grade mini-project
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
    client = hvac.Client(url=require_env("VAULT_ADDR"))
    role_id = require_env("VAULT_ROLE_ID")
    secret_id = require_env("VAULT_SECRET_ID")

    # TODO (check `login`): log in with AppRole using role_id and secret_id.
    # TODO (check `read-database-url`): read secret/mini/database and take `url`.
    # TODO (check `read-api-key`): read secret/mini/api and take `key`.
    # TODO (check `read-tls`): read secret/mini/tls and take `certificate` and `private_key`.
    # Keep the values in memory and use them; log what is safe (a host, a fingerprint, a length).
    del client, role_id, secret_id
    print("not done yet: log in, then read the database URL, the API key and the TLS certificate")


if __name__ == "__main__":
    main()
