# Vault Agent next to the app (challenge: vault-agent). It runs in a folder holding the files
# role-id and secret-id, with VAULT_ADDR set: no address and no token belong in this file.

auto_auth {
  method "approle" {
    config = {
      role_id_file_path   = "role-id"
      secret_id_file_path = "secret-id"
      # TODO: what happens to the secret-id file once Agent has read it? Say it.
    }
  }
}

# TODO: how often does Agent re-read a KV secret? (template_config)

template {
  destination = "database-url"
  perms       = "0600"
  # TODO: render the url field of secret/data/agent/database (the KV v2 API path), alone.
  contents    = "{{/* TODO */}}"
}
