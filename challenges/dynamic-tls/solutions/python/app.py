"""Serve HTTPS with a short-lived certificate from Vault's PKI engine (challenge: dynamic-tls)."""
import os
import ssl
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import hvac


def require_env(name):
    """Fail fast, with a clear message, when a variable is missing."""
    value = os.environ.get(name)
    if not value:
        sys.exit(f"missing environment variable {name}")
    return value


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"hello over TLS\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass  # no access log needed here


def issue(client, context, folder):
    """A new certificate from the role, loaded into the server's TLS context; returns its expiration."""
    issued = client.secrets.pki.generate_certificate(name="web", common_name="localhost", mount_point="pki")["data"]
    cert_file = os.path.join(folder, "cert.pem")
    key_file = os.path.join(folder, "key.pem")
    with open(cert_file, "w") as out:
        out.write(issued["certificate"] + "\n" + issued["issuing_ca"] + "\n")
    # The private key is the secret: a file only this user can read, in a folder only this user can open.
    with open(os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as out:
        out.write(issued["private_key"] + "\n")
    context.load_cert_chain(cert_file, key_file)  # new handshakes use the new pair
    print(f"serving certificate {issued['serial_number']}, expires at {issued['expiration']}", flush=True)
    return issued["expiration"]


def main():
    client = hvac.Client(url=require_env("VAULT_ADDR"))
    client.auth.approle.login(role_id=require_env("VAULT_ROLE_ID"), secret_id=require_env("VAULT_SECRET_ID"))
    secret = client.secrets.kv.v2.read_secret_version(path="dynamic-tls/database", mount_point="secret", raise_on_deleted_version=True)
    password = secret["data"]["data"]["password"]
    print(f"database password loaded ({len(password)} characters)", flush=True)

    folder = tempfile.mkdtemp(prefix="tls-")  # 0700
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    expiration = issue(client, context, folder)

    server = ThreadingHTTPServer(("127.0.0.1", int(require_env("PORT"))), Hello)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    while True:
        # Issue again once two thirds of the lifetime have passed.
        time.sleep(max(1, (expiration - time.time()) * 2 / 3))
        expiration = issue(client, context, folder)


if __name__ == "__main__":
    main()
