// Challenge rotation: keep working while the database password rotates and the token expires.
// Run it against a fresh Vault with:  secrets-workbook grade rotation
// This is a long-running app: it never exits on its own (Ctrl-C stops it).
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

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
	// The token lives 3 s (token_ttl) and at most 6 s (token_max_ttl): this login will not last.
	login, err := client.Logical().WriteWithContext(ctx, "auth/approle/login", map[string]interface{}{
		"role_id":   requireEnv("VAULT_ROLE_ID"),
		"secret_id": requireEnv("VAULT_SECRET_ID"),
	})
	if err != nil || login == nil || login.Auth == nil {
		log.Fatalf("approle login failed: %v", err)
	}
	client.SetToken(login.Auth.ClientToken)
	secret, err := client.KVv2("secret").Get(ctx, "rotation/database")
	if err != nil {
		log.Fatalf("reading the password: %v", err)
	}
	password, _ := secret.Data["password"].(string)
	fmt.Printf("using database password version %d (%d characters)\n", secret.VersionMetadata.Version, len(password))

	for {
		// TODO 1 (check `read-rotated`): re-read secret/rotation/database at least every 2 s and
		//         switch to the new password when the version changes.
		// TODO 2 (check `token-renewed`): renew the token (client.Auth().Token().RenewSelfWithContext)
		//         or log in again before it expires, and when Vault answers 403 (a *vault.ResponseError
		//         with StatusCode 403) log in again and retry (check `expired-token-recovered`).
		time.Sleep(time.Second)
	}
}
