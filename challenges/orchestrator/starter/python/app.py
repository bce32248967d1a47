"""Challenge orchestrator: unwrap a response-wrapped secret_id, log in with AppRole, read the API key.

Run it against a fresh Vault with:  secrets-workbook grade orchestrator
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
    # There is no VAULT_SECRET_ID: this file holds a single-use wrapping token (30 s TTL).
    with open(require_env("VAULT_WRAPPED_SECRET_ID_FILE"), encoding="utf-8") as file:
        wrapping_token = file.read().strip()

    # TODO 1 (check `unwrap`): unwrap the wrapping token, once (POST sys/wrapping/unwrap); the
    #         answer's data.secret_id is the secret_id.
    # TODO 2 (check `login`): log in with AppRole using role_id and that secret_id.
    # TODO 3 (check `read-api-key`): read secret/orchestrator/api (KV version 2) and take `key`.
    # Use it, but never print it (nor the wrapping token, nor the secret_id).
    del client, role_id, wrapping_token
    print("not done yet: unwrap the secret_id, log in and read the API key")


if __name__ == "__main__":
    main()
