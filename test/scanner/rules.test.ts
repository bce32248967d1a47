import { describe, expect, test } from 'vitest';
import { scanText } from '../../src/scanner/scan-text.js';
import { fingerprint } from '../../src/scanner/redact.js';
import * as v from '../../src/scanner/corpus/values.js';
import { randomBytes, withSeed } from '../../src/scanner/corpus/random.js';
import { TEST_SEED, seeded } from '../helpers/seeded.js';

// Every positive is generated here, at test time: no realistic secret is committed.
type Case = { name: string; file: string; secret: () => string; line: (secret: string) => string; rule: string };

const positives: Case[] = [
  {
    name: 'AWS access key id in an ini file',
    file: 'credentials',
    secret: v.awsAccessKeyId,
    line: (s) => `aws_access_key_id = ${s}`,
    rule: 'aws-access-key-id',
  },
  {
    name: 'AWS access key id in code',
    file: 'app.js',
    secret: v.awsAccessKeyId,
    line: (s) => `const id = '${s}';`,
    rule: 'aws-access-key-id',
  },
  {
    name: 'AWS secret key in .env',
    file: '.env',
    secret: v.awsSecretAccessKey,
    line: (s) => `AWS_SECRET_ACCESS_KEY=${s}`,
    rule: 'aws-secret-access-key',
  },
  {
    name: 'AWS secret key in JS',
    file: 'a.ts',
    secret: v.awsSecretAccessKey,
    line: (s) => `const c = { secretAccessKey: "${s}" };`,
    rule: 'aws-secret-access-key',
  },
  {
    name: 'GitHub classic token',
    file: 'a.py',
    secret: () => v.githubToken('p'),
    line: (s) => `g = Github("${s}")`,
    rule: 'github-token',
  },
  {
    name: 'GitHub OAuth token',
    file: 'a.yaml',
    secret: () => v.githubToken('o'),
    line: (s) => `token: ${s}`,
    rule: 'github-token',
  },
  {
    name: 'GitHub user-to-server token',
    file: 'a.env',
    secret: () => v.githubToken('u'),
    line: (s) => `GH=${s}`,
    rule: 'github-token',
  },
  {
    name: 'GitHub server-to-server token',
    file: 'a.md',
    secret: () => v.githubToken('s'),
    line: (s) => `curl -H "Authorization: token ${s}"`,
    rule: 'github-token',
  },
  {
    name: 'GitHub refresh token',
    file: 'a.json',
    secret: () => v.githubToken('r'),
    line: (s) => `{"refresh": "${s}"}`,
    rule: 'github-token',
  },
  {
    name: 'GitHub fine-grained token',
    file: 'a.sh',
    secret: v.githubFineGrainedToken,
    line: (s) => `export GITHUB_TOKEN="${s}"`,
    rule: 'github-fine-grained-token',
  },
  {
    name: 'Stripe live key',
    file: 'a.rb',
    secret: v.stripeLiveKey,
    line: (s) => `Stripe.api_key = '${s}'`,
    rule: 'stripe-live-key',
  },
  {
    name: 'Slack token',
    file: 'a.py',
    secret: v.slackToken,
    line: (s) => `WebClient(token="${s}")`,
    rule: 'slack-token',
  },
  {
    name: 'Slack webhook',
    file: 'a.go',
    secret: v.slackWebhook,
    line: (s) => `http.Post("${s}", "application/json", body)`,
    rule: 'slack-webhook',
  },
  {
    name: 'npm token in .npmrc',
    file: '.npmrc',
    secret: v.npmToken,
    line: (s) => `//registry.npmjs.org/:_authToken=${s}`,
    rule: 'npm-token',
  },
  {
    name: 'Vault service token',
    file: '.env',
    secret: v.vaultToken,
    line: (s) => `VAULT_TOKEN=${s}`,
    rule: 'vault-token',
  },
  {
    name: 'Vault legacy token',
    file: 'a.py',
    secret: () => 's.' + randomBytes(18).toString('base64').replace(/[+/=]/g, 'Q').slice(0, 24),
    line: (s) => `VAULT_TOKEN = "${s}"`,
    rule: 'vault-legacy-token',
  },
  {
    name: 'OpenAI-style project key',
    file: 'a.py',
    secret: () => 'sk-' + 'proj-' + randomBytes(60).toString('base64url'),
    line: (s) => `client = OpenAI(api_key="${s}")`,
    rule: 'openai-api-key',
  },
  {
    name: 'Google API key',
    file: 'a.js',
    secret: () => 'AI' + 'za' + randomBytes(40).toString('base64url').slice(0, 35),
    line: (s) => `const key = "${s}";`,
    rule: 'gcp-api-key',
  },
  {
    name: 'postgres URL password',
    file: '.env',
    secret: () => v.urlWithCredentials().password,
    line: (s) => `DATABASE_URL=postgres://app:${s}@db.internal:5432/app`,
    rule: 'url-credentials',
  },
  {
    name: 'redis URL password with empty user',
    file: 'a.yaml',
    secret: () => v.urlWithCredentials().password,
    line: (s) => `url: redis://:${s}@cache:6379`,
    rule: 'url-credentials',
  },
  {
    name: 'password in Python',
    file: 'settings.py',
    secret: v.password,
    line: (s) => `PASSWORD = "${s}"`,
    rule: 'password-assignment',
  },
  {
    name: 'password with a type annotation',
    file: 'settings.py',
    secret: v.password,
    line: (s) => `password: str = "${s}"`,
    rule: 'password-assignment',
  },
  {
    name: 'DB_PASSWORD in .env',
    file: '.env',
    secret: v.password,
    line: (s) => `DB_PASSWORD=${s}`,
    rule: 'password-assignment',
  },
  {
    name: 'password in YAML',
    file: 'compose.yaml',
    secret: v.password,
    line: (s) => `      POSTGRES_PASSWORD: ${s}`,
    rule: 'password-assignment',
  },
  {
    name: 'password in JSON',
    file: 'config.json',
    secret: v.password,
    line: (s) => `  "password": "${s}",`,
    rule: 'password-assignment',
  },
  {
    name: 'password in Go',
    file: 'main.go',
    secret: v.password,
    line: (s) => `	dbPassword := "${s}"`,
    rule: 'password-assignment',
  },
  {
    name: 'password in .properties',
    file: 'app.properties',
    secret: v.password,
    line: (s) => `spring.datasource.password=${s}`,
    rule: 'password-assignment',
  },
  {
    name: 'password in XML',
    file: 'settings.xml',
    secret: v.password,
    line: (s) => `<password>${s}</password>`,
    rule: 'password-assignment',
  },
  {
    name: 'password as a keyword argument',
    file: 'db.py',
    secret: v.password,
    line: (s) => `connect(host="db", password="${s}")`,
    rule: 'password-assignment',
  },
  {
    name: 'Vault AppRole secret_id',
    file: 'app.py',
    secret: () => v.randomUUID(),
    line: (s) => `VAULT_SECRET_ID = "${s}"`,
    rule: 'secret-assignment',
  },
  {
    name: 'session secret (hex)',
    file: '.env',
    secret: () => randomBytes(32).toString('hex'),
    line: (s) => `SESSION_SECRET=${s}`,
    rule: 'secret-assignment',
  },
  {
    name: 'signing key (base64)',
    file: 'a.ts',
    secret: () => randomBytes(32).toString('base64'),
    line: (s) => `export const signingKey = '${s}';`,
    rule: 'secret-assignment',
  },
  {
    name: 'random value with a neutral name',
    file: 'a.ts',
    secret: () => '7' + randomBytes(30).toString('base64url'),
    line: (s) => `const value = "${s}";`,
    rule: 'high-entropy-string',
  },
];

