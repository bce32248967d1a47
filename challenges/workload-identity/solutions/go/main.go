// Challenge workload-identity: JWT auth that admits exactly one CI job — the main branch's deploy
// job of acme/payments in environment production — to the production secret.
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

	methods, err := client.Sys().ListAuth()
	if err != nil {
		log.Fatalf("list auth methods: %v", err)
	}
	if _, ok := methods["jwt/"]; !ok {
		if err := client.Sys().EnableAuthWithOptions("jwt", &vault.EnableAuthOptions{Type: "jwt"}); err != nil {
			log.Fatalf("enable jwt: %v", err)
		}
	}
	// Whose tokens to trust: the CI provider's key and issuer, nothing else.
	if _, err := client.Logical().Write("auth/jwt/config", map[string]interface{}{
		"jwt_validation_pubkeys": []string{string(publicKey)},
		"bound_issuer":           requireEnv("CI_OIDC_ISSUER"),
	}); err != nil {
		log.Fatalf("configure jwt: %v", err)
	}
	if err := client.Sys().PutPolicy("production-read", `path "secret/data/production/database" {
  capabilities = ["read"]
}
`); err != nil {
		log.Fatalf("write policy: %v", err)
	}
	// Which job: exact repository, branch and environment, for this Vault's audience.
	if _, err := client.Logical().Write("auth/jwt/role/deploy-production", map[string]interface{}{
		"role_type":       "jwt",
		"user_claim":      "sub",
		"bound_audiences": []string{requireEnv("CI_OIDC_AUDIENCE")},
		"bound_claims": map[string]interface{}{
			"repository":  "acme/payments",
			"ref":         "refs/heads/main",
			"environment": "production",
		},
		"token_policies": []string{"production-read"},
		"token_ttl":      "10m",
		"token_max_ttl":  "15m",
	}); err != nil {
		log.Fatalf("write role: %v", err)
	}
	fmt.Println("JWT auth configured: role deploy-production admits acme/payments@refs/heads/main in production")
}
