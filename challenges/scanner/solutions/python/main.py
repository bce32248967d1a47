"""A pre-commit secret scanner: patterns per line, plus context to skip what is not a secret.

Usage: python3 main.py FILE...
Prints one line per finding, <path>:<line>:<category>, never the secret itself.
Exit status: 1 when something was found, 0 when not, 2 when a file could not be read.
"""
import base64
import json
import math
import re
import sys

# Secrets with a shape of their own: the provider chose a prefix so scanners can find them.
SHAPES = [
    ("aws", re.compile(r"\b(?:AKIA|ASIA)[A-Z2-7]{16}\b")),
    ("aws", re.compile(r"(?i)secret_?access_?key[\"']?\s*[:=]\s*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])")),
    ("github", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b")),
    # Test-mode keys are secrets too: they read and write the account's test data.
    ("stripe", re.compile(r"\b[sr]k_(?:live|test)_[A-Za-z0-9]{24,}")),
    ("slack", re.compile(r"\b(?:xox[abposre]|xapp)-[0-9A-Za-z.-]{10,}")),
    ("slack", re.compile(r"hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9/]+)")),
    ("private-key", re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")),
    # Beyond the corpus's eight kinds: a few more prefixes a real hook should know.
    ("gitlab", re.compile(r"\bgl(?:pat|ptt|rt|dt|cbt|oas)-[0-9A-Za-z_-]{20,}")),
    ("vendor", re.compile(r"\b(?:hf_[A-Za-z]{34}|SG\.[\w-]{22}\.[\w-]{43}|sk-ant-[a-z]+\d\d-[\w-]{80,}|SK[0-9a-f]{32})\b")),
]

# Credentials in a URL: user:password@host. Not a template ({PASS}) or the user name again.
URL_CREDENTIALS = re.compile(r"\b[a-z][a-z0-9+.-]*://([^\s:/@\"']*):([^\s:/@\"']+)@")
# A password typed on a curl command line: curl -u user:password, --user "user:password".
CURL_USER = re.compile(r"\bcurl\b.*?\s(?:-u|--user)[ =]?[\"']?([^\s:\"']+):([^\s\"']+)")
# A JSON Web Token: three base64url parts; the header must decode to JSON naming its "alg".
JWT = re.compile(r"\b(e[wy][A-Za-z0-9_-]{10,})\.e[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}")

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
    return bool(PLACEHOLDER.search(value)) or len(set(value)) < 5 or "###" in value or is_sequence(value)


def is_jwt_header(part):
    try:
        header = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except ValueError:
        return False
    return isinstance(header, dict) and "alg" in header


def is_sequence(value):
    """abcdefgh, 12345678: someone typed the alphabet into a placeholder."""
    run = 1
    for a, b in zip(value, value[1:]):
        run = run + 1 if ord(b) - ord(a) == 1 and b.isalnum() else 1
        if run >= 8:
            return True
    return False


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
    for pattern, category in ((URL_CREDENTIALS, "url-credentials"), (CURL_USER, "password")):
        match = pattern.search(line)
        if match:
            user, password = match.groups()
            template = password.startswith(("{", "$", "[")) or password.lower() in ("password", "pass", "secret")
            if password != user and not template and not is_placeholder(password):
                found.append(category)
    match = JWT.search(line)
    if match and is_jwt_header(match.group(1)):
        found.append("jwt")
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
