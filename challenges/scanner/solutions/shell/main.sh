#!/bin/sh
# A pre-commit secret scanner in POSIX sh with grep -E: one pattern per kind of secret, and
# filters for what is not a secret.
#
# Usage: sh main.sh FILE...
# Prints one line per finding, <path>:<line>:<category>, never the secret itself (grep prints
# the whole line: only the path and line number are kept). Paths must not contain ':'.
# Exit status: 1 when something was found, 0 when not, 2 when a file could not be read.

# Lines that are not secrets: reviewed lines, placeholders, references to somewhere else.
ALLOWED='secrets-workbook:allow|pragma: allowlist secret'
PLACEHOLDER='EXAMPLE|[Ee]xample|changeme|[Yy]our|placeholder|dummy|xxxx|###|abcdefgh|12345678|<|>|[$][{]|[{][{]'
# In a URL the host may well be example.com: only the password part is judged — not a template
# ({PASS}, ${PASS}, <pass>), not the user name again (postgres:postgres).
URL_PLACEHOLDER='://[^:/@]*:(xxxx|changeme|password|[$][{]|[{]|<)|://([^:/@]+):\2@'
# On a command line: a variable, a template or a placeholder as the password.
CLI_PLACEHOLDER="(-u|--user)[ =]?[\"']?[^[:space:]:\"']*:[\"']?([\$[{<]|password|pass[^a-z]|secret)"

# Keep the files to scan: readable, not a lock file, not a marked test fixture.
files=$(mktemp) || exit 2
trap 'rm -f "$files"' EXIT
for file in "$@"; do
  if [ ! -r "$file" ] || [ -d "$file" ]; then
    echo "$file: cannot read" >&2
    exit 2
  fi
  case "$file" in
    *package-lock.json | *yarn.lock | *go.sum | *pnpm-lock.yaml | *Cargo.lock | *poetry.lock) continue ;;
  esac
  head -n 10 "$file" | grep -q 'secrets-workbook:allow-file' && continue
  printf '%s\n' "$file" >>"$files"
done

# report CATEGORY FILTER GREP_FLAGS PATTERN: FILE:LINE:CATEGORY for each matching line of every file.
report() {
  [ -s "$files" ] || return 0
  tr '\n' '\0' <"$files" | xargs -0 grep -nH $3 -e "$4" -- | grep -vE -e "$ALLOWED" -e "$2" | cut -d: -f1,2 | sed "s/\$/:$1/"
}

scan() {
  report aws "$PLACEHOLDER" -E '(AKIA|ASIA)[A-Z2-7]{16}'
  report aws "$PLACEHOLDER" -iE "secret_?access_?key[\"']?[[:space:]]*[:=][[:space:]]*[\"']?[A-Za-z0-9/+]{40}([^A-Za-z0-9/+=]|\$)"
  report github "$PLACEHOLDER" -E 'gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}'
  # Test-mode keys are secrets too: they read and write the account's test data.
  report stripe "$PLACEHOLDER" -E '[sr]k_(live|test)_[A-Za-z0-9]{24,}'
  report slack "$PLACEHOLDER" -E '(xox[abposre]|xapp)-[0-9A-Za-z.-]{10,}|hooks[.]slack[.]com/(services|workflows|triggers)/'
  report private-key "$PLACEHOLDER" -E '-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----'
  # Beyond the corpus's eight kinds: a few more prefixes, JWTs whose header starts with {"alg"
  # or {"typ" (base64 eyJhbGciOi, eyJ0eXAiOi), and a password on a curl command line.
  report gitlab "$PLACEHOLDER" -E 'gl(pat|ptt|rt|dt|cbt|oas)-[0-9A-Za-z_-]{20,}'
  report vendor "$PLACEHOLDER" -E 'hf_[A-Za-z]{34}|SG[.][A-Za-z0-9_-]{22}[.][A-Za-z0-9_-]{43}|sk-ant-[a-z]+[0-9]{2}-[A-Za-z0-9_-]{80,}|SK[0-9a-f]{32}'
  report jwt "$PLACEHOLDER" -E 'eyJ(hbGciOi|0eXAiOi)[A-Za-z0-9_-]*[.]eyJ[A-Za-z0-9_-]+[.][A-Za-z0-9_-]{16,}'
  report password "$CLI_PLACEHOLDER" -E "curl.*[[:space:]](-u|--user)[ =]?[\"']?[^[:space:]:\"']+:[^[:space:]\"']{4,}"
  report url-credentials "$URL_PLACEHOLDER" -E "[a-z][a-z0-9+.-]*://[^[:space:]:/@\"']*:[^[:space:]:/@\"']+@"
  # No shape: a value assigned to a name that ends in password, or in secret/key/token (then long
  # and made of key characters). An unquoted value followed by ( or [ is code, not a literal.
  report password "$PLACEHOLDER" -iE "(pass(word|wd)?|pwd)[\"']?[[:space:]]*[:=][[:space:]]*[\"']?[^[:space:]\"',;()=\$<{[][^[:space:]\"',;()[]{7,}([[:space:]\"',;)]|\$)"
  report high-entropy "$PLACEHOLDER" -iE "(secret|key|token)[\"']?[[:space:]]*[:=][[:space:]]*[\"']?[A-Za-z0-9+/=_-]{20,}([[:space:]\"',;]|\$)"
}

# One finding per line (the first category that matched it), grouped by file in line order.
found=$(scan | awk -F: '!seen[$1 FS $2]++' | sort -t: -k1,1 -k2,2n)
if [ -n "$found" ]; then
  printf '%s\n' "$found"
  exit 1
fi
exit 0
