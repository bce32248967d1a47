"""Log scrubbing: log which secrets were loaded and every request, without ever logging a value.

Startup: one line per secret value, `loaded <path>#<key> version=<v> fingerprint=<12 hex>`.
Then a request line every 0.2 s, `request <n> …`, until stopped. Every line goes through a
redactor first: the safety net for the day someone logs more than they meant to.
"""
import base64
import hashlib
import json
import os
import sys
import time
from urllib.parse import quote, quote_plus

import hvac

# The secrets this service uses, and the keys it reads from each (KV v2 at secret/).
SECRETS = {
    "logs/database": ["password"],
    "logs/partner": ["access_token", "refresh_token"],
    "logs/tls": ["certificate", "private_key"],
}
# A certificate is public: it is fingerprinted like the rest, but need not be redacted.
PUBLIC = {"logs/tls#certificate"}


def require_env(name):
    """Fail fast, with a clear message, when a variable is missing."""
    value = os.environ.get(name)
    if not value:
        sys.exit(f"missing environment variable {name}")
    return value


class Redactor:
    """Replaces every known secret value, in each form it takes in a log line, by [REDACTED].

    Values are replaced literally (never used as a regex: they are full of metacharacters),
    longest first (so a value that starts with another is not half-replaced), also percent-encoded
    (in a URL), JSON-escaped and base64-encoded, and each long line of a multi-line value (a PEM
    key) on its own.
    """

    def __init__(self):
        self.forms = []

    def add(self, value):
        forms = {value, value.strip(), quote(value, safe=""), quote_plus(value), json.dumps(value)[1:-1]}
        forms.add(base64.b64encode(value.encode()).decode())
        forms.update(line.strip() for line in value.splitlines() if len(line.strip()) >= 16)
        self.forms = sorted(set(self.forms) | {form for form in forms if form}, key=len, reverse=True)

    def __call__(self, text):
        for form in self.forms:
            text = text.replace(form, "[REDACTED]")
        return text


redact = Redactor()


def log(message):
    print(redact(message), flush=True)


def fingerprint(value):
    """First 12 hex digits of SHA-256 over the value exactly as read: identifies it, reveals nothing."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]


def main():
    client = hvac.Client(url=require_env("VAULT_ADDR"))
    client.auth.approle.login(role_id=require_env("VAULT_ROLE_ID"), secret_id=require_env("VAULT_SECRET_ID"))

    values = {}
    versions = {}
    for path, keys in SECRETS.items():
        response = client.secrets.kv.v2.read_secret_version(path=path, mount_point="secret", raise_on_deleted_version=True)
        for key in keys:
            name = f"{path}#{key}"
            values[name] = response["data"]["data"][key]
            versions[name] = response["data"]["metadata"]["version"]
            if name not in PUBLIC:
                redact.add(values[name])

    for name, value in values.items():
        log(f"loaded {name} version={versions[name]} fingerprint={fingerprint(value)}")

    # The service's work: calls to a partner API (not really sent here), logged with their URL.
    access_token = values["logs/partner#access_token"]
    number = 0
    while True:
        number += 1
        url = f"https://partner.example/v1/orders?page={number}&access_token={quote(access_token, safe='')}"
        log(f"request {number} GET {url} status=200")
        time.sleep(0.2)


if __name__ == "__main__":
    main()
