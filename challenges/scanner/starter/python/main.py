"""A pre-commit secret scanner — the starting point: a list of patterns applied to each line.

Usage: python3 main.py FILE...
Prints one line per finding, <path>:<line>:<category>, never the secret itself.
Exit status: 1 when something was found, 0 when not, 2 when a file could not be read.

Grade it with:  secrets-workbook grade scanner
"""
import re
import sys

PATTERNS = [
    ("aws", re.compile(r"AKIA[0-9A-Z]{16}")),
    ("github", re.compile(r"gh[pousr]_[A-Za-z0-9]{36}")),
    ("private-key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
    # TODO (check `recall`): Stripe live keys, Slack tokens and webhooks, AWS secret access keys,
    # credentials in URLs, GitHub fine-grained tokens — and the secrets without a shape:
    # passwords and random keys assigned to a name that says what they are.
    # TODO (check `precision`): skip placeholders (EXAMPLE keys, <your-token>, ${VAR}),
    # lines marked secrets-workbook:allow, files marked secrets-workbook:allow-file, lock files.
]


def scan_file(path):
    findings = []
    with open(path, encoding="utf-8", errors="replace") as file:
        for number, line in enumerate(file, start=1):
            for category, pattern in PATTERNS:
                if pattern.search(line):
                    findings.append((number, category))
                    break
    return findings


def main(paths):
    found = False
    for path in paths:
        try:
            findings = scan_file(path)
        except OSError as error:
            print(f"{path}: cannot read: {error.strerror}", file=sys.stderr)
            return 2
        for number, category in findings:
            print(f"{path}:{number}:{category}")
            found = True
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
