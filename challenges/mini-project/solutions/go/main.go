// Mini project, part 2: log in with AppRole, retrieve all three secrets at startup, then serve
// HTTPS with the certificate and key from Vault — kept in memory, never written to a file.
package main

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"fmt"
	"log"
	"net/http"
	"net/url"
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

// readString reads one string field of a KV version 2 secret under secret/.
func readString(ctx context.Context, client *vault.Client, path, key string) string {
	secret, err := client.KVv2("secret").Get(ctx, path)
	if err != nil {
		log.Fatalf("reading secret/%s: %v", path, err)
	}
	value, ok := secret.Data[key].(string)
	if !ok || value == "" {
		log.Fatalf("secret/%s has no %s", path, key)
	}
	return value
}

func main() {
	ctx := context.Background()
	port := requireEnv("PORT")
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

	databaseURL := readString(ctx, client, "mini/database", "url")
	apiKey := readString(ctx, client, "mini/api", "key")
	certificate := readString(ctx, client, "mini/tls", "certificate")
	privateKey := readString(ctx, client, "mini/tls", "private_key")

	// X509KeyPair also proves that the key matches the certificate.
	pair, err := tls.X509KeyPair([]byte(certificate), []byte(privateKey))
	if err != nil {
		log.Fatalf("secret/mini/tls: %v", err)
	}
	parsed, err := url.Parse(databaseURL)
	if err != nil {
		log.Fatal("secret/mini/database: the url does not parse")
	}

	// Log what helps an operator, never a value: a host, a length, a fingerprint.
	fmt.Printf("database host: %s\n", parsed.Hostname())
	fmt.Printf("api key: %d characters\n", len(apiKey))
	fmt.Printf("tls certificate sha256: %x\n", sha256.Sum256(pair.Certificate[0]))

	health := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintln(w, "ok")
	})
	server := &http.Server{
		Addr:      "127.0.0.1:" + port,
		Handler:   health,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12},
	}
	fmt.Printf("serving https://127.0.0.1:%s/\n", port)
	// The certificate comes from TLSConfig, so no file names here.
	log.Fatal(server.ListenAndServeTLS("", ""))
}
