import type { CorpusCategory } from '../types.js';
import { pick } from './random.js';
import * as v from './values.js';

/** File formats the corpus writes; a snippet is rendered for one of them. */
export type Format = 'env' | 'yaml' | 'json' | 'py' | 'js' | 'go' | 'properties' | 'md' | 'pem';

/**
 * A few lines for one file format. `label` is the index (within `lines`) of the line holding the
 * secret, absent for filler and decoys. JSON snippets are single `"key": value` entries.
 */
export interface Snippet {
  format: Format;
  lines: string[];
  label?: number;
  category?: CorpusCategory;
  decoy?: DecoyKind;
}

export type DecoyKind =
  'uuid' | 'lock-hash' | 'placeholder' | 'test-fixture' | 'commit-sha' | 'base64-image' | 'allow-comment' | 'near-miss';

type Template = [Format, () => string[] | string];

function pem(indent = ''): string[] {
  return v
    .privateKey()
    .trimEnd()
    .split('\n')
    .map((line) => indent + line);
}

/** Ways each category of secret is written in real projects, per file format. */
const TEMPLATES: Record<CorpusCategory, Template[]> = {
  aws: [
    ['env', () => `AWS_ACCESS_KEY_ID=${v.awsAccessKeyId()}`],
    ['env', () => `AWS_SECRET_ACCESS_KEY=${v.awsSecretAccessKey()}`],
    ['properties', () => `aws_secret_access_key = ${v.awsSecretAccessKey()}`],
    ['properties', () => `aws_access_key_id = ${v.awsAccessKeyId()}`],
    [
      'js',
      () => `const s3 = new S3Client({ credentials: { accessKeyId: '${v.awsAccessKeyId()}', secretAccessKey } });`,
    ],
    ['js', () => `const credentials = { secretAccessKey: "${v.awsSecretAccessKey()}" };`],
    ['py', () => `AWS_SECRET_ACCESS_KEY = "${v.awsSecretAccessKey()}"`],
    ['yaml', () => `  aws_access_key_id: ${v.awsAccessKeyId()}`],
    ['json', () => `"SecretAccessKey": "${v.awsSecretAccessKey()}"`],
    ['go', () => `var awsKeyID = "${v.awsAccessKeyId()}"`],
  ],
  github: [
    ['env', () => `GITHUB_TOKEN=${v.githubToken()}`],
    ['yaml', () => `    token: ${v.githubToken()}`],
    ['js', () => `const octokit = new Octokit({ auth: '${v.githubToken('p')}' });`],
    ['py', () => `gh = Github("${v.githubFineGrainedToken()}")`],
    ['md', () => `export GH_TOKEN=${v.githubToken('p')}`],
    ['json', () => `"github_token": "${v.githubToken()}"`],
    ['go', () => `client := github.NewClient(nil).WithAuthToken("${v.githubToken('o')}")`],
  ],
  stripe: [
    ['env', () => `STRIPE_SECRET_KEY=${v.stripeLiveKey()}`],
    ['py', () => `stripe.api_key = "${v.stripeLiveKey()}"`],
    ['js', () => `const stripe = require('stripe')('${v.stripeLiveKey()}');`],
    ['yaml', () => `  stripe_key: ${v.stripeLiveKey()}`],
    ['json', () => `"stripeKey": "${v.stripeLiveKey()}"`],
    ['go', () => `stripe.Key = "${v.stripeLiveKey()}"`],
  ],
  slack: [
    ['env', () => `SLACK_BOT_TOKEN=${v.slackToken()}`],
    ['env', () => `SLACK_WEBHOOK_URL=${v.slackWebhook()}`],
    ['py', () => `client = WebClient(token="${v.slackToken()}")`],
    ['yaml', () => `  webhook: ${v.slackWebhook()}`],
    ['js', () => `await fetch('${v.slackWebhook()}', { method: 'POST', body });`],
    ['json', () => `"slackToken": "${v.slackToken()}"`],
  ],
  'private-key': [
    ['pem', () => pem()],
    ['yaml', () => ['  tls.key: |', ...pem('    ')]],
    ['env', () => `JWT_PRIVATE_KEY="${pem().join('\\n')}"`],
    ['json', () => `"private_key": ${JSON.stringify(pem().join('\n') + '\n')}`],
  ],
  password: [
    ['env', () => `DB_PASSWORD=${v.password()}`],
    ['env', () => `POSTGRES_PASSWORD=${v.password()}`],
    ['yaml', () => `  password: ${v.password()}`],
    ['yaml', () => `      MYSQL_ROOT_PASSWORD: "${v.password()}"`],
    ['json', () => `"password": "${v.password()}"`],
    ['py', () => `DATABASE_PASSWORD = '${v.password()}'`],
    ['py', () => `conn = psycopg2.connect(host="db", user="app", password="${v.password()}")`],
    ['properties', () => `spring.datasource.password=${v.password()}`],
    ['go', () => `var dbPassword = "${v.password()}"`],
    ['js', () => `const adminPassword = "${v.password()}";`],
  ],
  'high-entropy': [
    ['env', () => `SESSION_SECRET=${v.highEntropySecret()}`],
    ['env', () => `JWT_SECRET=${v.highEntropySecret()}`],
    ['py', () => `SECRET_KEY = "${v.highEntropySecret()}"`],
    ['js', () => `const signingKey = '${v.highEntropySecret()}';`],
    ['yaml', () => `  encryption_key: ${v.highEntropySecret()}`],
    ['json', () => `"client_secret": "${v.highEntropySecret()}"`],
    ['go', () => `var hmacKey = "${v.highEntropySecret()}"`],
    ['properties', () => `app.security.token=${v.highEntropySecret()}`],
  ],
  'url-credentials': [
    ['env', () => `DATABASE_URL=${v.urlWithCredentials().url}`],
    ['yaml', () => `  url: ${v.urlWithCredentials().url}`],
    ['py', () => `engine = create_engine("${v.urlWithCredentials().url}")`],
    ['js', () => `await mongoose.connect('${v.urlWithCredentials().url}');`],
    ['json', () => `"connectionString": "${v.urlWithCredentials().url}"`],
    ['go', () => `db, err := sql.Open("pgx", "${v.urlWithCredentials().url}")`],
  ],
};

export function secretSnippet(category: CorpusCategory, format?: Format): Snippet {
  const templates = TEMPLATES[category].filter(([f]) => !format || f === format);
  const [chosen, render] = pick(templates.length ? templates : TEMPLATES[category]);
  const rendered = render();
  const lines = Array.isArray(rendered) ? rendered : [rendered];
  // A multi-line snippet (a YAML block holding a PEM) is labelled where the key material begins.
  const begin = lines.findIndex((line) => line.includes('-----BEGIN'));
  return { format: chosen, lines, label: Math.max(0, begin), category };
}

export function formatsOf(category: CorpusCategory): Format[] {
  return [...new Set(TEMPLATES[category].map(([format]) => format))];
}
