// Use the database URL that Vault Agent renders (challenge: vault-agent).
// The app never talks to Vault: Agent logs in, keeps its token alive and writes the URL into the
// file named by DATABASE_URL_FILE.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log"
	"os"
	"strings"
	"time"
)

// fingerprint identifies the URL in a log line without revealing it.
func fingerprint(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:])[:12]
}

func main() {
	path := os.Getenv("DATABASE_URL_FILE")
	if path == "" {
		log.Fatal("missing environment variable DATABASE_URL_FILE")
	}
	url := ""
	for url == "" {
		if content, err := os.ReadFile(path); err == nil {
			url = strings.TrimSpace(string(content))
		}
		time.Sleep(time.Second)
	}
	fmt.Printf("database url fingerprint=%s\n", fingerprint(url))
	// TODO: Agent renders the file again when the secret rotates. Follow it.
	select {}
}
