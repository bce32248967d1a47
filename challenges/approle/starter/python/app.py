"""Challenge approle: log in to Vault with AppRole and read the database password.

Run it against a fresh Vault with:  secrets-workbook grade approle
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

    # TODO 1 (check `login`): log in with AppRole using role_id and secret_id.
    # TODO 2 (check `read-password`): read secret/database/backend (KV version 2) and take `password`.
    # Use it, but never print it.
    del client, role_id, secret_id
    print("not done yet: log in with AppRole and read the database password")


if __name__ == "__main__":
    main()
