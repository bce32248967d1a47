import { BASE62, randomBytes, randomString } from '../../../src/scanner/corpus/random.js';
import { password } from '../../../src/scanner/corpus/values.js';
import { describeFound, describeQuiet, type FoundCase, type QuietCase } from './form-cases.js';

// Names and values written apart from `key = value`, and the look-alikes of those forms. Values
// are drawn from a seed per case and try (test/helpers/seeded.ts); every case runs a few times.
const word = (n: number) => randomString(BASE62, n);
// Safe inside quotes, XML attributes and shell words; with a digit, as a password given to a
// call must have (a bare word there is as likely a name).
const pass = () => `${password().replace(/['"$`\\!&;|<>(){}[\]#*?%]/g, 'Q')}7`;
const b64url = (n: number) => randomBytes(n).toString('base64url');

const found: FoundCase[] = [
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
    'sqlcmd with a password',
    'q.sh',
    () => `sqlcmd -S db.corp.internal -U sa -P '${pass()}' -Q "SELECT 1"`,
    'command-line-credentials',
  ],
  [
    'bcp with a password glued to its option',
    'export.sh',
    () => `bcp app.dbo.orders out o.dat -S db -U sa -P${pass()} -c`,
    'command-line-credentials',
  ],
  [
    'mongodump with a password',
    'backup.sh',
    () => `mongodump -u backup -p ${pass()} --authenticationDatabase admin`,
    'command-line-credentials',
  ],
  [
    '--password VALUE at a line start',
    'run.sh',
    () => `app serve \\\n--password ${pass()}`,
    'command-line-credentials',
  ],
  ['redis.conf directive', 'redis.conf', () => `requirepass ${pass()}`, 'password-assignment'],
  ['.netrc entry', '.netrc', () => `machine api.internal\n  login bot\n  password ${pass()}`, 'password-assignment'],
  ['a provider key in YAML', 'ci.yml', () => `  azure_key: ${word(40).toLowerCase()}7`, 'secret-assignment'],
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

const notFound: QuietCase[] = [
  ['sqlcmd with a password from a variable', 'q.sh', () => 'sqlcmd -S db -U sa -P "$SA_PASSWORD" -Q "SELECT 1"'],
  ['cp -P (no dereference)', 'a.sh', () => `cp -P ${word(8)} /tmp/`],
  ['mongosh asking for the password', 'a.sh', () => 'mongosh -u admin -p --authenticationDatabase admin'],
  ['YAML tag: Ansible vault', 'vars.yml', () => `db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256`],
  ['YAML tag: Home Assistant secret', 'configuration.yaml', () => `password: !secret wifi_password`],
  ['HTML form field', 'form.html', () => `<input type="hidden" name="authenticity_token" value="${b64url(32)}">`],
  ['setting about a password', 'Web.config', () => `<add key="PasswordMinLength" value="12" />`],
  ['Kubernetes env from a secret', 'deploy.yaml', () => `- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:`],
  ['Dockerfile ENV of a file path', 'Dockerfile', () => `ENV DB_PASSWORD_FILE /run/secrets/db`],
  ['JVM property naming a file', 'run.sh', () => `java -Ddb.password.file=/etc/app/pw -jar app.jar`],
  ['a database key', 'schema.yml', () => `  primary_key: ${word(24)}7`],
  ['an idempotency key', 'req.json', () => `{"idempotency_key": "${randomBytes(16).toString('hex')}"}`],
  ['a sentence in a .conf file', 'app.conf', () => `# password reset links expire after a day`],
  ['a directive in prose', 'notes.md', () => `password ${pass()}`],
  ['login call with the user as password', 'a.py', () => `client.login("admin", "admin")`],
  ['login call with variables', 'a.py', () => `client.login(user, password)`],
  // Look-alikes found in a real node_modules tree.
  ['a token name compared with a sigil name', 'a.js', () => `if (lastToken === "?NonExpressionParenKeyword") {`],
  ['a camelCase name with a digit', 'a.js', () => `var fixId10 = "convertFunctionToEs6Class";`],
  [
    'an alphabet: every character once',
    'a.js',
    () => {
      const chars = [...'useandom26T198340PXpxJACKVERYMINDBUSHWOLFGQZbfghjklqvwyzrict_-'];
      for (let i = chars.length - 1; i > 0; i--) {
        const j = randomBytes(1)[0]! % (i + 1);
        [chars[i], chars[j]] = [chars[j]!, chars[i]!];
      }
      return `const urlAlphabet = "${chars.join('')}";`;
    },
  ],
  [
    'base64 data under a name that says so',
    'a.js',
    () => `const base64String = "${randomBytes(36).toString('base64')}";`,
  ],
  ['an anonymous FTP login', 'a.md', () => `ftp://anonymous:${pass()}@ftp.mirror.internal/pub`],
  ['a template literal built from calls', 'a.ts', () => 'const token = `${part(header)}.${part(body)}.${sign(key)}`;'],
];

describeFound('names and values written apart are found', found);

describeQuiet('their look-alikes are not', notFound);
