"""Log in to Vault with AppRole and read the database password (challenge: approle)."""
import os
import sys

import hvac


def require_env(name):
    """Fail fast, with a clear message, when a variable is missing."""
    value = os.environ.get(name)
    if not value:
        sys.exit(f"missing environment variable {name}")
    return value


def main():
    client = hvac.Client(url=require_env("VAULT_ADDR"))
    client.auth.approle.login(
        role_id=require_env("VAULT_ROLE_ID"),
        secret_id=require_env("VAULT_SECRET_ID"),
    )
    secret = client.secrets.kv.v2.read_secret_version(
        path="database/backend", mount_point="secret", raise_on_deleted_version=True
    )
    password = secret["data"]["data"]["password"]
    version = secret["data"]["metadata"]["version"]
    # A real app would connect to its database here. Log what helps, never the value itself.
    print(f"read the database password (version {version}, {len(password)} characters)")


if __name__ == "__main__":
    main()
