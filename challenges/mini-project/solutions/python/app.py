"""Mini project: log in with AppRole and retrieve all three secrets at startup."""
import hashlib
import os
import ssl
import sys
from urllib.parse import urlsplit

import hvac


def require_env(name):
    """Fail fast, with a clear message, when a variable is missing."""
    value = os.environ.get(name)
    if not value:
        sys.exit(f"missing environment variable {name}")
    return value


def read_secret(client, path):
    """The key/value data of a KV version 2 secret under secret/."""
    response = client.secrets.kv.v2.read_secret_version(
        path=path, mount_point="secret", raise_on_deleted_version=True
    )
    return response["data"]["data"]


def main():
    client = hvac.Client(url=require_env("VAULT_ADDR"))
    client.auth.approle.login(
        role_id=require_env("VAULT_ROLE_ID"),
        secret_id=require_env("VAULT_SECRET_ID"),
    )

    database_url = read_secret(client, "mini/database")["url"]
    api_key = read_secret(client, "mini/api")["key"]
    tls = read_secret(client, "mini/tls")
    certificate, private_key = tls["certificate"], tls["private_key"]
    if "PRIVATE KEY" not in private_key:
        sys.exit("secret/mini/tls holds no PEM private key")

    # Log what helps an operator, never a value: a host, a length, a fingerprint.
    fingerprint = hashlib.sha256(ssl.PEM_cert_to_DER_cert(certificate)).hexdigest()
    print(f"database host: {urlsplit(database_url).hostname}")
    print(f"api key: {len(api_key)} characters")
    print(f"tls certificate sha256: {fingerprint}")
    print("ready")


if __name__ == "__main__":
    main()
