import { ALLOW_FILE_MARKER } from '../placeholders.js';
import type { CorpusCategory } from '../types.js';
import { pick, randomBytes, randomHex, randomInt, randomUUID } from './random.js';
import { secretSnippet, type DecoyKind, type Format, type Snippet } from './snippets.js';
import * as v from './values.js';

/**
 * Lines that look like secrets to a naive scanner but are not: ids, hashes, placeholders,
 * references to the environment, images, and real-looking values in lines or files explicitly
 * marked as test fixtures. A good scanner reports none of them.
 */

function pngBase64(): string {
  const header = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  return Buffer.concat([header, randomBytes(randomInt(60, 300))]).toString('base64');
}

const AWS_DOC_EXAMPLE = 'AK' + 'IAIOSFODNN7' + 'EXAMPLE';
const STRIPE_PLACEHOLDER = 'sk_' + 'live_' + 'x'.repeat(24);

type DecoyTemplate = [DecoyKind, Format, () => string];

const DECOY_TEMPLATES: DecoyTemplate[] = [
  ['uuid', 'json', () => `"requestId": "${randomUUID()}"`],
  ['uuid', 'yaml', () => `  tenant_id: ${randomUUID()}`],
  ['uuid', 'js', () => `const correlationId = '${randomUUID()}';`],
  ['uuid', 'env', () => `VAULT_ROLE_ID=${randomUUID()}`],
  ['uuid', 'py', () => `INSTANCE_ID = "${randomUUID()}"`],
  ['uuid', 'go', () => `var sessionID = "${randomUUID()}"`],
  ['commit-sha', 'yaml', () => `      - uses: actions/checkout@${v.commitSha()}`],
  ['commit-sha', 'yaml', () => `  commit: ${v.commitSha()}`],
  ['commit-sha', 'json', () => `"gitHead": "${v.commitSha()}"`],
  ['commit-sha', 'md', () => `- Fix token refresh race (${v.commitSha()})`],
  ['commit-sha', 'py', () => `BUILD_SHA = "${v.commitSha()}"`],
  ['commit-sha', 'env', () => `GIT_COMMIT=${v.commitSha()}`],
  ['base64-image', 'js', () => `export const logo = 'data:image/png;base64,${pngBase64()}';`],
  ['base64-image', 'json', () => `"thumbnail": "${pngBase64()}"`],
  ['base64-image', 'md', () => `![status](data:image/png;base64,${pngBase64()})`],
  ['placeholder', 'env', () => `GITHUB_TOKEN=<your-github-token>`],
  ['placeholder', 'env', () => `AWS_ACCESS_KEY_ID=${AWS_DOC_EXAMPLE}`],
  ['placeholder', 'env', () => `STRIPE_SECRET_KEY=${STRIPE_PLACEHOLDER}`],
  ['placeholder', 'env', () => `DB_PASSWORD=changeme`],
  ['placeholder', 'env', () => `SESSION_SECRET=\${SESSION_SECRET}`],
  ['placeholder', 'yaml', () => `  password: \${DB_PASSWORD}`],
  ['placeholder', 'yaml', () => `  password: "{{ .Values.database.password }}"`],
  ['placeholder', 'yaml', () => `  api_key: your-api-key-here`],
  ['placeholder', 'py', () => `DB_PASSWORD = os.environ["DB_PASSWORD"]`],
  ['placeholder', 'py', () => `SECRET_KEY = os.getenv("SECRET_KEY")`],
  ['placeholder', 'js', () => `const token = process.env.GITHUB_TOKEN;`],
  ['placeholder', 'js', () => `const password = config.get('db.password');`],
  ['placeholder', 'json', () => `"password": ""`],
  ['placeholder', 'json', () => `"apiKey": "<api-key>"`],
  ['placeholder', 'go', () => `var dbPassword = os.Getenv("DB_PASSWORD")`],
  ['placeholder', 'md', () => `export VAULT_TOKEN=root`],
  ['placeholder', 'md', () => `curl -u admin:password@example.com https://api.example.com`],
  ['placeholder', 'properties', () => `spring.datasource.password=\${DB_PASSWORD}`],
  ['near-miss', 'yaml', () => `  password_min_length: 12`],
  ['near-miss', 'env', () => `PASSWORD_FILE=/run/secrets/db_password`],
  ['near-miss', 'env', () => `TOKEN_TTL=3600`],
  ['near-miss', 'js', () => `const passwordInput = document.querySelector('#password');`],
  ['near-miss', 'py', () => `if password == confirm_password:`],
  ['near-miss', 'json', () => `"tokenEndpoint": "https://auth.example.com/oauth/token"`],
  ['near-miss', 'go', () => `const maxPasswordLength = 128`],
  ['near-miss', 'properties', () => `spring.datasource.username=app`],
  ['near-miss', 'yaml', () => `  image: ghcr.io/acme/orders-service:1.14.2`],
];

export function decoySnippet(format?: Format, kind?: DecoyKind): Snippet {
  const matching = DECOY_TEMPLATES.filter(([k, f]) => (!format || f === format) && (!kind || k === kind));
  const [decoy, chosen, render] = pick(matching.length ? matching : DECOY_TEMPLATES);
  return { format: chosen, lines: [render()], decoy };
}

