// A pre-commit secret scanner — the starting point: a list of patterns applied to each line.
//
// Usage: go run . FILE...
// Prints one line per finding, <path>:<line>:<category>, never the secret itself.
// Exit status: 1 when something was found, 0 when not, 2 when a file could not be read.
//
// Grade it with:  secrets-workbook grade scanner
package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"
)

type pattern struct {
	category string
	regexp   *regexp.Regexp
}

var patterns = []pattern{
	{"aws", regexp.MustCompile(`AKIA[0-9A-Z]{16}`)},
	{"github", regexp.MustCompile(`gh[pousr]_[A-Za-z0-9]{36}`)},
	{"private-key", regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`)},
	// TODO (check `recall`): Stripe live keys, Slack tokens and webhooks, AWS secret access keys,
	// credentials in URLs, GitHub fine-grained tokens — and the secrets without a shape:
	// passwords and random keys assigned to a name that says what they are.
	// TODO (check `precision`): skip placeholders (EXAMPLE keys, <your-token>, ${VAR}),
	// lines marked secrets-workbook:allow, files marked secrets-workbook:allow-file, lock files.
}

func main() {
	found := false
	for _, path := range os.Args[1:] {
		content, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: cannot read: %v\n", path, err)
			os.Exit(2)
		}
		for i, line := range strings.Split(string(content), "\n") {
			for _, p := range patterns {
				if p.regexp.MatchString(line) {
					fmt.Printf("%s:%d:%s\n", path, i+1, p.category)
					found = true
					break
				}
			}
		}
	}
	if found {
		os.Exit(1)
	}
}
