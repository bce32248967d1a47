// Token formats from the vendors' documentation (src/scanner/rules/prefixes-*.ts), made here from
// fresh random values drawn from a seed per case (form-cases.ts). Prefixes are joined at run time,
// so this file holds no token.
import {
  BASE62,
  BASE64,
  DIGITS,
  HEX,
  LOWER,
  UPPER,
  randomBytes,
  randomString,
  randomUUID,
} from '../../../src/scanner/corpus/random.js';
import { describeFound, describeQuiet } from './form-cases.js';

const URL_SAFE = BASE62 + '_-';
const B32 = UPPER + '234567';
const p = (...parts: string[]) => parts.join('');
/** `NAME=value` in a .env file: the plainest place a token is written. */
const env = (name: string, value: string) => `${name}=${value}`;

describeFound('service tokens by their documented prefix', [
  [
    'a PostHog personal API key',
    '.env',
    () => env('POSTHOG_KEY', p('ph', 'x_', randomString(BASE62, 47))),
    'posthog-token',
  ],
  ['a PostHog project secret key', '.env', () => env('PH', p('ph', 's_', randomString(BASE62, 46))), 'posthog-token'],
  ['an xAI API key', 'client.py', () => `api_key = "${p('xa', 'i-', randomString(BASE62, 80))}"`, 'xai-api-key'],
  [
    'a LlamaCloud key',
    '.env',
    () => env('LLAMA_CLOUD_API_KEY', p('ll', 'x-', randomString(URL_SAFE, 48))),
    'llamacloud-api-key',
  ],
  [
    'a Together AI key',
    '.env',
    () => env('TOGETHER_API_KEY', p('tgp', '_v1_', randomString(URL_SAFE, 43))),
    'together-api-key',
  ],
  [
    'a Tavily key',
    'main.py',
    () => `TavilyClient("${p('tv', 'ly-dev-', randomString(BASE62, 32))}")`,
    'tavily-api-key',
  ],
  [
    'a Notion token (any characters after the prefix)',
    '.env',
    () => env('NOTION_TOKEN', p('nt', 'n_', randomString(BASE62, 46))),
    'notion-token',
  ],
  [
    'a Postman collection token',
    'run.sh',
    () => `newman run x.json --token ${p('PM', 'AT-', '01', randomString(UPPER + DIGITS, 24))}`,
    'postman-collection-token',
  ],
  [
    'a Mailgun key of the older form',
    'mail.js',
    () => `const k = '${p('ke', 'y-', randomString(HEX, 32))}';`,
    'mailgun-api-key',
  ],
  [
    'a Square application secret',
    'square.yml',
    () => `secret: ${p('sq0', 'csp-', randomString(URL_SAFE, 43))}`,
    'square-application-secret',
  ],
  [
    'an Instagram token',
    '.env',
    () => env('IG_TOKEN', p('IG', 'QVJ', randomString(URL_SAFE, 180))),
    'instagram-access-token',
  ],
  [
    'an sk- key of 32 hex digits',
    '.env',
    () => env('DEEPSEEK_API_KEY', p('s', 'k-', randomString(HEX, 32))),
    'sk-hex-api-key',
  ],
  [
    'a token in a coloured log line',
    'run.log',
    () => `>>>\x1b[93m${p('s', 'k-', randomString(HEX, 32))}\x1b[0m<<<`,
    'sk-hex-api-key',
  ],
]);

