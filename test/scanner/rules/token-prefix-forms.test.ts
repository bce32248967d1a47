// Token forms that trivy's secret-scanner tests and horusec's leak-rule samples showed (tuning data,
// scripts/foreign-corpus/build-trivy-horusec.ts), written here with random values drawn from a seed
// per case (form-cases.ts). Prefixes are joined at run time, so this file holds no token.
import {
  BASE62,
  DIGITS,
  HEX,
  UPPER,
  randomBytes,
  randomInt,
  randomString,
} from '../../../src/scanner/corpus/random.js';
import { describeFound, describeQuiet } from './form-cases.js';

const part = (bytes: number) => randomBytes(bytes).toString('base64url');
const jwtLike = () => `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${part(120)}.${part(256)}`;
const installationToken = () => `${'gh' + 's_'}${randomString(DIGITS, randomInt(4, 9))}_${jwtLike()}`;
const classic = (prefix: string) => `${'gh' + prefix}_${randomString(BASE62, 36)}`;
const fineGrained = () => `${'github' + '_pat_'}${randomString(BASE62, 22)}_${randomString(BASE62, 59)}`;
/** Upper-case letters and digits, as in a generated constant name that holds `gho_`. */
const shouting = (n: number) => randomString(UPPER + DIGITS, n);

describeFound('GitHub tokens in the forms these tests write', [
  [
    'a stateless App installation token (ghs_<app id>_<JWT>)',
    '.env',
    () => `GITHUB_TOKEN=${installationToken()}`,
    'github-app-installation-token',
  ],
  [
    'an installation token in a JSON response',
    'token.json',
    () => `{"token": "${installationToken()}", "expires_at": "2026-05-01T00:00:00Z"}`,
    'github-app-installation-token',
  ],
  ['a classic OAuth token after an equals sign', 'app.env', () => `GH_TOKEN=${classic('o')}`, 'github-token'],
  ['a classic token at the start of a line', 'token.txt', () => classic('u'), 'github-token'],
  [
    'a fine-grained token glued to a word (a long prefix is a token wherever it starts)',
    'notes.txt',
    () => `our${fineGrained()}`,
    'github-fine-grained-pat',
  ],
  [
    'a token as the user of a URL to a Git host',
    'clone.sh',
    () => `git clone https://${randomString(HEX, 40)}@github.com/acme/api.git`,
    'url-credentials',
  ],
]);

describeQuiet(
  'a short token prefix inside another word is part of that word',
  [
    ['gho_ inside a constant name', 'dispids.h', () => `So${'gh' + 'o_'}${shouting(36)}`],
    ['ghu_ inside a constant name', 'dispids.h', () => `Sog${'hu_'}${shouting(40)}`],
    ['ghr_ inside a constant name', 'dispids.h', () => `Big${'hr_'}${shouting(76)}`],
    [
      'a Sentry DSN (its key is public by design, and no Git host)',
      '.env',
      () =>
        `SENTRY_DSN=https://${randomString(HEX, 32)}@o${randomString(DIGITS, 6)}.ingest.sentry.io/${randomString(DIGITS, 7)}`,
    ],
    [
      'a placeholder as the user of a Git URL',
      'README.md',
      () => 'git clone https://YOUR_PERSONAL_ACCESS_TOKEN@github.com/acme/api.git',
    ],
    [
      'an installation-token look-alike with placeholder parts',
      'README.md',
      () => `${'gh' + 's_'}12345_xxxxxxxxxxxx.xxxxxxxxxxxx.xxxxxxxxxxxx`,
    ],
  ],
  5,
);
