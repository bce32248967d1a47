// Answer a leaked key (challenge: leak-response): rotate it in Vault and destroy the leaked
// version, then remove it from the repository's whole history, then install the pre-commit hook.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"

	vault "github.com/hashicorp/vault/api"
)

func requireEnv(name string) string {
	value := os.Getenv(name)
	if value == "" {
		log.Fatalf("missing environment variable %s", name)
	}
	return value
}

// rotate writes a new generated key, destroys the leaked version and returns the leaked value.
func rotate(ctx context.Context, client *vault.Client) string {
	kv := client.KVv2("secret")
	current, err := kv.Get(ctx, "leak/payments")
	if err != nil {
		log.Fatalf("read secret/leak/payments: %v", err)
	}
	leaked, _ := current.Data["api_key"].(string)
	random := make([]byte, 24)
	if _, err := rand.Read(random); err != nil {
		log.Fatal(err)
	}
	if _, err := kv.Put(ctx, "leak/payments", map[string]interface{}{"api_key": "pay_" + hex.EncodeToString(random)}); err != nil {
		log.Fatalf("write secret/leak/payments: %v", err)
	}
	// A new version leaves the old one readable: destroy it (delete could be undone).
	if err := kv.Destroy(ctx, "leak/payments", []int{current.VersionMetadata.Version}); err != nil {
		log.Fatalf("destroy the leaked version: %v", err)
	}
	fmt.Printf("rotated secret/leak/payments: version %d destroyed\n", current.VersionMetadata.Version)
	return leaked
}

// rewriteHistory replaces the key in every commit of every ref.
func rewriteHistory(repo, leaked string) {
	work, err := os.MkdirTemp("", "leak-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)
	replacements := filepath.Join(work, "replacements")
	if err := os.WriteFile(replacements, []byte("literal:"+leaked+"==>***REMOVED***\n"), 0o600); err != nil {
		log.Fatal(err)
	}
	// --force: a working clone, not a fresh one.
	filter := exec.Command("git", "filter-repo", "--force", "--replace-text", replacements)
	filter.Dir = repo
	if err := filter.Run(); err != nil {
		os.RemoveAll(work)
		log.Fatalf("git filter-repo: %v", err)
	}
	fmt.Println("history rewritten")
}

func main() {
	ctx := context.Background()
	config := vault.DefaultConfig()
	config.Address = requireEnv("VAULT_ADDR")
	client, err := vault.NewClient(config)
	if err != nil {
		log.Fatalf("vault client: %v", err)
	}
	client.SetToken(requireEnv("VAULT_TOKEN"))
	repo := requireEnv("LEAK_REPO")

	leaked := rotate(ctx, client)                               // 1. rotate first
	rewriteHistory(repo, leaked)                                // 2. then the history
	hook := exec.Command("secrets-workbook", "hook", "install") // 3. then the hook
	hook.Dir = repo
	hook.Stdout, hook.Stderr = os.Stdout, os.Stderr
	if err := hook.Run(); err != nil {
		log.Fatalf("hook install: %v", err)
	}
}
