// Challenge approle: log in to Vault with AppRole and read the database password.
// Run it against a fresh Vault with:  secrets-workbook grade approle
package main

import (
	"fmt"
	"log"
	"os"

	vault "github.com/hashicorp/vault/api"
)

func requireEnv(name string) string {
	value := os.Getenv(name)
	if value == "" {
		log.Fatalf("missing environment variable %s", name)
	}
	return value
}

func main() {
	config := vault.DefaultConfig()
	config.Address = requireEnv("VAULT_ADDR")
	client, err := vault.NewClient(config)
	if err != nil {
		log.Fatalf("vault client: %v", err)
	}
	roleID := requireEnv("VAULT_ROLE_ID")
	secretID := requireEnv("VAULT_SECRET_ID")

	// TODO 1 (check `login`): log in with AppRole using roleID and secretID.
	// TODO 2 (check `read-password`): read secret/database/backend (KV version 2) and take `password`.
	// Use it, but never print it.
	_, _, _ = client, roleID, secretID
	fmt.Println("not done yet: log in with AppRole and read the database password")
}
