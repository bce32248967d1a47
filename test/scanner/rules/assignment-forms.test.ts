import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { BASE62, randomString } from '../../../src/scanner/corpus/random.js';
import { password } from '../../../src/scanner/corpus/values.js';
import { scanText } from '../../../src/scanner/scan-text.js';

// Names and values written apart from `key = value`, and the look-alikes of those forms. Values
// are generated at run time; every case runs a few times.
const word = (n: number) => randomString(BASE62, n);
// Safe inside quotes, XML attributes and shell words; with a digit, as a password given to a
// call must have (a bare word there is as likely a name).
const pass = () => `${password().replace(/['"$`\\!&;|<>(){}[\]#*?%]/g, 'Q')}7`;
const b64url = (n: number) => randomBytes(n).toString('base64url');

type Case = [name: string, file: string, text: () => string, rule: string];

const found: Case[] = [
  ['.NET appSettings', 'Web.config', () => `<add key="SmtpPassword" value="${pass()}" />`, 'password-assignment'],
  ['Spring bean property', 'beans.xml', () => `<property name="password" value="${pass()}"/>`, 'password-assignment'],
  ['Android string resource', 'strings.xml', () => `<string name="api_key">${word(32)}</string>`, 'secret-assignment'],
  [
    'Kubernetes env entry',
    'deploy.yaml',
    () => `        env:\n          - name: DB_PASSWORD\n            value: "${pass()}"`,
    'password-assignment',
  ],
  ['Dockerfile ENV without =', 'Dockerfile', () => `ENV DB_PASSWORD ${pass()}`, 'password-assignment'],
  ['Makefile ?=', 'Makefile', () => `DB_PASSWORD ?= ${pass()}`, 'password-assignment'],
  ['subscript assignment', 'app.py', () => `app.config["JWT_SECRET"] = "${word(32)}"`, 'secret-assignment'],
  ['setter on a receiver', 'Db.java', () => `ds.setPassword("${pass()}");`, 'password-assignment'],
  ['builder method', 'Db.java', () => `Client.builder().password("${pass()}").build();`, 'password-assignment'],
  ['JVM system property', 'run.sh', () => `java -Ddb.password=${pass()} -jar app.jar`, 'password-assignment'],
  ['Go typed constant', 'db.go', () => `const DbPassword string = "${pass()}"`, 'password-assignment'],
  ['requests auth tuple', 'client.py', () => `requests.get(url, auth=("deploy", "${pass()}"))`, 'password-assignment'],
  ['SMTP login call', 'mail.py', () => `server.login("bot@mail.internal", "${pass()}")`, 'password-assignment'],
  [
    'LDAP bind call',
    'dir.py',
    () => `conn.simple_bind_s("cn=admin,dc=corp,dc=internal", "${pass()}")`,
    'password-assignment',
  ],
  [
    'ldapsearch -w',
    'q.sh',
    () => `ldapsearch -x -D "cn=admin,dc=corp" -w ${pass()} -H ldap://dir`,
    'command-line-credentials',
  ],
  [
    '--password VALUE at a line start',
    'run.sh',
    () => `app serve \\\n--password ${pass()}`,
    'command-line-credentials',
  ],
  ['password named in German', 'cfg.py', () => `passwort = "${pass()}"`, 'password-assignment'],
  [
    'encrypted JWT (JWE, five parts)',
    'a.txt',
    () => {
      const header = Buffer.from('{"alg":"RSA-OAEP","enc":"A256GCM"}').toString('base64url');
      return `token = "${header}.${b64url(256)}.${b64url(12)}.${b64url(64)}.${b64url(16)}"`;
    },
    'jwt',
  ],
];

const notFound: Array<[name: string, file: string, text: () => string]> = [
  ['YAML tag: Ansible vault', 'vars.yml', () => `db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256`],
  ['YAML tag: Home Assistant secret', 'configuration.yaml', () => `password: !secret wifi_password`],
  ['HTML form field', 'form.html', () => `<input type="hidden" name="authenticity_token" value="${b64url(32)}">`],
  ['setting about a password', 'Web.config', () => `<add key="PasswordMinLength" value="12" />`],
  ['Kubernetes env from a secret', 'deploy.yaml', () => `- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:`],
  ['Dockerfile ENV of a file path', 'Dockerfile', () => `ENV DB_PASSWORD_FILE /run/secrets/db`],
  ['JVM property naming a file', 'run.sh', () => `java -Ddb.password.file=/etc/app/pw -jar app.jar`],
  ['login call with the user as password', 'a.py', () => `client.login("admin", "admin")`],
  ['login call with variables', 'a.py', () => `client.login(user, password)`],
];

describe('names and values written apart are found', () => {
  test.each(found)('%s', (_name, file, make, rule) => {
    for (let i = 0; i < 5; i++) {
      const text = make();
      expect(
        scanText(text, { file }).map((f) => f.ruleId),
        text,
      ).toContain(rule);
    }
  });
});

describe('their look-alikes are not', () => {
  test.each(notFound)('%s', (_name, file, make) => {
    const text = make();
    expect(scanText(text, { file }), text).toEqual([]);
  });
});