describeFound('platform tokens by their documented prefix', [
  [
    'a Cloudflare user API token',
    '.env',
    () => env('CLOUDFLARE_API_TOKEN', p('cf', 'ut_', randomString(BASE62, 48))),
    'cloudflare-token',
  ],
  [
    'a Cloudflare global key',
    'wrangler.toml',
    () => `key = "${p('cf', 'k_', randomString(BASE62, 48))}"`,
    'cloudflare-token',
  ],
  [
    'a Supabase access token',
    '.env',
    () => env('SUPABASE_ACCESS_TOKEN', p('sb', 'p_', randomString(HEX, 40))),
    'supabase-access-token',
  ],
  [
    'a Supabase secret key',
    '.env',
    () => env('SUPABASE_KEY', p('sb_', 'secret_', randomString(URL_SAFE, 31))),
    'supabase-secret-key',
  ],
  [
    'a Netlify token',
    'deploy.sh',
    () => `netlify deploy --auth ${p('nf', 'p_', randomString(BASE62, 36))}`,
    'netlify-token',
  ],
  ['a Heroku key as a UUID', '.netrc', () => `password ${p('HR', 'KU-', randomUUID())}`, 'heroku-api-key'],
  [
    'a New Relic user key without a name',
    'query.sh',
    () => `curl -H "API-Key: ${p('NR', 'AK-', randomString(UPPER + DIGITS, 27))}" https://api.newrelic.com/graphql`,
    'new-relic-key',
  ],
  [
    'a Docker swarm join token',
    'join.sh',
    () =>
      `docker swarm join --token ${p('SWM', 'TKN-1-', randomString(LOWER + DIGITS, 50), '-', randomString(LOWER + DIGITS, 25))} 10.0.0.1:2377`,
    'docker-swarm-join-token',
  ],
  [
    'a Docker swarm unlock key',
    'notes.txt',
    () => p('SWM', 'KEY-1-', randomString(BASE64, 43)),
    'docker-swarm-unlock-key',
  ],
  [
    'a Google OAuth client secret',
    'client.json',
    () => `{"client_secret": "${p('GOC', 'SPX-', randomString(URL_SAFE, 28))}"}`,
    'google-oauth-client-secret',
  ],
  [
    'a Google OAuth access token',
    'req.sh',
    () => `curl -H "Authorization: Bearer ${p('ya', '29.', 'a0', randomString(URL_SAFE, 160))}"`,
    'google-oauth-access-token',
  ],
  [
    'a Google OAuth refresh token',
    'token.json',
    () => `{"refresh_token": "${p('1/', '/0', 'g', randomString(URL_SAFE, 100))}"}`,
    'google-oauth-refresh-token',
  ],
  [
    'a Bitbucket app password',
    '.env',
    () => env('BITBUCKET_APP_PASSWORD', p('AT', 'BB', randomString(BASE62, 24), randomString(HEX.toUpperCase(), 8))),
    'bitbucket-app-password',
  ],
  [
    'an Akamai client token',
    '.edgerc',
    () => `client_token = ${p('ak', 'ab-', randomString(LOWER + DIGITS, 16), '-', randomString(LOWER + DIGITS, 16))}`,
    'akamai-edgegrid-token',
  ],
  [
    'a Defined Networking key',
    '.env',
    () => env('DN_KEY', p('dn', 'key-', randomString(B32, 26), '-', randomString(B32, 52))),
    'defined-networking-api-key',
  ],
  [
    'a NuGet API key',
    'push.sh',
    () => `dotnet nuget push x.nupkg -k ${p('oy', '2', randomString(LOWER + DIGITS, 43))}`,
    'nuget-api-key',
  ],
  [
    'a Sentry org token',
    '.sentryclirc',
    () => `token=${p('sntr', 'ys_', 'eyJ', randomBytes(90).toString('base64'), '_', randomString(BASE64, 43))}`,
    'sentry-org-token',
  ],
  [
    'a 1Password service-account token in base64url',
    '.env',
    () => env('OP_SERVICE_ACCOUNT_TOKEN', p('op', 's_', 'eyJ', randomBytes(300).toString('base64url'))),
    '1password-service-account-token',
  ],
]);

/** An Atlassian API token: prefix, random part, `=` and an 8-hex checksum; `equals` is how `=` is written. */
const atlassian = (equals: string) =>
  p('ATA', 'TT3', randomString(URL_SAFE, 183), equals, randomString(HEX.toUpperCase(), 8));

describeFound('Atlassian API tokens with the = escaped', [
  [
    'backslash-escaped, as in a .properties file',
    'jira.properties',
    () => `jira.token = ${atlassian('\\=')}`,
    'atlassian-token',
  ],
  ['percent-encoded in a URL', 'hook.txt', () => `https://x.example/cb?token=${atlassian('%3D')}`, 'atlassian-token'],
  ['percent-encoded in lower case', 'hook.txt', () => `token=${atlassian('%3d')}`, 'atlassian-token'],
]);

/** Base64 of a Discord user id (a snowflake), as the first part of a bot token. */
const snowflake = () => Buffer.from(randomString(DIGITS, 18)).toString('base64').replace(/=+$/, '');

