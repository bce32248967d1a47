import { describe, expect, test } from 'vitest';
import {
  BASE62,
  DIGITS,
  LOWER,
  UPPER,
  randomBytes,
  randomHex,
  randomString,
} from '../../../src/scanner/corpus/random.js';
import { jwt, password } from '../../../src/scanner/corpus/values.js';
import { scanText } from '../../../src/scanner/scan-text.js';
import { seeded } from '../../helpers/seeded.js';

// The kinds of secret `scan` used to miss, and the look-alikes it used to report, each generated
// at run time (no key-shaped literal in the repository). Every case runs a few times with fresh values.
const b64 = (n: number) => randomBytes(n).toString('base64');
const b64url = (n: number) => randomBytes(n).toString('base64url');
const word = (n: number) => randomString(BASE62, n);
// Shell-safe (no quotes, `$`, `%`, globs): the command lines below are pasted as they are.
const pass = () => password().replace(/['"$`\\!&;|<>(){}[\]#*?%]/g, 'Q');

type Case = [name: string, file: string, text: () => string, rule: string | RegExp];

const found: Case[] = [
  // JWTs: bearer headers, id_tokens, cookies, in code and config.
  ['JWT in an Authorization header (JS)', 'api.js', () => `headers: { Authorization: 'Bearer ${jwt()}' }`, 'jwt'],
  ['JWT id_token in JSON', 'token.json', () => `{"id_token": "${jwt()}", "token_type": "Bearer"}`, 'jwt'],
  ['JWT in a cookie', 'req.http', () => `Cookie: session=${jwt()}; Path=/`, 'jwt'],
  [
    'JWT whose header JSON has spaces',
    'a.txt',
    () => {
      const header = Buffer.from('{ "alg": "HS256", "typ": "JWT" }').toString('base64url');
      const payload = Buffer.from(`{ "sub": "${word(12)}" }`).toString('base64url');
      return `token: ${header}.${payload}.${b64url(32)}`;
    },
    'jwt',
  ],
  // Credentials on command lines.
  [
    'curl -u user:password',
    'deploy.sh',
    () => `curl -u admin:${pass()} https://api.example.com/v1`,
    'command-line-credentials',
  ],
  [
    'curl --user "user:password"',
    'deploy.sh',
    () => `curl -X POST --user "ci:${pass()}" https://x.example.com`,
    'command-line-credentials',
  ],
  [
    'curl --user on a continued line',
    'deploy.sh',
    () => `curl -fsS \\\n  -H 'Accept: application/json' \\\n  --user bot:${pass()} \\\n  https://x.example.com`,
    'command-line-credentials',
  ],
  [
    'curl -u with an API key as the user',
    'charge.sh',
    () => `curl https://api.example.com/v1/charges -u ${'sk_' + 'test_'}${word(24)}:`,
    /command-line-credentials|stripe/,
  ],
  [
    'wget --password=',
    'fetch.sh',
    () => `wget --user=ci --password=${pass()} https://x.example.com/f.tgz`,
    'command-line-credentials',
  ],
  [
    'mysql -pPASSWORD',
    'backup.sh',
    () => `mysqldump -u root -p${pass()} orders > orders.sql`,
    'command-line-credentials',
  ],
  [
    'docker login -p',
    'ci.yml',
    () => `  - docker login -u ci -p ${pass()} registry.example.com`,
    'command-line-credentials',
  ],
  // Passwords the context rules used to skip.
  ['a password starting with 1234', 'app.conf', () => `password = 1234${word(10)}`, 'password-assignment'],
  ['a value with ${ that is no reference', 'app.py', () => `password = "p${'$'}{q]${word(8)}"`, 'password-assignment'],
  [
    'a hard-coded password in a comparison',
    'login.js',
    () => `if (password === "${word(6)}7!") grant();`,
    'password-assignment',
  ],
  [
    'a password in a connection string in code',
    'Db.cs',
    () => `var cs = "Server=db;Database=app;User Id=app;Password=${word(12)};";`,
    'password-assignment',
  ],
  [
    'a password as a JDBC query parameter',
    'App.java',
    () => `url = "jdbc:postgresql://db/app?user=app&password=${word(12)}&ssl=true";`,
    'password-assignment',
  ],
  // Generic secrets: multi-line, escaped, Kubernetes, and a name with "commit" in it.
  [
    'a token split across lines inside XML',
    'settings.xml',
    () => `<apiToken>\n    ${randomHex(40)}\n</apiToken>`,
    'secret-assignment',
  ],
  [
    'a JSON-escaped .env inside a string',
    'config.json',
    () => `{"config.ini": "API_TOKEN=${randomHex(40)}\\nBACKUP_ENABLED=true"}`,
    'secret-assignment',
  ],
  [
    'base64 data in a Kubernetes Secret',
    'secret.yaml',
    () =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ${Buffer.from(word(16)).toString('base64')}\n`,
    'kubernetes-secret',
  ],
  ['a name that says do-not-commit', 'app.py', () => `todo_secret_do_not_commit = "${b64(24)}"`, 'secret-assignment'],
  [
    'registry credentials in a Docker config',
    'config.json',
    () => `{"auths": {"registry.example.com": {"auth": "${Buffer.from(`ci:${word(14)}`).toString('base64')}"}}}`,
    'registry-auth',
  ],
  ['a Go MySQL DSN', 'db.go', () => `dsn := "app:${word(12)}@tcp(db:3306)/orders"`, 'url-credentials'],
  [
    'URL credentials before a closing brace or bar',
    'credentials.xml',
    () => `<secret>{AQAAABAAA https://ci:${word(14)}@bitbucket.org}</secret>`,
    'url-credentials',
  ],
  [
    'URL credentials before a table bar',
    'hosts.md',
    () => `| https://ci:${word(14)}@git_host| ci |`,
    'url-credentials',
  ],
  [
    'an Authorization Basic header',
    'call.sh',
    () => `curl -H "Authorization: Basic ${Buffer.from(`app:${word(14)}`).toString('base64')}" https://x`,
    'authorization-header',
  ],
  // Slack variants.
  [
    'Slack workspace token xoxa-2-',
    'a.env',
    () =>
      `SLACK=${'xo' + 'xa'}-2-${randomString(DIGITS, 12)}-${randomString(DIGITS, 12)}-${randomString(DIGITS, 13)}-${randomHex(32)}`,
    /slack/,
  ],
  [
    'Slack app token xapp-1-',
    'a.env',
    () =>
      `SLACK_APP_TOKEN=${'xa' + 'pp'}-1-A${randomString(UPPER + DIGITS, 10)}-${randomString(DIGITS, 13)}-${randomHex(64)}`,
    /slack/,
  ],
  [
    'Slack configuration token xoxe.xoxp-1-',
    'a.json',
    () => `{"access_token": "${'xo' + 'xe'}.${'xo' + 'xp'}-1-${randomString(UPPER + DIGITS, 164)}"}`,
    /slack/,
  ],
  [
    'Slack workflow webhook',
    'a.yaml',
    () =>
      `url: https://${'hooks.slack'}.com/workflows/T${randomString(UPPER + DIGITS, 9)}/A${randomString(UPPER + DIGITS, 10)}/${randomString(DIGITS, 18)}/${randomString(BASE62, 24)}`,
    /slack/,
  ],
  [
    'Slack webhook without https://',
    'a.md',
    () =>
      `post to ${'hooks.slack'}.com/services/T${randomString(UPPER + DIGITS, 8)}/B${randomString(UPPER + DIGITS, 10)}/${randomString(BASE62, 24)}`,
    /slack/,
  ],
  // The vendors that had no rule, and Stripe's other keys.
  ['Hugging Face token', 'a.py', () => `login(token="${'hf' + '_'}${randomString(UPPER + LOWER, 34)}")`, /huggingface/],
  ['GitLab personal access token', 'a.env', () => `GITLAB_TOKEN=${'glp' + 'at-'}${randomString(BASE62, 20)}`, /gitlab/],
  [
    'SendGrid API key',
    'a.env',
    () => `SENDGRID_API_KEY=${'S' + 'G.'}${b64url(16).slice(0, 22)}.${b64url(32).slice(0, 43)}`,
    /sendgrid/,
  ],
  ['Twilio API key', 'a.js', () => `const twilioKey = '${'S' + 'K'}${randomHex(32)}';`, /twilio/],
  [
    'Anthropic API key',
    'a.env',
    () => `ANTHROPIC_API_KEY=${'sk-' + 'ant-api03-'}${randomString(BASE62 + '_-', 93)}AA`,
    /anthropic/,
  ],
  ['Stripe test secret key', 'a.env', () => `STRIPE_KEY=${'sk_' + 'test_'}${randomString(BASE62, 99)}`, /stripe/],
  ['Stripe restricted live key', 'a.env', () => `STRIPE_KEY=${'rk_' + 'live_'}${randomString(BASE62, 24)}`, /stripe/],
];

// The false alarms of the issue, and their kin: none of these is reported.
const notFound: Array<[name: string, file: string, text: string]> = [
  ['template braces in URL credentials', 'a.md', 'Connect to https://{USER}:{PASS}@api.example.com/v1'],
  [
    'a default same-name credential',
    'docker-compose.yml',
    '      DATABASE_URL: postgres://postgres:postgres@localhost:5432/app',
  ],
  ['a # placeholder run in a Slack token', 'a.md', `SLACK_TOKEN=${'xo' + 'xp'}-1234567890-1234567890-#####`],
  ['an alphabet placeholder key', 'a.env', 'API_KEY=abcdefghijklmnopqrstuvwxyz0123456789'],
  [
    'a Jenkins credentialsId',
    'Jenkinsfile',
    "withCredentials([string(credentialsId: 'ff083f76-7804-4ef1-80e4-fe975bb9141b', variable: 'TOKEN')])",
  ],
  [
    'a Rails authenticity_token field',
    'form.html',
    `<input type="hidden" name="authenticity_token" value="${'xHn5bV0kQ2mZp8rT4yW6'}uJ1aD3fG7hK9lC5nB2vX0zE=">`,
  ],
  ['curl -u from variables', 'a.sh', 'curl -u "$API_USER:$API_PASSWORD" https://x.example.com'],
  [
    'curl -u with GitHub Actions expressions',
    'ci.yml',
    '  run: curl -u "${{ secrets.USER }}:${{ secrets.PASS }}" https://x',
  ],
  ['curl -u with a placeholder', 'a.md', 'curl --user neo4j:[PASSWORD] http://[IP]:7474/db/data/'],
  ['curl -u with only a user (curl asks)', 'a.md', 'curl -u alice https://x.example.com'],
  ['ssh -p is a port', 'a.sh', 'ssh -p 2222 deploy@host'],
  ['docker run -u uid:gid', 'a.sh', 'docker run -u 1000:1000 curlimages/curl https://x'],
  ['a JWT-looking string whose header is not JSON', 'a.txt', `eyJhbGciOieeeZZZ.${'eyJ'}${'x'.repeat(30)}.abc`],
  [
    'two dotted base64 words that are not a JWT',
    'a.txt',
    'bm90X3ZhbGlkX2pzb25fYXRfYWxs.bm90X3ZhbGlkX2pzb25fYXRfYWxs.SflKxwRJSMeKKF2QT4fwpMeJf36POk6y',
  ],
  [
    'a Kubernetes ConfigMap',
    'cm.yaml',
    'apiVersion: v1\nkind: ConfigMap\ndata:\n  LOG_LEVEL: info\n  REGION: eu-west-1\n',
  ],
  [
    'a Secret with a Helm template',
    'secret.yaml',
    'kind: Secret\ndata:\n  password: {{ .Values.password | b64enc }}\n',
  ],
  ['an Authorization header from a variable', 'a.js', 'fetch(url, { headers: { Authorization: `Bearer ${token}` } });'],
  ['a regular expression about a token', 'a.ts', 'const TOKEN = /([A-Za-z0-9]+)\\.([A-Za-z0-9]+)/;'],
  [
    'a Vault CLI @file argument',
    'a.md',
    'vault write -field=creation_path sys/wrapping/lookup token=@wrapped_secret_id',
  ],
  [
    'code in a YAML hint',
    'a.yaml',
    '  text: secret_id = hvac.Client(url=addr, token=wrapping_token).sys.unwrap()["data"]["secret_id"]',
  ],
];

describe('what the issue found missing is found', () => {
  test.each(found)('%s', (name, file, make, rule) => {
    for (let round = 0; round < 5; round++) {
      const { value: text, note } = seeded(name, round, make);
      const findings = scanText(text, { file });
      expect(findings.map((f) => f.ruleId).join(' '), `${text}\n${note}`).toMatch(
        rule instanceof RegExp ? rule : new RegExp(`^${rule}$`),
      );
      // Never the secret in a finding: the preview is short and the fingerprint a hash prefix.
      for (const finding of findings) expect(finding.preview.length).toBeLessThanOrEqual(45);
    }
  });
});

describe('the false alarms of the issue are gone', () => {
  test.each(notFound)('%s', (_name, file, text) => {
    expect(scanText(text, { file }).map((f) => `${f.ruleId}@${f.line}:${f.column}`)).toEqual([]);
  });
});
