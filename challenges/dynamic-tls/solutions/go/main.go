// Serve HTTPS with a short-lived certificate from Vault's PKI engine (challenge: dynamic-tls).
package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"sync"
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

// current holds the pair the server presents; GetCertificate reads it on every handshake.
type current struct {
	mu   sync.RWMutex
	cert *tls.Certificate
}

func (c *current) get(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.cert, nil
}

// issue asks the role for a new certificate, swaps it in, and returns when it expires.
func (c *current) issue(client *vault.Client) (time.Time, error) {
	secret, err := client.Logical().Write("pki/issue/web", map[string]interface{}{"common_name": "localhost"})
	if err != nil {
		return time.Time{}, err
	}
	certPEM := fmt.Sprintf("%s\n%s\n", secret.Data["certificate"], secret.Data["issuing_ca"])
	pair, err := tls.X509KeyPair([]byte(certPEM), []byte(fmt.Sprint(secret.Data["private_key"])))
	if err != nil {
		return time.Time{}, err
	}
	expiration, err := secret.Data["expiration"].(json.Number).Int64()
	if err != nil {
		return time.Time{}, err
	}
	c.mu.Lock()
	c.cert = &pair
	c.mu.Unlock()
	fmt.Printf("serving certificate %s, expires at %d\n", secret.Data["serial_number"], expiration)
	return time.Unix(expiration, 0), nil
}

func main() {
	config := vault.DefaultConfig()
	config.Address = requireEnv("VAULT_ADDR")
	client, err := vault.NewClient(config)
	if err != nil {
		log.Fatal(err)
	}
	login, err := client.Logical().Write("auth/approle/login", map[string]interface{}{
		"role_id":   requireEnv("VAULT_ROLE_ID"),
		"secret_id": requireEnv("VAULT_SECRET_ID"),
	})
	if err != nil {
		log.Fatal(err)
	}
	client.SetToken(login.Auth.ClientToken)
	secret, err := client.KVv2("secret").Get(context.Background(), "dynamic-tls/database")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("database password loaded (%d characters)\n", len(fmt.Sprint(secret.Data["password"])))

	var pair current
	expiration, err := pair.issue(client)
	if err != nil {
		log.Fatal(err)
	}
	server := &http.Server{
		Addr:      "127.0.0.1:" + requireEnv("PORT"),
		TLSConfig: &tls.Config{GetCertificate: pair.get},
		Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			fmt.Fprintln(w, "hello over TLS")
		}),
	}
	go func() {
		// Issue again once two thirds of the lifetime have passed.
		for {
			time.Sleep(max(time.Second, time.Until(expiration)*2/3))
			next, err := pair.issue(client)
			if err != nil {
				log.Printf("could not issue a new certificate: %v", err)
				continue
			}
			expiration = next
		}
	}()
	log.Fatal(server.ListenAndServeTLS("", ""))
}
