"""Mini project, part 2: log in with AppRole, retrieve all three secrets at startup, then serve
HTTPS with the certificate and key from Vault."""
import hashlib
import http.server
import os
import ssl
import sys
import tempfile
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


def tls_context(certificate, private_key):
    """Python's ssl loads a certificate only from files: write both, readable by us only, into a
    private temporary folder, load them, and delete the folder at once."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with tempfile.TemporaryDirectory() as folder:  # mode 0700, removed on leaving the block
        paths = {}
        for name, text in (("cert.pem", certificate), ("key.pem", private_key)):
            paths[name] = os.path.join(folder, name)
            descriptor = os.open(paths[name], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as file:
                file.write(text)
        # Raises if the key does not belong to the certificate.
        context.load_cert_chain(paths["cert.pem"], paths["key.pem"])
    return context


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the name http.server calls)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"ok\n")


def main():
    port = int(require_env("PORT"))
    client = hvac.Client(url=require_env("VAULT_ADDR"))
    client.auth.approle.login(
        role_id=require_env("VAULT_ROLE_ID"),
        secret_id=require_env("VAULT_SECRET_ID"),
    )

    database_url = read_secret(client, "mini/database")["url"]
    api_key = read_secret(client, "mini/api")["key"]
    tls = read_secret(client, "mini/tls")

    # Log what helps an operator, never a value: a host, a length, a fingerprint.
    fingerprint = hashlib.sha256(ssl.PEM_cert_to_DER_cert(tls["certificate"])).hexdigest()
    print(f"database host: {urlsplit(database_url).hostname}")
    print(f"api key: {len(api_key)} characters")
    print(f"tls certificate sha256: {fingerprint}")

    server = http.server.HTTPServer(("127.0.0.1", port), Health)
    server.socket = tls_context(tls["certificate"], tls["private_key"]).wrap_socket(
        server.socket, server_side=True
    )
    print(f"serving https://127.0.0.1:{port}/")
    server.serve_forever()


if __name__ == "__main__":
    main()