/** A real-looking secret followed by an allow comment in the file's comment syntax. */
export function allowCommentSnippet(format: Format, category: CorpusCategory): Snippet | undefined {
  const comment = { env: '#', yaml: '#', py: '#', properties: '#', js: '//', go: '//' }[format as 'env'];
  if (!comment) return undefined;
  const base = secretSnippet(category, format);
  if (base.format !== format || base.lines.length !== 1) return undefined;
  const marker = pick(['secrets-workbook:allow', 'pragma: allowlist secret']);
  return { format, lines: [`${base.lines[0]} ${comment} ${marker}`], decoy: 'allow-comment' };
}

const FILLER: Record<Format, Array<() => string>> = {
  env: [
    () => `PORT=${pick([3000, 8080, 8000])}`,
    () => 'LOG_LEVEL=info',
    () => 'NODE_ENV=production',
    () => `DB_HOST=db.internal`,
    () => 'DB_USER=app',
    () => '# Database',
    () => `FEATURE_FLAGS=checkout,search`,
  ],
  yaml: [
    () => '  replicas: 3',
    () => '  host: db.internal',
    () => '  port: 5432',
    () => '  username: app',
    () => '  timeout: 30s',
    () => '  # connection settings',
    () => `  region: ${pick(['eu-west-1', 'us-east-1'])}`,
  ],
  json: [
    () => `"name": "orders-service"`,
    () => `"port": ${pick([3000, 8080])}`,
    () => `"debug": false`,
    () => `"region": "eu-west-1"`,
    () => `"retries": 3`,
  ],
  py: [
    () => 'DEBUG = False',
    () => 'ALLOWED_HOSTS = ["api.example.com"]',
    () => 'TIME_ZONE = "UTC"',
    () => '# settings for production',
    () => 'CACHE_TTL = 300',
  ],
  js: [
    () => `const port = Number(process.env.PORT ?? 3000);`,
    () => `const region = 'eu-west-1';`,
    () => '// client setup',
    () => `const retries = 3;`,
    () => `app.use(express.json());`,
  ],
  go: [() => `var port = 8080`, () => '// configuration', () => `const region = "eu-west-1"`, () => `var retries = 3`],
  properties: [
    () => 'server.port=8080',
    () => 'spring.jpa.hibernate.ddl-auto=validate',
    () => 'logging.level.root=INFO',
    () => 'spring.datasource.username=app',
  ],
  md: [
    () => 'Run the service locally:',
    () => '',
    () => 'See the deployment guide for details.',
    () => 'npm install && npm start',
  ],
  pem: [],
};

export function fillerLine(format: Format): string {
  const options = FILLER[format];
  return options.length ? pick(options)() : '';
}

/** Whole files that are decoys: lock files full of hashes, a changelog, a marked test fixture. */
export function decoyFiles(count: number): Array<{ path: string; lines: string[]; decoy: DecoyKind }> {
  const files: Array<{ path: string; lines: string[]; decoy: DecoyKind }> = [];
  const packages = Array.from(
    { length: count },
    (_, i) => `${pick(['left', 'is', 'fast', 'tiny', 'micro'])}-${pick(['pad', 'glob', 'queue', 'cache', 'json'])}${i}`,
  );
  files.push({
    path: 'package-lock.json',
    decoy: 'lock-hash',
    lines: [
      '{',
      '  "name": "orders-service",',
      '  "lockfileVersion": 3,',
      '  "packages": {',
      ...packages.flatMap((name, i) => [
        `    "node_modules/${name}": {`,
        `      "version": "1.${i}.0",`,
        `      "resolved": "https://registry.npmjs.org/${name}/-/${name}-1.${i}.0.tgz",`,
        `      "integrity": "sha512-${randomBytes(64).toString('base64')}"`,
        `    }${i === packages.length - 1 ? '' : ','}`,
      ]),
      '  }',
      '}',
    ],
  });
  files.push({
    path: 'yarn.lock',
    decoy: 'lock-hash',
    lines: packages.flatMap((name, i) => [
      `${name}@^1.${i}.0:`,
      `  version "1.${i}.0"`,
      `  resolved "https://registry.yarnpkg.com/${name}/-/${name}-1.${i}.0.tgz#${randomHex(40)}"`,
      `  integrity sha512-${randomBytes(64).toString('base64')}`,
      '',
    ]),
  });
  files.push({
    path: 'go.sum',
    decoy: 'lock-hash',
    lines: packages.flatMap((name, i) => [
      `github.com/acme/${name} v1.${i}.0 h1:${randomBytes(32).toString('base64')}`,
      `github.com/acme/${name} v1.${i}.0/go.mod h1:${randomBytes(32).toString('base64')}`,
    ]),
  });
  files.push({
    path: 'CHANGELOG.md',
    decoy: 'commit-sha',
    lines: [
      '# Changelog',
      '',
      ...Array.from(
        { length: count },
        (_, i) => `- 1.${i}.0: ${pick(['fix', 'feat', 'chore'])}: update dependencies (${v.commitSha()})`,
      ),
    ],
  });
  const fixture = ['# ' + ALLOW_FILE_MARKER + ' — fake credentials used by the test suite'];
  for (const category of ['aws', 'github', 'stripe', 'password', 'url-credentials'] as const)
    fixture.push(secretSnippet(category, 'env').lines[0]!);
  files.push({ path: 'test/fixtures/credentials.env', decoy: 'test-fixture', lines: fixture });
  return files;
}
