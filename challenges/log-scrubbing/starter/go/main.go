// Log scrubbing: log which secrets were loaded and every request, without ever logging a value.
// Run it against a fresh Vault with:  secrets-workbook grade log-scrubbing
package main

import (
	"context"
	"fmt"
	"log"
	"net/url"
	"os"
	"strings"
	"time"

	vault "github.com/hashicorp/vault/api"
)

// The secrets this service uses, and the keys it reads from each (KV v2 at secret/), in order.
var secrets = []struct {
	path string
	keys []string
}{
	{"logs/database", []string{"password"}},
	{"logs/partner", []string{"access_token", "refresh_token"}},
	{"logs/tls", []string{"certificate", "private_key"}},
}

func requireEnv(name string) string {
	value := os.Getenv(name)
	if value == "" {
		log.Fatalf("missing environment variable %s", name)
	}
	return value
}

// redact replaces each secret value by [REDACTED] — a first attempt.
// TODO (check `no-leak`): the grader's values defeat it. A value may appear percent-encoded in a
// URL, one value starts with another, and a PEM key spans several lines.
func redact(text string, values []string) string {
	for _, value := range values {
		text = strings.ReplaceAll(text, value, "[REDACTED]")
	}
	return text
}

func main() {
	ctx := context.Background()
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

	var names, values []string
	byName := map[string]string{}
	for _, secret := range secrets {
		read, err := client.KVv2("secret").Get(ctx, secret.path)
		if err != nil {
			log.Fatalf("reading secret/%s: %v", secret.path, err)
		}
		for _, key := range secret.keys {
			value, _ := read.Data[key].(string)
			names = append(names, secret.path+"#"+key)
			values = append(values, value)
			byName[secret.path+"#"+key] = value
		}
	}
	logLine := func(format string, args ...interface{}) {
		fmt.Println(redact(fmt.Sprintf(format, args...), values))
	}

	for _, name := range names {
		// TODO (check `startup-lines`): add version=<the version read> fingerprint=<first 12 hex
		// digits of the SHA-256 of the value>.
		logLine("loaded %s", name)
	}

	// The service's work: calls to a partner API (not really sent here), logged in full.
	accessToken, refreshToken := byName["logs/partner#access_token"], byName["logs/partner#refresh_token"]
	for number := 1; ; number++ {
		if number%3 == 0 {
			logLine("request %d POST https://partner.example/oauth/token refresh_token=%s status=200", number, refreshToken)
		} else {
			logLine("request %d GET https://partner.example/v1/orders?access_token=%s status=200", number, url.QueryEscape(accessToken))
		}
		time.Sleep(200 * time.Millisecond)
	}
}
