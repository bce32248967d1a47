// Forms the tenth tuning round found missing (hand-written probes, then the tuning side's misses: whispers'
// fixtures, CredSweeper's samples, CredData's lines), made here with fresh random values: a name and a value
// as two fields of one object (Postman, ECS task definitions, CloudFormation parameters, plists); a long
// command-line option whose last word is a password (curl's `--tlspassword`, `--proxy-pass`); a name glued
// to "token" or "secret" (`APITOKEN`); a parameter of a URL written in a code comment or a fragment; a key
// given to a one-dash option (`consul members -token=…`).
import { describe, expect, test } from 'vitest';
import { BASE62, LOWER, pick, randomInt, randomString } from '../../../src/scanner/corpus/random.js';
import { scanText } from '../../../src/scanner/scan-text.js';
import { seedEachTest } from '../../helpers/seeded.js';

seedEachTest();

const ids = (text: string, file: string) => scanText(text, { file }).map((f) => f.ruleId);
/** A password as people type them: letters and digits, with a symbol now and then. */
const typed = () => `${randomString(BASE62, randomInt(10, 18))}${randomInt(10, 99)}${pick(['', '!', '#', '_', '.'])}`;
const secretName = () =>
  pick(['password', 'DB_PASSWORD', 'smtpPassword', 'api_token', 'API_KEY', 'clientSecret', 'MASTER_PASS']);
const found = (list: string[]) => list.filter((id) => /password|secret|credential|assignment/.test(id));

describe('a name and a value as two fields of one object', () => {
  test('JSON and object literals, one line or two, and plist or XML siblings: the value is found', () => {
    for (let i = 0; i < 20; i++) {
      const [name, value] = [secretName(), typed()];
      const texts: Array<[string, string]> = [
        [`      {"key": "${name}", "value": "${value}", "type": "secret"},`, 'env.postman_environment.json'],
        [`  "environment": [{"name": "${name}", "value": "${value}"}],`, 'task-definition.json'],
        [`    {\n      "name": "${name}",\n      "value": "${value}"\n    }`, 'appsettings.json'],
        [`  { ParameterKey: '${name}', ParameterValue: '${value}' },`, 'deploy.js'],
        [`{"ParameterKey": "${name}", "ParameterValue": "${value}"}`, 'params.json'],
        [`\t<key>${name}</key>\n\t<string>${value}</string>`, 'Info.plist'],
        [`    <key>${name}</key><value>${value}</value>`, 'settings.xml'],
      ];
      for (const [text, file] of texts) expect(found(ids(text, file)), text).not.toEqual([]);
    }
  });

  test('look-alikes stay quiet: names that are no secret, empty or template values, placeholders, other fields', () => {
    for (let i = 0; i < 10; i++) {
      const word = randomString(LOWER, randomInt(5, 9));
      const texts: Array<[string, string]> = [
        [`{"key": "Content-Type", "value": "application/json"}`, 'collection.json'],
        [`{"name": "region", "value": "eu-west-${randomInt(1, 3)}"}`, 'task.json'],
        [`{"name": "DB_PASSWORD", "value": ""}`, 'task.json'],
        [`{"name": "DB_PASSWORD", "value": "{{db_password}}"}`, 'task.json'],
        [`{"name": "DB_PASSWORD", "value": "\${DB_PASSWORD}"}`, 'task.json'],
        [`{"name": "DB_PASSWORD", "value": "changeme"}`, 'task.json'],
        [`{"name": "password", "label": "${word}"}`, 'form.json'],
        [`{"apiKey": "${word}", "value": "${word}"}`, 'form.json'],
        [`<key>CFBundleIdentifier</key>\n<string>com.${word}.app</string>`, 'Info.plist'],
        [`<key>password</key>\n<string>$(PASSWORD)</string>`, 'Info.plist'],
      ];
      for (const [text, file] of texts) expect(ids(text, file), text).toEqual([]);
    }
  });
});

describe('a long command-line option whose last word is a password', () => {
  test("glued and hyphenated names (curl's --tlspassword, --proxy-pass, a tool's --keystore-password) are found", () => {
    for (let i = 0; i < 20; i++) {
      const password = typed();
      const option = pick([
        '--tlspassword',
        '--proxy-tlspassword',
        '--proxy-pass',
        '--keystore-password',
        '--smtp-password',
        '--bind-password',
        '--registry-password',
      ]);
      const sep = pick([' ', '=']);
      expect(ids(`curl ${option}${sep}${password} https://localhost`, 'run.sh'), option).toContain(
        'command-line-credentials',
      );
      expect(ids(`  tool deploy ${option}${sep}'${password}' --verbose`, 'deploy.sh'), option).toContain(
        'command-line-credentials',
      );
    }
  });

  test('flags about a password, a password read from elsewhere, and a URL where the value was left out stay quiet', () => {
    const host = randomString(LOWER, 8);
    for (const text of [
      `psql --no-password -h ${host} mydb`,
      `adduser --system --disabled-password --no-create-home ${host}`,
      `tool --db-password --verbose ${host}`,
      `ansible-playbook --ask-pass ${host}.yml`,
      `ansible-playbook --ask-become-pass site.yml`,
      `tool --prompt-password ${host}`,
      `docker login --password-stdin ${host}.example.com`,
      `tool --password-file /etc/${host}/secret`,
      'curl --tlspassword https://localhost',
      `curl --proxy-pass "$PROXY_PASS" https://${host}.example.com`,
      'tool --db-password ${DB_PASSWORD}',
    ])
      expect(ids(text, 'run.sh'), text).toEqual([]);
  });
});

