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
PLACEHOLDER='EXAMPLE|[Ee]xample|changeme|[Yy]our|placeholder|dummy|xxxx|<|>|[$][{]|[{][{]'
# In a URL the host may well be example.com: only the password part is judged.
URL_PLACEHOLDER='://[^:/@]*:(xxxx|changeme|password|[$][{]|<)'

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
  report stripe "$PLACEHOLDER" -E '[sr]k_live_[A-Za-z0-9]{24,}'
  report slack "$PLACEHOLDER" -E 'xox[abposr]-[0-9A-Za-z-]{10,}|https://hooks[.]slack[.]com/services/'
  report private-key "$PLACEHOLDER" -E '-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----'
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
