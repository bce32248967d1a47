// A pre-commit secret scanner: patterns per line, plus context to skip what is not a secret.
//
// Usage: go run . FILE...
// Prints one line per finding, <path>:<line>:<category>, never the secret itself.
// Exit status: 1 when something was found, 0 when not, 2 when a file could not be read.
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"regexp"
	"strings"
)

type shape struct {
	category string
	pattern  *regexp.Regexp
}

// Secrets with a shape of their own: the provider chose a prefix so scanners can find them.
// Go's regexp has no look-ahead, so a pattern ends on a character class boundary instead.
var shapes = []shape{
	{"aws", regexp.MustCompile(`\b(?:AKIA|ASIA)[A-Z2-7]{16}\b`)},
	{"aws", regexp.MustCompile(`(?i)secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`)},
	{"github", regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b`)},
	// Test-mode keys are secrets too: they read and write the account's test data.
	{"stripe", regexp.MustCompile(`\b[sr]k_(?:live|test)_([A-Za-z0-9]{24,})`)},
	{"slack", regexp.MustCompile(`\b(?:xox[abposre]|xapp)-[0-9A-Za-z.-]{10,}`)},
	{"slack", regexp.MustCompile(`hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9/]+)`)},
	{"private-key", regexp.MustCompile(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----`)},
	// Beyond the corpus's eight kinds: a few more prefixes a real hook should know.
	{"gitlab", regexp.MustCompile(`\bgl(?:pat|ptt|rt|dt|cbt|oas)-[0-9A-Za-z_-]{20,}`)},
	{"vendor", regexp.MustCompile(`\b(?:hf_[A-Za-z]{34}|SG\.[\w-]{22}\.[\w-]{43}|sk-ant-[a-z]+\d\d-[\w-]{80,}|SK[0-9a-f]{32})\b`)},
}

// Credentials in a URL (user:password@host) and on a curl command line (-u/--user user:password):
// not a template ({PASS}, $PASS, [PASSWORD]) and not the user name again (postgres:postgres).
var credentials = []shape{
	{"url-credentials", regexp.MustCompile(`\b[a-z][a-z0-9+.-]*://([^\s:/@"']*):([^\s:/@"']+)@`)},
	{"password", regexp.MustCompile(`\bcurl\b.*?\s(?:-u|--user)[ =]?["']?([^\s:"']+):([^\s"']+)`)},
}

// A JSON Web Token: three base64url parts; the header must decode to JSON naming its "alg".
var jwt = regexp.MustCompile(`\b(e[wy][A-Za-z0-9_-]{10,})\.e[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}`)

func isJWTHeader(part string) bool {
	decoded, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(part, "="))
	if err != nil {
		return false
	}
	var header map[string]any
	if json.Unmarshal(decoded, &header) != nil {
		return false
	}
	_, ok := header["alg"]
	return ok
}

