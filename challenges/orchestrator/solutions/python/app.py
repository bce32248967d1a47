"""Unwrap a response-wrapped secret_id, log in with AppRole, read the API key (challenge: orchestrator)."""
import os
import sys

import hvac


def require_env(name):
    """Fail fast, with a clear message, when a variable is missing."""
    value = os.environ.get(name)
    if not value:
        sys.exit(f"missing environment variable {name}")
    return value


def unwrap_secret_id(url, path):
    """The file holds a single-use wrapping token; unwrapping it once reveals the secret_id."""
    with open(path, encoding="utf-8") as file:
        wrapping_token = file.read().strip()
    # The wrapping token is the client token of this one call: POST sys/wrapping/unwrap.
    unwrapped = hvac.Client(url=url, token=wrapping_token).sys.unwrap()
    return unwrapped["data"]["secret_id"]


def main():
    url = require_env("VAULT_ADDR")
    secret_id = unwrap_secret_id(url, require_env("VAULT_WRAPPED_SECRET_ID_FILE"))
    client = hvac.Client(url=url)
    client.auth.approle.login(role_id=require_env("VAULT_ROLE_ID"), secret_id=secret_id)
    secret = client.secrets.kv.v2.read_secret_version(path="orchestrator/api", mount_point="secret", raise_on_deleted_version=True)
    key = secret["data"]["data"]["key"]
    # A real app would call its API with the key here. Log what helps, never the value itself.
    print(f"read the API key (version {secret['data']['metadata']['version']}, {len(key)} characters)")


if __name__ == "__main__":
    main()