describeFound('tokens known by their structure', [
  [
    'a Mailchimp key with its data centre',
    '.env',
    () => env('MAILCHIMP_KEY', `${randomString(HEX, 32)}-us${randomString(DIGITS, 2)}`),
    'mailchimp-api-key',
  ],
  [
    'a Mailgun private key',
    'mail.py',
    () => `key = "${randomString(HEX, 32)}-${randomString(HEX, 8)}-${randomString(HEX, 8)}"`,
    'mailgun-private-key',
  ],
  [
    'a Telegram bot token',
    'bot.py',
    () => `Bot("${randomString(DIGITS, 10)}:${p('A', 'A')}${randomString(URL_SAFE, 33)}")`,
    'telegram-bot-token',
  ],
  [
    'a Discord bot token',
    'bot.js',
    () => `client.login('${snowflake()}.${randomString(URL_SAFE, 6)}.${randomString(URL_SAFE, 38)}');`,
    'discord-bot-token',
  ],
  [
    'a Salesforce session id',
    'sfdx.sh',
    () =>
      `sf org login access-token --instance-url https://x.my.salesforce.com <<< ${p('00', 'D')}${randomString(BASE62, 12)}!${randomString(BASE62 + '._', 96)}`,
    'salesforce-access-token',
  ],
  [
    'a New Relic license key',
    'newrelic.yml',
    () => `license_key: ${randomString(HEX, 36)}${p('NR', 'AL')}`,
    'new-relic-license-key',
  ],
  [
    'a Flutterwave key under a name that says public (the key itself says secret)',
    'pay.js',
    () => `flutterwavePubKeyToken = "${p('FLWSECK', '_TEST-', randomString(HEX, 12))}"`,
    'flutterwave-encryption-key',
  ],
]);

describeQuiet(
  'look-alikes: public keys, words glued to a prefix, placeholders, other structures',
  [
    [
      'a PostHog project key (public by design)',
      'app.js',
      () => `posthog.init('${p('ph', 'c_', randomString(BASE62, 43))}')`,
    ],
    [
      'a New Relic browser key (in every monitored page)',
      'index.html',
      () => `the browser key ${p('NR', 'JS-', randomString(HEX, 19))} is in the page source`,
    ],
    ['a word glued to a Netlify-like prefix', 'nfc.h', () => p('nf', 'c_', 'readerSessionDidBecomeActiveCallbackName')],
    ['a prefix glued to a word before it', 'a.txt', () => `my${p('cf', 'ut_', randomString(BASE62, 48))}`],
    ['a placeholder token', 'README.md', () => env('XAI_API_KEY', p('xa', 'i-', 'x'.repeat(80)))],
    [
      'a Docker swarm token made of a sentence',
      'README.md',
      () => p('SWM', 'TKN-1-', 'x'.repeat(50), '-', 'x'.repeat(25)),
    ],
    ['a path that holds 1//0', 'a.txt', () => `https://${p('1/', '/0', randomString(URL_SAFE, 60))}`],
    [
      'a Discord-shaped value whose first part is not an id',
      'a.txt',
      () => `M${randomString(BASE62, 25)}.${randomString(URL_SAFE, 6)}.${randomString(URL_SAFE, 38)}`,
    ],
    [
      'a Telegram-shaped value without AA',
      'a.txt',
      () => `${randomString(DIGITS, 10)}:BB${randomString(URL_SAFE, 33)}`,
    ],
    ['a digest with a us suffix of letters', 'a.txt', () => `${randomString(HEX, 32)}-users`],
    ['a Heroku prefix on a short value', 'a.txt', () => p('HR', 'KU-', randomString(HEX, 12))],
    [
      'a Salesforce org id alone (no session after it)',
      'a.txt',
      () => `org: ${p('00', 'D')}${randomString(BASE62, 12)}`,
    ],
    [
      'a token whose tail was typed in alphabet order, as documentation shortens one',
      'README.md',
      () => `A token looks like ${p('sb', 'p_', randomString(HEX, 34), 'abcdef')}.`,
    ],
    [
      'a token ending in a counted run of digits',
      'README.md',
      () => `A key looks like ${p('tv', 'ly-', randomString(BASE62, 26), '012345')}.`,
    ],
    ['a 40-hex commit named as such', 'a.yaml', () => `commit: ${randomString(HEX, 40)}`],
  ],
  5,
);
