"""Challenge rotation: keep working while the database password rotates and the token expires.

Run it against a fresh Vault with:  secrets-workbook grade rotation
This is a long-running app: it never exits on its own (Ctrl-C stops it).
"""
import os
import sys
import time

import hvac  # pip install hvac


def require_env(name):
    """Fail fast, with a clear message, when a variable is missing."""
    value = os.environ.get(name)
    if not value:
        sys.exit(f"missing environment variable {name}")
    return value


def main():
    client = hvac.Client(url=require_env("VAULT_ADDR"))
    # The token lives 3 s (token_ttl) and at most 6 s (token_max_ttl): this login will not last.
    client.auth.approle.login(role_id=require_env("VAULT_ROLE_ID"), secret_id=require_env("VAULT_SECRET_ID"))
    secret = client.secrets.kv.v2.read_secret_version(path="rotation/database", mount_point="secret", raise_on_deleted_version=True)
    password = secret["data"]["data"]["password"]
    print(f"using database password version {secret['data']['metadata']['version']} ({len(password)} characters)")

    while True:
        # TODO 1 (check `read-rotated`): re-read secret/rotation/database at least every 2 s and
        #         switch to the new password when data.metadata.version changes.
        # TODO 2 (check `token-renewed`): renew the token (client.auth.token.renew_self()) or log in
        #         again before it expires, and when Vault answers 403 (hvac.exceptions.Forbidden)
        #         log in again and retry (check `expired-token-recovered`).
        time.sleep(1)


if __name__ == "__main__":
    main()
