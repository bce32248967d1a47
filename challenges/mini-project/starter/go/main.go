// Mini project, part 2: an API that gets all three of its secrets from Vault at startup, then
// serves HTTPS with the certificate. Grade both parts with:  secrets-workbook grade mini-project
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
	port := requireEnv("PORT")

	// TODO (check `login`): log in with AppRole using roleID and secretID.
	// TODO (check `read-database-url`): read secret/mini/database and take `url`.
	// TODO (check `read-api-key`): read secret/mini/api and take `key`.
	// TODO (check `read-tls`): read secret/mini/tls and take `certificate` and `private_key`.
	// TODO (check `serves-tls`): serve HTTPS on 127.0.0.1:port with that certificate and key, and keep running.
	// Keep the values in memory and use them; log what is safe (a host, a fingerprint, a length).
	_, _, _, _ = client, roleID, secretID, port
	fmt.Println("not done yet: log in, read the database URL, the API key and the TLS certificate, then serve HTTPS")
}
