// A pre-commit secret scanner — the starting point: a list of patterns applied to each line.
//
// Usage: node main.js FILE...
// Prints one line per finding, <path>:<line>:<category>, never the secret itself.
// Exit status: 1 when something was found, 0 when not, 2 when a file could not be read.
//
// Grade it with:  secrets-workbook grade scanner
import { readFileSync } from 'node:fs';

const PATTERNS = [
  ['aws', /AKIA[0-9A-Z]{16}/],
  ['github', /gh[pousr]_[A-Za-z0-9]{36}/],
  ['private-key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  // TODO (check `recall`): Stripe live keys, Slack tokens and webhooks, AWS secret access keys,
  // credentials in URLs, GitHub fine-grained tokens — and the secrets without a shape:
  // passwords and random keys assigned to a name that says what they are.
  // TODO (check `precision`): skip placeholders (EXAMPLE keys, <your-token>, ${VAR}),
  // lines marked secrets-workbook:allow, files marked secrets-workbook:allow-file, lock files.
];

function scanFile(path) {
  const findings = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const hit = PATTERNS.find(([, pattern]) => pattern.test(line));
      if (hit) findings.push([index + 1, hit[0]]);
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
