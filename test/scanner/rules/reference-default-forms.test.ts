import { describe, expect, test } from 'vitest';
import { BASE62, randomString } from '../../../src/scanner/corpus/random.js';
import { scanText } from '../../../src/scanner/scan-text.js';
import { seeded } from '../../helpers/seeded.js';
import { describeFound, describeQuiet, type FoundCase, type QuietCase } from './form-cases.js';

// Secrets written as the default inside a reference to a setting (shell and Compose interpolation,
// Spring and Log4j placeholders, Helm and Jinja templates, Actions expressions) and as a CloudFormation
// parameter's Default. Values are drawn at run time from a seed; the look-alikes are the defaults a
// development setup ships (`postgres`, `localhost`), messages, and defaults that are references again.
const word = (n: number) => randomString(BASE62, n);
const digit = () => randomString('0123456789', 1);
const symbol = () => randomString('!%&#@', 1);
const pass = () => `${word(6)}${symbol()}${word(4)}${digit()}${word(2)}`;
/** A key as a service issues one: random letters and digits. */
const key = () => `${word(26)}${digit()}${word(5)}`;

const found: FoundCase[] = [
  [
    'a Compose default after :-',
    'docker-compose.yml',
    () => `    environment:\n      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-${pass()}}\n`,
    'password-assignment',
  ],
  ['a quoted Compose default', 'compose.yaml', () => `      - "API_KEY=\${API_KEY:-${key()}}"\n`, 'secret-assignment'],
  ['a .env default', '.env', () => `DB_PASSWORD=\${DB_PASSWORD:-${pass()}}\n`, 'password-assignment'],
  ['a shell default without the colon', 'run.sh', () => `curl -H "X: \${API_TOKEN-${key()}}" x\n`, 'secret-assignment'],
  ['a shell default assigned with :=', 'run.sh', () => `: "\${SECRET_KEY:=${key()}}"\n`, 'secret-assignment'],
  [
    'a default quoted inside the braces',
    'run.sh',
    () => `export DB_PASS=\${DB_PASS:-'${pass()}'}\n`,
    'password-assignment',
  ],
  [
    'a Spring placeholder in properties',
    'application.properties',
    () => `spring.datasource.password=\${DB_PASSWORD:${pass()}}\n`,
    'password-assignment',
  ],
  [
    'a Spring placeholder with a dotted name in YAML',
    'application.yml',
    () => `app:\n  jwt:\n    signing-key: \${app.jwt.secret-key:${key()}}\n`,
    'secret-assignment',
  ],
  [
    'a Spring @Value in Java',
    'JwtConfig.java',
    () => `    @Value("\${jwt.secret:${key()}}")\n    private String secret;\n`,
    'secret-assignment',
  ],
  [
    'a Logback default',
    'logback.xml',
    () => `<property name="oauthSecret" value="\${oauth.client-secret:-${key()}}"/>\n`,
    'secret-assignment',
  ],
  [
    'a Log4j environment lookup',
    'log4j2.xml',
    () => `<Property name="pw">\${env:SMTP_PASSWORD:-${pass()}}</Property>\n`,
    'password-assignment',
  ],
  [
    'a Helm default after a pipe',
    'templates/secret.yaml',
    () => `  password: {{ .Values.postgresql.password | default "${pass()}" | b64enc | quote }}\n`,
    'password-assignment',
  ],
  [
    "Sprig's default function",
    'templates/secret.yaml',
    () => `  api-key: {{ default "${key()}" .Values.apiKey | b64enc }}\n`,
    'secret-assignment',
  ],
  [
    'a Jinja default filter',
    'roles/app/templates/app.env.j2',
    () => `API_KEY={{ api_key | default('${key()}') }}\n`,
    'secret-assignment',
  ],
  [
    'an Ansible default in a task',
    'tasks/main.yml',
    () => `    login_password: "{{ mysql_root_password | default('${pass()}') }}"\n`,
    'password-assignment',
  ],
  [
    'an Actions fallback for a secret',
    '.github/workflows/deploy.yml',
    () => `        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN || '${key()}' }}\n`,
    'secret-assignment',
  ],
  [
    'a CloudFormation password parameter',
    'template.yaml',
    () => `Parameters:\n  DBPassword:\n    Type: String\n    NoEcho: true\n    Default: ${pass()}\n`,
    'password-assignment',
  ],
  [
    'a CloudFormation parameter hidden by NoEcho alone',
    'stack.yml',
    () =>
      `Parameters:\n  Upstream:\n    Default: "${key()}"\n    NoEcho: 'true'\n    Type: String\n    Description: upstream\n`,
    'secret-assignment',
  ],
  [
    'a CloudFormation parameter in JSON',
    'template.json',
    () =>
      `{\n  "Parameters": {\n    "MasterUserPassword": {\n      "Type": "String",\n      "NoEcho": "true",\n      "Default": "${pass()}"\n    }\n  }\n}\n`,
    'password-assignment',
  ],
  ['a fallback to process.env', 'server.js', () => `const k = process.env.API_KEY || "${key()}";`, 'secret-assignment'],
  [
    'a ?? fallback to a bracketed env name',
    'client.ts',
    () => `const k = process.env['STRIPE_SECRET'] ?? '${key()}';`,
    'secret-assignment',
  ],
  [
    'a fallback to import.meta.env',
    'main.ts',
    () => `const k = import.meta.env.VITE_API_TOKEN || '${key()}';`,
    'secret-assignment',
  ],
  [
    'a fallback to Deno.env.get',
    'main.ts',
    () => `const k = Deno.env.get("API_TOKEN") ?? "${key()}";`,
    'secret-assignment',
  ],
  [
    'a password as the fallback of an env variable',
    'db.js',
    () => `  password: process.env.DB_PASSWORD || '${pass()}',`,
    'password-assignment',
  ],
  ["PHP's getenv with ?:", 'config.php', () => `$key = getenv('API_KEY') ?: '${key()}';`, 'secret-assignment'],
  ["PHP's $_ENV with ??", 'config.php', () => `$key = $_ENV['API_KEY'] ?? '${key()}';`, 'secret-assignment'],
  ["Python's os.getenv with or", 'settings.py', () => `k = os.getenv("API_KEY") or "${key()}"`, 'secret-assignment'],
];