// Secrets without a shape: a value assigned to a name that says what it is.
var (
	assignment   = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(:|=)\s*(["']?)([^\s"',;)]*)`)
	passwordName = regexp.MustCompile(`(?i)(?:pass(?:word|wd)?|pwd)$`)
	secretName   = regexp.MustCompile(`(?i)(?:secret|key|token)$`)
	randomChars  = regexp.MustCompile(`^[A-Za-z0-9+/=_-]+$`)
	brackets     = regexp.MustCompile(`[()\[\]]`)
	// Values that are not secrets: placeholders, references to somewhere else, documentation examples.
	placeholder = regexp.MustCompile(`(?i)example|changeme|change_me|your|placeholder|dummy|fake|sample|redacted|xxxx|\*\*\*|\.\.\.|<|>|\$\{|\{\{|%\(`)
)

var (
	allowLine = []string{"secrets-workbook:allow", "pragma: allowlist secret"}
	allowFile = "secrets-workbook:allow-file"
	lockFiles = []string{"package-lock.json", "yarn.lock", "go.sum", "pnpm-lock.yaml", "Cargo.lock", "poetry.lock"}
)

// entropy is the Shannon entropy in bits per character.
func entropy(text string) float64 {
	counts := map[rune]float64{}
	for _, c := range text {
		counts[c]++
	}
	n := float64(len([]rune(text)))
	bits := 0.0
	for _, count := range counts {
		bits -= count / n * math.Log2(count/n)
	}
	return bits
}

func distinct(value string) int {
	seen := map[rune]bool{}
	for _, c := range value {
		seen[c] = true
	}
	return len(seen)
}

// isSequence: abcdefgh, 12345678 — someone typed the alphabet into a placeholder.
func isSequence(value string) bool {
	run := 1
	for i := 1; i < len(value); i++ {
		c := value[i]
		alnum := c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
		if alnum && c-value[i-1] == 1 {
			run++
		} else {
			run = 1
		}
		if run >= 8 {
			return true
		}
	}
	return false
}

func isPlaceholder(value string) bool {
	return placeholder.MatchString(value) || distinct(value) < 5 || strings.Contains(value, "###") || isSequence(value)
}

func looksRandom(value string) bool {
	return len(value) >= 20 && randomChars.MatchString(value) && entropy(value) >= 3.5
}

// scanLine returns the categories of secrets on one line (empty when none).
func scanLine(line string) []string {
	for _, marker := range allowLine {
		if strings.Contains(line, marker) {
			return nil
		}
	}
	var found []string
	for _, s := range shapes {
		match := s.pattern.FindStringSubmatch(line)
		if match == nil {
			continue
		}
		secret := match[0]
		if len(match) > 1 && match[1] != "" {
			secret = match[1]
		}
		if !isPlaceholder(secret) {
			found = append(found, s.category)
		}
	}
	for _, c := range credentials {
		match := c.pattern.FindStringSubmatch(line)
		if match == nil {
			continue
		}
		user, password := match[1], match[2]
		lower := strings.ToLower(password)
		template := strings.ContainsAny(password[:1], "{$[") || lower == "password" || lower == "pass" || lower == "secret"
		if password != user && !template && !isPlaceholder(password) {
			found = append(found, c.category)
		}
	}
	if match := jwt.FindStringSubmatch(line); match != nil && isJWTHeader(match[1]) {
		found = append(found, "jwt")
	}
	for _, m := range assignment.FindAllStringSubmatchIndex(line, -1) {
		name, separator, quote, value := line[m[2]:m[3]], line[m[4]:m[5]], line[m[6]:m[7]], line[m[8]:m[9]]
		// `==` is a comparison, and a quoted value must end with the same quote.
		if separator == "=" && strings.HasPrefix(line[m[5]:], "==") {
			continue
		}
		if quote != "" && !strings.HasPrefix(line[m[9]:], quote) {
			continue
		}
		last := name
		if strings.Contains(name, ".") {
			parts := strings.FieldsFunc(name, func(r rune) bool { return r == '.' || r == '_' || r == '-' })
			last = parts[len(parts)-1]
		}
		if passwordName.MatchString(last) && len(value) >= 8 && !isPlaceholder(value) {
			// In code an unquoted value is an expression (os.environ[...]), not a literal.
			if quote != "" || !brackets.MatchString(value) {
				found = append(found, "password")
			}
		} else if secretName.MatchString(last) && looksRandom(value) && !isPlaceholder(value) {
			found = append(found, "high-entropy")
		}
	}
	return found
}

type finding struct {
	line     int
	category string
}

func scanFile(path string) ([]finding, error) {
	for _, name := range lockFiles {
		if strings.HasSuffix(path, name) {
			return nil, nil
		}
	}
	content, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(string(content), "\n")
	for i := 0; i < len(lines) && i < 10; i++ {
		if strings.Contains(lines[i], allowFile) {
			return nil, nil
		}
	}
	var findings []finding
	for i, line := range lines {
		if categories := scanLine(line); len(categories) > 0 {
			findings = append(findings, finding{i + 1, categories[0]})
		}
	}
	return findings, nil
}

func main() {
	found := false
	for _, path := range os.Args[1:] {
		findings, err := scanFile(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: cannot read: %v\n", path, err)
			os.Exit(2)
		}
		for _, f := range findings {
			fmt.Printf("%s:%d:%s\n", path, f.line, f.category)
			found = true
		}
	}
	if found {
		os.Exit(1)
	}
}
