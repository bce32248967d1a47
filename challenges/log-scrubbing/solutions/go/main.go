// Log scrubbing: log which secrets were loaded and every request, without ever logging a value.
//
// Startup: one line per secret value, `loaded <path>#<key> version=<v> fingerprint=<12 hex>`.
// Then a request line every 0.2 s, `request <n> …`, until stopped. Every line goes through a
// redactor first: the safety net for the day someone logs more than they meant to.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log"
	"net/url"
	"os"
	"sort"
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

// A certificate is public: it is fingerprinted like the rest, but need not be redacted.
var public = map[string]bool{"logs/tls#certificate": true}

func requireEnv(name string) string {
	value := os.Getenv(name)
	if value == "" {
		log.Fatalf("missing environment variable %s", name)
	}
	return value
}

// Redactor replaces every known secret value, in each form it takes in a log line, by
// [REDACTED]: literally (never as a regexp: the values are full of metacharacters), longest first
// (so a value that starts with another is not half-replaced), also percent-encoded (in a URL),
// JSON-escaped and base64-encoded, and each long line of a multi-line value (a PEM key) on its own.
type Redactor struct{ forms []string }

func (r *Redactor) Add(value string) {
	escaped, _ := json.Marshal(value)
	forms := []string{value, strings.TrimSpace(value), url.QueryEscape(value), url.PathEscape(value), string(escaped[1 : len(escaped)-1]), base64.StdEncoding.EncodeToString([]byte(value))}
	for _, line := range strings.Split(value, "\n") {
		if line = strings.TrimSpace(line); len(line) >= 16 {
			forms = append(forms, line)
		}
	}
	for _, form := range forms {
		if form != "" {
			r.forms = append(r.forms, form)
		}
	}
	sort.SliceStable(r.forms, func(i, j int) bool { return len(r.forms[i]) > len(r.forms[j]) })
}

func (r *Redactor) Redact(text string) string {
	for _, form := range r.forms {
		text = strings.ReplaceAll(text, form, "[REDACTED]")
	}
	return text
}

var redactor = &Redactor{}

func logLine(format string, args ...interface{}) {
	fmt.Println(redactor.Redact(fmt.Sprintf(format, args...)))
}

// fingerprint is the first 12 hex digits of SHA-256 over the value exactly as read.
func fingerprint(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:])[:12]
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

	type loaded struct {
		name, value string
		version     int
	}
	var all []loaded
	values := map[string]string{}
	for _, secret := range secrets {
		read, err := client.KVv2("secret").Get(ctx, secret.path)
		if err != nil {
			log.Fatalf("reading secret/%s: %v", secret.path, err)
		}
		for _, key := range secret.keys {
			value, ok := read.Data[key].(string)
			if !ok {
				log.Fatalf("secret/%s has no %s", secret.path, key)
			}
			name := secret.path + "#" + key
			all = append(all, loaded{name, value, read.VersionMetadata.Version})
			values[name] = value
			if !public[name] {
				redactor.Add(value)
			}
		}
	}

	for _, secret := range all {
		logLine("loaded %s version=%d fingerprint=%s", secret.name, secret.version, fingerprint(secret.value))
	}

	// The service's work: calls to a partner API (not really sent here), logged with their URL.
	accessToken := values["logs/partner#access_token"]
	for number := 1; ; number++ {
		logLine("request %d GET https://partner.example/v1/orders?page=%d&access_token=%s status=200", number, number, url.QueryEscape(accessToken))
		time.Sleep(200 * time.Millisecond)
	}
}
