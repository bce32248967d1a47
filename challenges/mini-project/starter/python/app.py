"""Mini project, part 2: an API that gets all three of its secrets from Vault at startup, then
serves HTTPS with the certificate.

Grade both parts with:  secrets-workbook grade mini-project
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
    port = int(require_env("PORT"))

    # TODO (check `login`): log in with AppRole using role_id and secret_id.
    # TODO (check `read-database-url`): read secret/mini/database and take `url`.
    # TODO (check `read-api-key`): read secret/mini/api and take `key`.
    # TODO (check `read-tls`): read secret/mini/tls and take `certificate` and `private_key`.
    # TODO (check `serves-tls`): serve HTTPS on 127.0.0.1:port with that certificate and key, and keep running.
    # Keep the values in memory and use them; log what is safe (a host, a fingerprint, a length).
    del client, role_id, secret_id, port
    print("not done yet: log in, read the database URL, the API key and the TLS certificate, then serve HTTPS")


if __name__ == "__main__":
    main()