describe('a name glued to "token" or "secret" at its end', () => {
  test('APITOKEN, GITHUBTOKEN, botToken written as one word, APISECRET: the value is found', () => {
    for (let i = 0; i < 20; i++) {
      const value = randomString(BASE62, randomInt(24, 40));
      const name = pick([
        'APITOKEN',
        'NONCOMPLIANT_APITOKEN',
        'GITHUBTOKEN',
        'npmtoken',
        'Bottoken',
        'APISECRET',
        'appsecret',
      ]);
      const texts: Array<[string, string]> = [
        [`static final String ${name} = "${value}";`, 'Config.java'],
        [`  "${name}": "${value}",`, 'settings.json'],
        [`${name}=${value}`, '.env'],
      ];
      for (const [text, file] of texts) expect(found(ids(text, file)), text).not.toEqual([]);
    }
  });

  test('a glued word naming another token (csrftoken, nexttoken, cancellationtoken) or no token at all stays quiet', () => {
    for (let i = 0; i < 10; i++) {
      const value = randomString(BASE62, randomInt(24, 40));
      for (const name of [
        'csrftoken',
        'xsrftoken',
        'nexttoken',
        'pagetoken',
        'synctoken',
        'cancellationtoken',
        'monkey',
      ])
        expect(found(ids(`  "${name}": "${value}",`, 'state.json')), name).toEqual([]);
    }
  });
});

describe('a parameter of a URL written out in code', () => {
  test("a token in a URL's query or fragment (OAuth's implicit grant), in a code comment: the value is found", () => {
    for (let i = 0; i < 20; i++) {
      const token = randomString(BASE62, randomInt(24, 40));
      const [name, mark] = [pick(['access_token', 'private_token', 'api_key', 'user_credentials']), pick(['?', '#'])];
      const texts: Array<[string, string]> = [
        [`  // http://localhost:9000/oauth.html${mark}${name}=${token}&token_type=Bearer&state=`, 'Oauth.react.js'],
        [`    #   https://www.example.com/cb${mark}${name}=${token}`, 'base.rb'],
        [`https://app.example.com/callback#${name}=${token}&expires_in=3600`, 'notes.md'],
      ];
      for (const [text, file] of texts) expect(found(ids(text, file)), text).not.toEqual([]);
    }
  });

  test('parameters that are no secret, templates, and values code builds stay quiet', () => {
    for (let i = 0; i < 10; i++) {
      const value = randomString(BASE62, randomInt(24, 40));
      for (const text of [
        `  // https://api.example.com/items?page_token=${value}&limit=10`,
        `  // https://example.com/cb#state=${value}&scope=read`,
        '  // https://example.com/cb#access_token=${ACCESS_TOKEN}&token_type=Bearer',
        '  // https://example.com/cb#access_token=<token>',
        '  const url = base + "?access_token=" + token;',
        '  const url = `${base}#access_token=${token}`;',
      ])
        // (A random value anywhere may still be a high-entropy string: that rule is not about names.)
        expect(found(ids(text, 'client.js')), text).toEqual([]);
    }
  });
});

describe('a key given to an option with one dash', () => {
  test("Go's flag package and PowerShell (-token=X, -token X, -Token:X, -secret X, -api-key=X): a key-like value is found", () => {
    for (let i = 0; i < 20; i++) {
      const key = randomString(BASE62, randomInt(24, 40));
      const option = pick(['-token', '-Token', '-secret', '-api-key', '-apikey', '-acl-token', '-auth-token']);
      const text = `${pick(['consul members', 'nomad job run', 'tool.exe'])} ${option}${pick(['=', ' ', ':'])}${key} job.hcl`;
      expect(ids(text, 'deploy.sh'), text).toContain('command-line-credentials');
    }
  });

  test('words, variables and hyphenated words that merely end in token stay quiet', () => {
    const word = randomString(LOWER, 8);
    for (const text of [
      `consul members -token=$CONSUL_TOKEN`,
      `nomad job run -token "\${NOMAD_TOKEN}" job.hcl`,
      `tool -secret ${word}`,
      `see the client-secret ${randomString(BASE62, 30)} field`,
      `tool -token-file /etc/${word}/token`,
    ])
      expect(
        ids(text, 'deploy.sh').filter((id) => id === 'command-line-credentials'),
        text,
      ).toEqual([]);
  });
});
