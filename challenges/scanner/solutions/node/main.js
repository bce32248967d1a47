// A pre-commit secret scanner: patterns per line, plus context to skip what is not a secret.
//
// Usage: node main.js FILE...
// Prints one line per finding, <path>:<line>:<category>, never the secret itself.
// Exit status: 1 when something was found, 0 when not, 2 when a file could not be read.
import { readFileSync } from 'node:fs';

// Secrets with a shape of their own: the provider chose a prefix so scanners can find them.
const SHAPES = [
  ['aws', /\b(?:AKIA|ASIA)[A-Z2-7]{16}\b/],
  ['aws', /secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i],
  ['github', /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/],
  // Test-mode keys are secrets too: they read and write the account's test data.
  ['stripe', /\b[sr]k_(?:live|test)_[A-Za-z0-9]{24,}/],
  ['slack', /\b(?:xox[abposre]|xapp)-[0-9A-Za-z.-]{10,}/],
  ['slack', /hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9/]+)/],
  ['private-key', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/],
  // Beyond the corpus's eight kinds: a few more prefixes a real hook should know.
  ['gitlab', /\bgl(?:pat|ptt|rt|dt|cbt|oas)-[0-9A-Za-z_-]{20,}/],
  ['vendor', /\b(?:hf_[A-Za-z]{34}|SG\.[\w-]{22}\.[\w-]{43}|sk-ant-[a-z]+\d\d-[\w-]{80,}|SK[0-9a-f]{32})\b/],
];

// Credentials in a URL (user:password@host) and on a curl command line (-u/--user user:password):
// not a template ({PASS}, $PASS, [PASSWORD]) and not the user name again (postgres:postgres).
const CREDENTIALS = [
  ['url-credentials', /\b[a-z][a-z0-9+.-]*:\/\/([^\s:/@"']*):([^\s:/@"']+)@/],
  ['password', /\bcurl\b.*?\s(?:-u|--user)[ =]?["']?([^\s:"']+):([^\s"']+)/],
];
// A JSON Web Token: three base64url parts; the header must decode to JSON naming its "alg".
const JWT = /\b(e[wy][A-Za-z0-9_-]{10,})\.e[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}/;

function isJwtHeader(part) {
  try {
    const header = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && 'alg' in header;
  } catch {
    return false;
  }
}

// Secrets without a shape: a value assigned to a name that says what it is.
const ASSIGNMENT = /(?<name>[A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?::|=(?!=))\s*(?<quote>["']?)(?<value>[^\s"',;)]*)\k<quote>/g;
const PASSWORD_NAME = /(?:pass(?:word|wd)?|pwd)$/i;
const SECRET_NAME = /(?:secret|key|token)$/i;

// Values that are not secrets: placeholders, references to somewhere else, documentation examples.
const PLACEHOLDER = /example|changeme|change_me|your|placeholder|dummy|fake|sample|redacted|xxxx|\*\*\*|\.\.\.|<|>|\$\{|\{\{|%\(/i;
const ALLOW_LINE = ['secrets-workbook:allow', 'pragma: allowlist secret'];
const ALLOW_FILE = 'secrets-workbook:allow-file';
const LOCK_FILES = ['package-lock.json', 'yarn.lock', 'go.sum', 'pnpm-lock.yaml', 'Cargo.lock', 'poetry.lock'];

/** Shannon entropy in bits per character. */
function entropy(text) {
  const counts = new Map();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

/** abcdefgh, 12345678: someone typed the alphabet into a placeholder. */
function isSequence(value) {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) - value.charCodeAt(i - 1) === 1 && /[A-Za-z0-9]/.test(value[i]) ? run + 1 : 1;
    if (run >= 8) return true;
  }
  return false;
}

const isPlaceholder = (value) =>
  PLACEHOLDER.test(value) || new Set(value).size < 5 || value.includes('###') || isSequence(value);
const looksRandom = (value) => value.length >= 20 && /^[A-Za-z0-9+/=_-]+$/.test(value) && entropy(value) >= 3.5;

/** The categories of secrets on one line (empty when none). */
function scanLine(line) {
  if (ALLOW_LINE.some((marker) => line.includes(marker))) return [];
  const found = [];
  for (const [category, pattern] of SHAPES) {
    const match = pattern.exec(line);
    if (match && !isPlaceholder(match[1] ?? match[0])) found.push(category);
  }
  for (const [category, pattern] of CREDENTIALS) {
    const match = pattern.exec(line);
    if (!match) continue;
    const [, user, password] = match;
    const template = /^[{$[]/.test(password) || ['password', 'pass', 'secret'].includes(password.toLowerCase());
    if (password !== user && !template && !isPlaceholder(password)) found.push(category);
  }
  const jwt = JWT.exec(line);
  if (jwt && isJwtHeader(jwt[1])) found.push('jwt');
  for (const match of line.matchAll(ASSIGNMENT)) {
    const { name, quote, value } = match.groups;
    const last = name.includes('.') ? name.split(/[._-]/).at(-1) : name;
    if (PASSWORD_NAME.test(last) && value.length >= 8 && !isPlaceholder(value)) {
      // In code an unquoted value is an expression (os.environ[...]), not a literal.
      if (quote || !/[()[\]]/.test(value)) found.push('password');
    } else if (SECRET_NAME.test(last) && looksRandom(value) && !isPlaceholder(value)) {
      found.push('high-entropy');
    }
  }
  return found;
}

function scanFile(path) {
  if (LOCK_FILES.some((name) => path.endsWith(name))) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines.slice(0, 10).some((line) => line.includes(ALLOW_FILE))) return [];
  const findings = [];
  lines.forEach((line, index) => {
    const categories = scanLine(line);
    if (categories.length > 0) findings.push([index + 1, categories[0]]);
  });
  return findings;
}

let found = false;
for (const path of process.argv.slice(2)) {
  let findings;
  try {
    findings = scanFile(path);
  } catch (error) {
    console.error(`${path}: cannot read: ${error.code ?? error.message}`);
    process.exit(2);
  }
  for (const [line, category] of findings) {
    console.log(`${path}:${line}:${category}`);
    found = true;
  }
}
process.exitCode = found ? 1 : 0;
