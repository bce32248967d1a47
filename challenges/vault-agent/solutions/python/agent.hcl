# Vault Agent next to the app (challenge: vault-agent). It runs in a folder holding the files
# role-id and secret-id, with VAULT_ADDR set: no address and no token belong in this file.

# Log in with AppRole; renew the token, and log in again when it cannot be renewed: Agent's job.
auto_auth {
  method "approle" {
    config = {
      role_id_file_path                   = "role-id"
      secret_id_file_path                 = "secret-id"
      # The default, said out loud: the secret_id stays in Agent's memory, the file goes.
      remove_secret_id_file_after_reading = true
    }
  }
}

# A KV secret has no lease to watch: Agent re-reads it on this interval (5 minutes by default).
template_config {
  static_secret_render_interval = "1s"
}

# The database URL alone, in a file only this user can read; rendered again when it changes.
template {
  destination = "database-url"
  perms       = "0600"
  contents    = "{{ with secret \"secret/data/agent/database\" }}{{ .Data.data.url }}{{ end }}"
}
