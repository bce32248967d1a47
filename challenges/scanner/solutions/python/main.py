"""A pre-commit secret scanner: patterns per line, plus context to skip what is not a secret.

Usage: python3 main.py FILE...
Prints one line per finding, <path>:<line>:<category>, never the secret itself.
Exit status: 1 when something was found, 0 when not, 2 when a file could not be read.
"""
import math
import re
import sys

# Secrets with a shape of their own: the provider chose a prefix so scanners can find them.
SHAPES = [
    ("aws", re.compile(r"\b(?:AKIA|ASIA)[A-Z2-7]{16}\b")),
    ("aws", re.compile(r"(?i)secret_?access_?key[\"']?\s*[:=]\s*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])")),
    ("github", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b")),
    ("stripe", re.compile(r"\b[sr]k_live_[A-Za-z0-9]{24,}")),
    ("slack", re.compile(r"\bxox[abposr]-[0-9A-Za-z-]{10,}|https://hooks\.slack\.com/services/[A-Za-z0-9/]+")),
    ("private-key", re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")),
    ("url-credentials", re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s:/@\"']*:([^\s:/@\"']+)@")),
]

# Secrets without a shape: a value assigned to a name that says what it is.
ASSIGNMENT = re.compile(
    r"""(?P<name>[A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?::|=(?!=))\s*(?P<quote>["']?)(?P<value>[^\s"',;)]*)(?P=quote)"""
)
PASSWORD_NAME = re.compile(r"(?i)(?:pass(?:word|wd)?|pwd)$")
SECRET_NAME = re.compile(r"(?i)(?:secret|key|token)$")

# Values that are not secrets: placeholders, references to somewhere else, documentation examples.
PLACEHOLDER = re.compile(r"(?i)example|changeme|change_me|your|placeholder|dummy|fake|sample|redacted|xxxx|\*\*\*|\.\.\.|<|>|\$\{|\{\{|%\(")
ALLOW_LINE = ("secrets-workbook:allow", "pragma: allowlist secret")
ALLOW_FILE = "secrets-workbook:allow-file"
LOCK_FILES = ("package-lock.json", "yarn.lock", "go.sum", "pnpm-lock.yaml", "Cargo.lock", "poetry.lock")


def entropy(text):
    """Shannon entropy in bits per character."""
    counts = {c: text.count(c) for c in set(text)}
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def is_placeholder(value):
    return bool(PLACEHOLDER.search(value)) or len(set(value)) < 5


def looks_random(value):
    return len(value) >= 20 and re.fullmatch(r"[A-Za-z0-9+/=_-]+", value) and entropy(value) >= 3.5


def scan_line(line):
    """The categories of secrets on one line (empty when none)."""
    if any(marker in line for marker in ALLOW_LINE):
        return []
    found = []
    for category, pattern in SHAPES:
        match = pattern.search(line)
        if match and not is_placeholder(match.group(match.lastindex or 0)):
            found.append(category)
    for match in ASSIGNMENT.finditer(line):
        name, quote, value = match.group("name"), match.group("quote"), match.group("value")
        last = re.split(r"[._-]", name)[-1] if "." in name else name
        if PASSWORD_NAME.search(last) and len(value) >= 8 and not is_placeholder(value):
            # In code an unquoted value is an expression (os.environ[...]), not a literal.
            if quote or not re.search(r"[()\[\]]", value):
                found.append("password")
        elif SECRET_NAME.search(last) and looks_random(value) and not is_placeholder(value):
            found.append("high-entropy")
    return found


def scan_file(path):
    if path.endswith(LOCK_FILES):
        return []
    with open(path, encoding="utf-8", errors="replace") as file:
        lines = file.read().split("\n")
    if any(ALLOW_FILE in line for line in lines[:10]):
        return []
    findings = []
    for number, line in enumerate(lines, start=1):
        categories = scan_line(line)
        if categories:
            findings.append((number, categories[0]))
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