describe('rules find generated secrets', () => {
  for (const c of positives) {
    test(c.name, () => {
      for (let round = 0; round < 20; round++) {
        const { value: secret, note } = seeded(c.name, round, c.secret);
        const line = c.line(secret);
        const text = `# header\n${line}\n`;
        const findings = scanText(text, { file: c.file });
        expect(
          findings.map((f) => f.ruleId),
          `${line}\n${note}`,
        ).toEqual([c.rule]);
        const [finding] = findings;
        expect(finding!.line).toBe(2);
        expect(finding!.column).toBe(line.indexOf(secret) + 1);
        expect(finding!.fingerprint).toBe(fingerprint(secret));
        expect(JSON.stringify(finding)).not.toContain(secret);
      }
    });
  }

  test('private keys in every format, raw and JSON-escaped', () => {
    for (const format of ['rsa-pkcs1', 'pkcs8', 'ec', 'openssh'] as const) {
      const key = v.privateKey(format);
      const pemFile = scanText(`\n${key}`, { file: 'id_key' });
      expect(pemFile.map((f) => [f.ruleId, f.line, f.column])).toEqual([['private-key', 2, 1]]);
      expect(pemFile[0]!.preview).toMatch(/^-----BEGIN [A-Z ]+-----[A-Za-z0-9+/]{1,4}…$/);
      const json = scanText(JSON.stringify({ private_key: key }), { file: 'sa.json' });
      expect(json.map((f) => f.ruleId)).toEqual(['private-key']);
      const yaml = scanText(
        `tls:\n  key: |\n${key
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n')}`,
        { file: 'a.yaml' },
      );
      expect(yaml.map((f) => [f.ruleId, f.line])).toEqual([['private-key', 3]]);
    }
  });

  test('a GCP service-account file: the key id and the private key', () => {
    const account = {
      type: 'service_account',
      project_id: 'demo',
      private_key_id: v.commitSha(),
      private_key: v.privateKey('pkcs8'),
      client_email: 'ci@demo.iam.gserviceaccount.com',
    };
    const findings = scanText(JSON.stringify(account, null, 2), { file: 'sa.json' });
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['gcp-service-account', 'private-key']);
  });

  test('GitHub tokens carry a valid CRC32 checksum', () => {
    for (let i = 0; i < 50; i++) expect(v.isValidGithubChecksum(v.githubToken())).toBe(true);
    const token = v.githubToken('p');
    const broken = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(v.isValidGithubChecksum(broken)).toBe(false);
  });

  test('a vendor token inside a secret-named assignment is reported once, by the vendor rule', () => {
    const findings = scanText(`GITHUB_TOKEN="${v.githubToken('p')}"`, { file: '.env' });
    expect(findings.map((f) => f.ruleId)).toEqual(['github-token']);
  });
});