const quiet: QuietCase[] = [
  ['an empty env fallback', 'server.js', () => `const apiKey = process.env.API_KEY || "";`],
  ['a placeholder env fallback', 'server.js', () => `const apiKey = process.env.API_KEY || "your-api-key-here";`],
  ['a fallback of a setting that is no secret', 'server.js', () => `const port = process.env.PORT || "${key()}";`],
  ['a host as an env fallback', 'db.js', () => `const host = process.env.DB_HOST ?? "db.internal";`],
  ['a development password as an env fallback', 'db.js', () => `password: process.env.DB_PASSWORD || 'postgres'`],
  [
    "a development setup's default",
    'docker-compose.yml',
    () => `      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-postgres}\n`,
  ],
  ['a placeholder default', '.env', () => `DB_PASSWORD=\${DB_PASSWORD:-changeme}\n`],
  ['a word default', '.env', () => `JWT_SECRET=\${JWT_SECRET:-secret}\n`],
  ['a host under a neutral name', '.env', () => `DB_HOST=\${DB_HOST:-${key()}}\n`],
  ['a default that is another reference', '.env', () => `DB_PASSWORD=\${DB_PASSWORD:-\${PG_PASSWORD}}\n`],
  ['a default read from a variable', 'run.sh', () => `: "\${DB_PASSWORD:=$PGPASSWORD}"\n`],
  ['an error message', 'run.sh', () => `: "\${API_TOKEN:?${key()}}"\n`],
  ['an error message in words', 'compose.yaml', () => `      TOKEN: \${TOKEN:?token_must_be_set_${digit()}}\n`],
  ['an alternative value', 'run.sh', () => `curl \${API_TOKEN:+-H${key()}} x\n`],
  ['an empty Spring default', 'application.properties', () => `spring.datasource.password=\${DB_PASSWORD:}\n`],
  ['a quoted weak default an unquoted read cuts', 'run.sh', () => `export DB_PASSWORD=\${DB_PASSWORD:-"postgres"}\n`],
  ['a Spring number', 'application.properties', () => `jwt.expiration=\${JWT_EXPIRATION:86400000}\n`],
  ['a JavaScript template that subtracts', 'a.js', () => `const s = \`\${secretLength-${digit()}}\`;\n`],
  [
    'a Helm default made by a function',
    'templates/s.yaml',
    () => `  password: {{ .Values.password | default (randAlphaNum 16) }}\n`,
  ],
  [
    'a Helm default under a neutral name',
    'templates/s.yaml',
    () => `  image: {{ .Values.image.tag | default "${key()}" }}\n`,
  ],
  ['an Ansible default to omit', 'tasks/main.yml', () => `    api_key: "{{ api_key | default(omit) }}"\n`],
  ['an Actions fallback to another secret', 'ci.yml', () => `      TOKEN: \${{ secrets.TOKEN || github.token }}\n`],
  [
    'an Actions fallback under a neutral name',
    'ci.yml',
    () => `      CHANNEL: \${{ secrets.SLACK_CHANNEL || '${key()}' }}\n`,
  ],
  [
    'a weak CloudFormation password',
    'template.yaml',
    () => `Parameters:\n  DBPassword:\n    Type: String\n    NoEcho: true\n    Default: admin\n`,
  ],
  [
    'a CloudFormation parameter that is not secret',
    'template.yaml',
    () => `Parameters:\n  ImageId:\n    Type: String\n    Default: ${key()}\n`,
  ],
  [
    'a Default that belongs to no parameter',
    'openapi.yaml',
    () => `parameters:\n  - name: password\n    schema:\n      Default: ${pass()}\n`,
  ],
];

describeFound('secrets given as the default of a reference', found);
describeQuiet('defaults that hold no secret', quiet, 5);

describe('where a default is reported', () => {
  test('the finding starts at the value, not at the operator before it', () => {
    const { value: text } = seeded('operator', 0, () => `DB_PASSWORD=\${DB_PASSWORD:-${pass()}}\n`);
    const [finding] = scanText(text, { file: '.env' });
    expect(finding?.column).toBe(text.indexOf(':-') + 3);
  });
});
