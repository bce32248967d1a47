"""Log scrubbing: log which secrets were loaded and every request, without ever logging a value.

Run it against a fresh Vault with:  secrets-workbook grade log-scrubbing
"""
import os
import sys
import time
from urllib.parse import quote

import hvac  # pip install hvac

# The secrets this service uses, and the keys it reads from each (KV v2 at secret/).
SECRETS = {
    "logs/database": ["password"],
    "logs/partner": ["access_token", "refresh_token"],
    "logs/tls": ["certificate", "private_key"],
}


def require_env(name):
    """Fail fast, with a clear message, when a variable is missing."""
    value = os.environ.get(name)
    if not value:
        sys.exit(f"missing environment variable {name}")
    return value


def redact(text, values):
    """Replaces each secret value by [REDACTED] — a first attempt.

    TODO (check `no-leak`): the grader's values defeat it. A value may appear percent-encoded in a
    URL, one value starts with another, and a PEM key spans several lines.
    """
    for value in values:
        text = text.replace(value, "[REDACTED]")
    return text


def main():
    client = hvac.Client(url=require_env("VAULT_ADDR"))
    client.auth.approle.login(role_id=require_env("VAULT_ROLE_ID"), secret_id=require_env("VAULT_SECRET_ID"))

    values = {}
    for path, keys in SECRETS.items():
        response = client.secrets.kv.v2.read_secret_version(path=path, mount_point="secret", raise_on_deleted_version=True)
        for key in keys:
            values[f"{path}#{key}"] = response["data"]["data"][key]

    def log(message):
        print(redact(message, values.values()), flush=True)

    for name in values:
        # TODO (check `startup-lines`): add version=<the version read> fingerprint=<first 12 hex
        # digits of the SHA-256 of the value>.
        log(f"loaded {name}")

    # The service's work: calls to a partner API (not really sent here), logged in full.
    access_token = values["logs/partner#access_token"]
    refresh_token = values["logs/partner#refresh_token"]
    number = 0
    while True:
        number += 1
        if number % 3 == 0:
            log(f"request {number} POST https://partner.example/oauth/token refresh_token={refresh_token} status=200")
        else:
            log(f"request {number} GET https://partner.example/v1/orders?access_token={quote(access_token, safe='')} status=200")
        time.sleep(0.2)


if __name__ == "__main__":
    main()
