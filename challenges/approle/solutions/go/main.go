// Log in to Vault with AppRole and read the database password (challenge: approle).
package main

import (
	"context"
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
	ctx := context.Background()
	config := vault.DefaultConfig()
	config.Address = requireEnv("VAULT_ADDR")
	client, err := vault.NewClient(config)
	if err != nil {
		log.Fatalf("vault client: %v", err)
	}

	login, err := client.Logical().WriteWithContext(ctx, "auth/approle/login", map[string]interface{}{
		"role_id":   requireEnv("VAULT_ROLE_ID"),
		"secret_id": requireEnv("VAULT_SECRET_ID"),
	})
	if err != nil || login == nil || login.Auth == nil {
		log.Fatalf("approle login failed: %v", err)
	}
	client.SetToken(login.Auth.ClientToken)

	// KVv2 adds the data/ segment: this reads secret/data/database/backend.
	secret, err := client.KVv2("secret").Get(ctx, "database/backend")
	if err != nil {
		log.Fatalf("reading the password: %v", err)
	}
	password, ok := secret.Data["password"].(string)
	if !ok {
		log.Fatal("secret/database/backend has no password")
	}
	// A real app would connect to its database here. Log what helps, never the value itself.
	fmt.Printf("read the database password (version %d, %d characters)\n", secret.VersionMetadata.Version, len(password))
}