describe('realistic negatives are not reported', () => {
  // Drawn from the fixed seed: the same look-alikes every run.
  const negatives = withSeed(TEST_SEED, (): Array<[string, string]> => {
    const uuid = v.randomUUID();
    const sha = v.commitSha();
    return [
      ['a.py', 'password = os.environ["DB_PASSWORD"]'],
      ['a.py', 'password = os.getenv("DB_PASSWORD", "")'],
      ['a.js', 'const password = process.env.DB_PASSWORD;'],
      ['a.ts', 'const password: string = getPassword();'],
      ['a.ts', 'if (password === confirmPassword) return;'],
      ['a.py', 'if password == "":'],
      ['a.go', 'password := os.Getenv("DB_PASSWORD")'],
      ['.env', 'DB_PASSWORD=changeme'],
      ['.env', 'DB_PASSWORD='],
      ['.env', 'API_TOKEN=<your-token>'],
      ['.env', 'SECRET_KEY=your-secret-key-here'],
      ['.env', 'PASSWORD_FILE=/run/secrets/db_password'],
      ['.env', 'TOKEN_TTL=3600'],
      ['.env', 'GITHUB_TOKEN=gh' + 'p_' + 'x'.repeat(36)],
      ['.env', 'AWS_ACCESS_KEY_ID=' + 'AK' + 'IAIOSFODNN7' + 'EXAMPLE'],
      ['.env', 'STRIPE_KEY=' + 'sk_' + 'live_' + 'x'.repeat(24)],
      ['a.yaml', 'password: ${DB_PASSWORD}'],
      ['a.yaml', 'password: "{{ .Values.db.password }}"'],
      ['a.yaml', 'password_min_length: 12'],
      ['a.yaml', 'password: xxxxxxxx'],
      ['a.yaml', 'password: "********"'],
      ['a.yaml', `request_id: ${uuid}`],
      ['a.yaml', `role_id: ${uuid}`],
      ['a.yaml', `commit: ${sha}`],
      ['a.yaml', `  - uses: actions/checkout@${sha}`],
      ['a.json', `{"gitHead": "${sha}"}`],
      ['a.json', `{"checksum": "${randomBytes(32).toString('hex')}"}`],
      ['package-lock.json', `      "integrity": "sha512-${randomBytes(64).toString('base64')}"`],
      ['yarn.lock', `  integrity sha512-${randomBytes(64).toString('base64')}`],
      ['go.sum', `github.com/acme/x v1.2.0 h1:${randomBytes(32).toString('base64')}`],
      ['a.js', `const logo = "data:image/png;base64,${randomBytes(90).toString('base64')}";`],
      ['a.json', `{"thumbnail": "iVBORw0KGgo${randomBytes(90).toString('base64')}"}`],
      ['a.md', 'export VAULT_TOKEN=root'],
      ['a.md', 'Connect with postgres://user:password@localhost/db'],
      ['a.md', 'Connect with postgres://app:${DB_PASSWORD}@localhost/db'],
      ['a.ts', "const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';"],
      ['a.ts', "const component = 'UserProfileSettingsPanelContainer';"],
      ['a.ts', "const url = 'https://api.example.com/v1/users/profile';"],
      ['a.ts', "const version = '1.2.3-beta.4+build.5678';"],
      ['a.py', 'SECRET_KEY = get_random_secret_key()'],
      ['a.tf', 'password = var.db_password'],
      ['a.java', 'String password = System.getenv("DB_PASSWORD");'],
      ['Dockerfile', 'ENV DB_PASSWORD_FILE=/run/secrets/db'],
      // Seen in real dependencies: paths, slugs, type names, ids, key pins, doc URLs.
      ['a.d.ts', ' * macOS: `/var/folders/jf/f2twvvvs5jl_m49tf034ffpw0000gn/T/MyApp-nodejs`'],
      ['package.json', '  "repository": "7rulnik/source-map-js",'],
      ['ast.js.flow', '      value: Size2DFor_DimensionPercentageFor_LengthValue,'],
      ['a.yaml', '  kind: GenericBorderFor_OutlineStyleAnd_11'],
      ['a.test.ts', '  const tooLong = "01ARZ3NDEKTSV4RRFFQ69G5FAVA";'],
      ['a.d.ts', "     *     const pubkey256 = 'pL1+qb9HTMRZJmuC/bB/ZI9d302BYrrqiVuRyW+DGrU=';"],
      ['url.d.ts', "const myURL = new URL('https://abc:xyz@example.com');"],
      ['bundle.js.map', '{"sourcesContent":["const password = \\"hunter2hunter2\\";"]}'],
      ['a.md', `-----BEGIN RSA ${'PRIVATE'} KEY-----\n...\n-----END RSA ${'PRIVATE'} KEY-----`],
    ];
  });
  for (const [file, text] of negatives) {
    test(`${file}: ${text.slice(0, 70)}`, () => {
      expect(scanText(text, { file }), `TEST_SEED=${TEST_SEED}`).toEqual([]);
    });
  }
});

