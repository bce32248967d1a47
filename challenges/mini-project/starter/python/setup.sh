#!/bin/sh
# Mini project, part 1: configure a Vault for the mini-app. The grader runs this against a fresh
# Vault with VAULT_ADDR and VAULT_TOKEN set (a token that may do what the task needs, no more);
# run it yourself against your playground, the `secrets-workbook vault up` lines pasted.
set -eu
: "${VAULT_ADDR:?set VAULT_ADDR (secrets-workbook vault up prints it)}"
: "${VAULT_TOKEN:?set VAULT_TOKEN}"

# TODO (check `enable-approle`): enable the AppRole auth method (and do not fail if it is enabled already).
# TODO (check `store-database-url`): store url at secret/mini/database, its password generated in the command.
# TODO (check `store-api-key`): store key at secret/mini/api, generated.
# TODO (check `store-tls`): make a certificate for api.mini.internal and store it with its key at secret/mini/tls.
# TODO (check `write-policy`): write the policy mini-app: read on the three secrets, nothing else.
# TODO (check `create-role`): create the role mini-app with that policy only and limits on its TTLs.
# Print what you did, never a value.
echo "setup: not done yet"
