// Challenge leak-response: a payments key stored in Vault was committed to a repository.
// Answer the leak: rotate the key in Vault, then remove it from history, then install the hook.
// Run it against a fresh Vault and a fresh leak with:  secrets-workbook grade leak-response
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
	repo := requireEnv("LEAK_REPO")

	// TODO 1 (checks `rotated`, `leaked-version-destroyed`): client.KVv2("secret").Get the leaked
	// key (keep it in memory), Put a new generated one, Destroy the leaked version.
	// TODO 2 (checks `rotated-first`, `history-clean`, `objects-clean`): only then remove the key
	// from every commit of the repository in repo with git filter-repo (os/exec).
	// TODO 3 (check `hook-installed`): run `secrets-workbook hook install` in the repository.
	// Never print a key, the old one or the new one.
	_ = repo
	fmt.Println("not done yet: rotate the key, clean the history, install the hook")
}
