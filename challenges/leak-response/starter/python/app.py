"""Challenge leak-response: a payments key stored in Vault was committed to a repository.
Answer the leak: rotate the key in Vault, then remove it from history, then install the hook.

Run it against a fresh Vault and a fresh leak with:  secrets-workbook grade leak-response
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
    client = hvac.Client(url=require_env("VAULT_ADDR"), token=require_env("VAULT_TOKEN"))
    repo = require_env("LEAK_REPO")

    # TODO 1 (checks `rotated`, `leaked-version-destroyed`): read secret/leak/payments (KV version 2),
    # keep the leaked api_key in memory, write a new generated one, destroy the leaked version.
    # TODO 2 (checks `rotated-first`, `history-clean`, `objects-clean`): only then remove the key
    # from every commit of the repository in LEAK_REPO with git filter-repo.
    # TODO 3 (check `hook-installed`): run `secrets-workbook hook install` in the repository.
    # Never print a key, the old one or the new one.
    del client, repo
    print("not done yet: rotate the key, clean the history, install the hook")


if __name__ == "__main__":
    main()
