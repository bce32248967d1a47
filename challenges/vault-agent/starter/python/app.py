"""Use the database URL that Vault Agent renders (challenge: vault-agent).

The app never talks to Vault: Agent logs in, keeps its token alive and writes the URL into the
file named by DATABASE_URL_FILE.
"""
import hashlib
import os
import sys
import time


def fingerprint(value):
    """Something to log that identifies the URL without revealing it."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]


def main():
    path = os.environ.get("DATABASE_URL_FILE")
    if not path:
        sys.exit("missing environment variable DATABASE_URL_FILE")
    url = ""
    while not url:
        try:
            with open(path, encoding="utf-8") as file:
                url = file.read().strip()
        except FileNotFoundError:
            pass
        time.sleep(1)
    print(f"database url fingerprint={fingerprint(url)}", flush=True)
    # TODO: Agent renders the file again when the secret rotates. Follow it.
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main()