describe('allow markers', () => {
  const secretLine = () => `token = "${v.githubToken('p')}"`;
  test.each(['# secrets-workbook:allow', '# pragma: allowlist secret', '// gitleaks:allow'])(
    'a line with %s is skipped',
    (marker) => {
      expect(scanText(`${secretLine()}  ${marker}`, { file: 'a.py' })).toEqual([]);
      expect(scanText(secretLine(), { file: 'a.py' })).toHaveLength(1);
    },
  );
  test('allow-next-line covers only the next line', () => {
    const text = `# secrets-workbook:allow-next-line\n${secretLine()}\n${secretLine()}\n`;
    expect(scanText(text, { file: 'a.py' }).map((f) => f.line)).toEqual([3]);
  });
  test('a file marked allow-file in its first lines is a test fixture', () => {
    const text = `# secrets-workbook:allow-file: fake credentials for tests\n${secretLine()}\n`;
    expect(scanText(text, { file: 'fixtures/creds.py' })).toEqual([]);
    const late = `${'\n'.repeat(20)}# secrets-workbook:allow-file\n${secretLine()}\n`;
    expect(scanText(late, { file: 'creds.py' })).toHaveLength(1);
  });
});

describe('findings never reveal the secret', () => {
  test('previews show at most 4 characters and never more than a quarter of the value', () => {
    const short = 'Ab3$efgh';
    const [finding] = scanText(`DB_PASSWORD=${short}`, { file: '.env' });
    expect(finding!.preview).toBe('Ab…');
    const token = v.githubToken('p');
    const [gh] = scanText(`t = "${token}"`, { file: 'a.py' });
    expect(gh!.preview).toBe(`${token.slice(0, 8)}…`);
  });
});

describe('assignments that are expressions, not literals', () => {
  test('does not flag a password read from a secret or a call, even outside code files', () => {
    for (const file of ['notes.md', 'app.py', 'config.txt']) {
      expect(
        scanText('password = secret["data"]["data"]["password"]\npassword = read_secret("db")\n', { file }),
      ).toEqual([]);
    }
  });
});
