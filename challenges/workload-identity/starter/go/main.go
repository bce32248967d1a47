// Challenge workload-identity: configure JWT auth so that only the main branch's deploy job of
// acme/payments, in environment production, can read secret/production/database — with nothing
// but the OIDC token its CI provider gives it.
// Run it against a fresh Vault with:  secrets-workbook grade workload-identity
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
	client.SetToken(requireEnv("VAULT_TOKEN"))
	publicKey, err := os.ReadFile(requireEnv("CI_OIDC_PUBLIC_KEY_FILE"))
	if err != nil {
		log.Fatal(err)
	}

	// TODO 1: enable the jwt auth method at auth/jwt (client.Sys().EnableAuthWithOptions).
	// TODO 2: configure it with the CI provider's public key and CI_OIDC_ISSUER (auth/jwt/config).
	// TODO 3 (check `least-privilege`): policy production-read: read on secret/data/production/database only.
	// TODO 4 (check `main-deploy-gets-in` and the `…-refused` checks): role deploy-production,
	// role_type jwt, bound to CI_OIDC_AUDIENCE and to the repository, ref and environment claims.
	_ = publicKey
	fmt.Println("not done yet: configure JWT auth for the deploy job")
}
