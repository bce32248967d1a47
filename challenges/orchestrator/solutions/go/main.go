// Unwrap a response-wrapped secret_id, log in with AppRole, read the API key (challenge: orchestrator).
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"

	vault "github.com/hashicorp/vault/api"
)

func requireEnv(name string) string {
	value := os.Getenv(name)
	if value == "" {
		log.Fatalf("missing environment variable %s", name)
	}
	return value
}

// unwrapSecretID reads the single-use wrapping token from the file and unwraps it once.
func unwrapSecretID(ctx context.Context, client *vault.Client, path string) string {
	content, err := os.ReadFile(path)
	if err != nil {
		log.Fatalf("reading the wrapped secret_id: %v", err)
	}
	// With no token set, Unwrap sends the wrapping token as the client token: POST sys/wrapping/unwrap.
	unwrapped, err := client.Logical().UnwrapWithContext(ctx, strings.TrimSpace(string(content)))
	if err != nil || unwrapped == nil {
		log.Fatalf("unwrapping the secret_id: %v", err)
	}
	secretID, ok := unwrapped.Data["secret_id"].(string)
	if !ok {
		log.Fatal("the unwrapped answer has no secret_id")
	}
	client.ClearToken() // the wrapping token is used up
	return secretID
}

func main() {
	ctx := context.Background()
	config := vault.DefaultConfig()
	config.Address = requireEnv("VAULT_ADDR")
	client, err := vault.NewClient(config)
	if err != nil {
		log.Fatalf("vault client: %v", err)
	}
	client.ClearToken() // never pick up a VAULT_TOKEN from the environment
	secretID := unwrapSecretID(ctx, client, requireEnv("VAULT_WRAPPED_SECRET_ID_FILE"))

	login, err := client.Logical().WriteWithContext(ctx, "auth/approle/login", map[string]interface{}{
		"role_id":   requireEnv("VAULT_ROLE_ID"),
		"secret_id": secretID,
	})
	if err != nil || login == nil || login.Auth == nil {
		log.Fatalf("approle login failed: %v", err)
	}
	client.SetToken(login.Auth.ClientToken)

	// KVv2 adds the data/ segment: this reads secret/data/orchestrator/api.
	secret, err := client.KVv2("secret").Get(ctx, "orchestrator/api")
	if err != nil {
		log.Fatalf("reading the API key: %v", err)
	}
	key, ok := secret.Data["key"].(string)
	if !ok {
		log.Fatal("secret/orchestrator/api has no key")
	}
	// A real app would call its API with the key here. Log what helps, never the value itself.
	fmt.Printf("read the API key (version %d, %d characters)\n", secret.VersionMetadata.Version, len(key))
}
