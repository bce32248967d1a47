// Challenge orchestrator: unwrap a response-wrapped secret_id, log in with AppRole, read the API key.
// Run it against a fresh Vault with:  secrets-workbook grade orchestrator
package main

import (
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

func main() {
	config := vault.DefaultConfig()
	config.Address = requireEnv("VAULT_ADDR")
	client, err := vault.NewClient(config)
	if err != nil {
		log.Fatalf("vault client: %v", err)
	}
	roleID := requireEnv("VAULT_ROLE_ID")
	// There is no VAULT_SECRET_ID: this file holds a single-use wrapping token (30 s TTL).
	content, err := os.ReadFile(requireEnv("VAULT_WRAPPED_SECRET_ID_FILE"))
	if err != nil {
		log.Fatalf("reading the wrapped secret_id: %v", err)
	}
	wrappingToken := strings.TrimSpace(string(content))

	// TODO 1 (check `unwrap`): unwrap the wrapping token, once (client.Logical().Unwrap); the
	//         answer's Data["secret_id"] is the secret_id.
	// TODO 2 (check `login`): log in with AppRole using roleID and that secret_id.
	// TODO 3 (check `read-api-key`): read secret/orchestrator/api (KV version 2) and take `key`.
	// Use it, but never print it (nor the wrapping token, nor the secret_id).
	_, _, _ = client, roleID, wrappingToken
	fmt.Println("not done yet: unwrap the secret_id, log in and read the API key")
}
