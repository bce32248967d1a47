"""Challenge leak-response: answer a leaked key — rotate it in Vault, then remove it from the
repository's history, then install the pre-commit hook.

Run it against a fresh Vault and a fresh leak with:  secrets-workbook grade leak-response
"""
import os
import secrets
import subprocess
import sys
import tempfile

import hvac  # pip install hvac

MOUNT = "secret"
PATH = "leak/payments"


def require_env(name):
    value = os.environ.get(name)
    if not value:
        sys.exit(f"missing environment variable {name}")
    return value


def rotate(client):
    """Write a new generated key, then destroy the leaked version. Returns the leaked value."""
    kv = client.secrets.kv.v2
    current = kv.read_secret_version(path=PATH, mount_point=MOUNT, raise_on_deleted_version=True)
    leaked = current["data"]["data"]["api_key"]
    leaked_version = current["data"]["metadata"]["version"]
    kv.create_or_update_secret(path=PATH, secret={"api_key": "pay_" + secrets.token_hex(24)}, mount_point=MOUNT)
    # A new version leaves the old one readable: destroy it (delete could be undone).
    kv.destroy_secret_versions(path=PATH, versions=[leaked_version], mount_point=MOUNT)
    print(f"rotated {MOUNT}/{PATH}: version {leaked_version} destroyed")
    return leaked


def rewrite_history(repo, leaked):
    """Replace the key in every blob of every commit reachable from any ref."""
    with tempfile.TemporaryDirectory() as work:
        replacements = os.path.join(work, "replacements")
        with open(os.open(replacements, os.O_WRONLY | os.O_CREAT, 0o600), "w") as file:
            file.write(f"literal:{leaked}==>***REMOVED***\n")
        # --force: a working clone, not a fresh one. Its output names no values.
        subprocess.run(
            ["git", "filter-repo", "--force", "--replace-text", replacements],
            cwd=repo, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    print("history rewritten")


def main():
    client = hvac.Client(url=require_env("VAULT_ADDR"), token=require_env("VAULT_TOKEN"))
    repo = require_env("LEAK_REPO")
    leaked = rotate(client)  # 1. rotate first
    rewrite_history(repo, leaked)  # 2. then clean the history
    subprocess.run(["secrets-workbook", "hook", "install"], cwd=repo, check=True)  # 3. then the hook


if __name__ == "__main__":
    main()
