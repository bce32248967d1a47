import { describe, expect, test } from 'vitest';
import { BASE62, randomString } from '../../../src/scanner/corpus/random.js';
import { classifyKey } from '../../../src/scanner/rules/key-names.js';
import { describeFound, describeQuiet, type FoundCase, type QuietCase } from './form-cases.js';

// Forms of hard-coded passwords that code linters' samples (gosec, bandit, eslint-plugin-no-secrets)
// and probes of common library calls showed missing (the eleventh round). Values are drawn at run time
// from a seed.
const word = (n: number) => randomString(BASE62, n);
const digit = () => randomString('0123456789', 1);
const symbol = () => randomString('!$%&?#@', 1);
const pass = () => `${word(7)}${symbol()}${word(4)}${digit()}${word(3)}`;
const user = () => randomString('abcdefghijklmnopqrstuvwxyz', 6);
/** A signing key as code holds one: random letters and digits. */
const key = () => `${word(20)}${digit()}${word(3)}`;

const found: FoundCase[] = [
  [
    'a password name going on with "for"',
    'a.py',
    () => `my_secret_password_for_email = '${pass()}'`,
    'password-assignment',
  ],
  [
    'a key store password property',
    'A.java',
    () => `props.setProperty("javax.net.ssl.keyStorePassword", "${pass()}");`,
    'password-assignment',
  ],
  ['a store word, then a password word', 'a.yaml', () => `token_store_password: "${pass()}"`, 'password-assignment'],
  ['"cred" as a name', 'main.go', () => `\tcred = "${pass()}"`, 'secret-assignment'],
  ['Visual Basic Dim … As String', 'a.vb', () => `Dim Password As String = "${pass()}"`, 'password-assignment'],
  ['Go SetBasicAuth', 'main.go', () => `req.SetBasicAuth("${user()}", "${pass()}")`, 'password-assignment'],
  [
    'Go smtp.PlainAuth',
    'main.go',
    () => `auth := smtp.PlainAuth("", "${user()}@example.com", "${pass()}", "smtp.example.com")`,
    'password-assignment',
  ],
  [
    'Go url.UserPassword',
    'main.go',
    () => `u.User = url.UserPassword("${user()}", "${pass()}")`,
    'password-assignment',
  ],
  [
    'JDBC getConnection',
    'A.java',
    () => `Connection c = DriverManager.getConnection(url, "${user()}", "${pass()}");`,
    'password-assignment',
  ],
  [
    'JDBC getConnection with a URL string',
    'A.java',
    () => `DriverManager.getConnection("jdbc:mysql://db:3306/app", "${user()}", "${pass()}");`,
    'password-assignment',
  ],
  [
    'java.net PasswordAuthentication',
    'A.java',
    () => `return new PasswordAuthentication("${user()}", "${pass()}".toCharArray());`,
    'password-assignment',
  ],
  [
    'HttpClient UsernamePasswordCredentials',
    'A.java',
    () => `new UsernamePasswordCredentials("${user()}", "${pass()}")`,
    'password-assignment',
  ],
  [
    '.NET NetworkCredential',
    'A.cs',
    () => `var c = new NetworkCredential("${user()}", "${pass()}", "CORP");`,
    'password-assignment',
  ],
  ['PHP PDO', 'a.php', () => `$db = new PDO($dsn, '${user()}', '${pass()}');`, 'password-assignment'],
  [
    'PHP mysqli_connect',
    'a.php',
    () => `$c = mysqli_connect('localhost', '${user()}', '${pass()}', 'app');`,
    'password-assignment',
  ],
  [
    'PHP new mysqli',
    'a.php',
    () => `$c = new mysqli("localhost", "${user()}", "${pass()}", "app");`,
    'password-assignment',
  ],
  [
    'PHP ldap_bind',
    'a.php',
    () => `ldap_bind($ds, "cn=${user()},dc=example,dc=org", "${pass()}");`,
    'password-assignment',
  ],
  [
    'ADSI OpenDSObject',
    'bind.vbs',
    () =>
      `Set obj = dso.OpenDSObject("LDAP://ldap.corp.net/ou=staff,dc=corp,dc=net", "cn=${user()},dc=corp,dc=net", "${pass()}", 1)`,
    'password-assignment',
  ],
  [
    '.NET DirectoryEntry',
    'Ldap.cs',
    () => `var entry = new DirectoryEntry("LDAP://dc01.corp.net", "CORP\\${user()}", "${pass()}");`,
    'password-assignment',
  ],
  [
    'PowerShell New-Object DirectoryEntry',
    'bind.ps1',
    () => `$de = New-Object System.DirectoryServices.DirectoryEntry("LDAP://dc01.corp.net", "${user()}", "${pass()}")`,
    'password-assignment',
  ],
  [
    'Python MySQLdb.connect',
    'a.py',
    () => `db = MySQLdb.connect("localhost", "${user()}", "${pass()}", "app")`,
    'password-assignment',
  ],
  ['a key store loaded', 'A.java', () => `ks.load(in, "${pass()}".toCharArray());`, 'password-assignment'],
  [
    'a key read from a key store',
    'A.java',
    () => `Key k = ks.getKey("${user()}", "${pass()}".toCharArray());`,
    'password-assignment',
  ],
  [
    'a PBE key spec',
    'A.java',
    () => `new PBEKeySpec("${pass()}".toCharArray(), salt, 65536, 256)`,
    'password-assignment',
  ],
  ['a JWT signed with a literal key', 'a.js', () => `const t = jwt.sign(payload, '${key()}');`, 'secret-assignment'],
  [
    'a JWT verified with a literal key',
    'a.js',
    () => `jwt.verify(token, '${key()}', (err, decoded) => {});`,
    'secret-assignment',
  ],
  ['PyJWT encode', 'a.py', () => `token = jwt.encode(payload, "${key()}", algorithm="HS256")`, 'secret-assignment'],
  ['ruby-jwt decode', 'a.rb', () => `JWT.decode(token, '${key()}', true, algorithm: 'HS256')`, 'secret-assignment'],
  ['golang-jwt SignedString', 'main.go', () => `s, err := token.SignedString([]byte("${key()}"))`, 'secret-assignment'],
  ['Go hmac.New', 'main.go', () => `mac := hmac.New(sha256.New, []byte("${key()}"))`, 'secret-assignment'],
  ['Node createHmac', 'a.js', () => `const h = crypto.createHmac('sha256', '${key()}');`, 'secret-assignment'],
  ['Python hmac.new', 'a.py', () => `sig = hmac.new(b"${key()}", body, hashlib.sha256)`, 'secret-assignment'],
  ['Ruby OpenSSL::HMAC', 'a.rb', () => `OpenSSL::HMAC.hexdigest('SHA256', '${key()}', data)`, 'secret-assignment'],
  [
    'Java SecretKeySpec',
    'A.java',
    () => `new SecretKeySpec("${key()}".getBytes(UTF_8), "HmacSHA256")`,
    'secret-assignment',
  ],
  [
    'an argparse default',
    'a.py',
    () => `parser.add_argument("--db-password", default="${pass()}")`,
    'password-assignment',
  ],
  [
    'a click default',
    'a.py',
    () => `@click.option('--api-token', default='${key()}', help='API token')`,
    'secret-assignment',
  ],
  [
    'a Terraform variable default',
    'variables.tf',
    () => `variable "db_password" {\n  type    = string\n  default = "${pass()}"\n}`,
    'password-assignment',
  ],
];

const quiet: QuietCase[] = [
  ['SetBasicAuth from variables', 'main.go', () => `req.SetBasicAuth(user, pass)`],
  [
    "a test's word stand-in by position",
    'main_test.go',
    () => `proxyAuth: url.UserPassword("${user()}", "${user()}passwd"),`,
  ],
  ["a test's word stand-in to NetworkCredential", 'A.cs', () => `new NetworkCredential("${user()}", "${user()}")`],
  ['SetBasicAuth with a placeholder', 'main.go', () => `req.SetBasicAuth("admin", "password")`],
  [
    'getConnection with an empty password',
    'A.java',
    () => `DriverManager.getConnection("jdbc:h2:mem:test", "sa", "");`,
  ],
  [
    'getConnection from a config',
    'A.java',
    () => `DriverManager.getConnection(cfg.url(), cfg.user(), cfg.password());`,
  ],
  ['DirectoryEntry from variables', 'Ldap.cs', () => `var entry = new DirectoryEntry(path, user, password);`],
  ['DirectoryEntry with a path only', 'Ldap.cs', () => `var entry = new DirectoryEntry("LDAP://dc01.corp.net");`],
  ['OpenDSObject with a placeholder', 'bind.vbs', () => `Set o = dso.OpenDSObject("LDAP://x", "admin", "password", 1)`],
  ['PDO of SQLite', 'a.php', () => `$db = new PDO('sqlite:/var/db/app.sqlite');`],
  ['mysqli from constants', 'a.php', () => `$c = mysqli_connect(DB_HOST, DB_USER, DB_PASS, DB_NAME);`],
  ['a hex alphabet as char[]', 'A.java', () => `private static final char[] HEX = "0123456789abcdef".toCharArray();`],
  ['Properties.store with a comment', 'A.java', () => `props.store(out, "${word(6)} settings");`],
  ['a key store password from a variable', 'A.java', () => `ks.load(in, storePassword.toCharArray());`],
  ['yaml.load of a string', 'a.py', () => `yaml.load(stream, "${word(12)}")`],
  ['NetworkCredential from a variable', 'A.cs', () => `new NetworkCredential(user, securePassword)`],
  ['a password file', 'a.yaml', () => `password_file: /etc/${user()}/password`],
  ['a password length for users', 'a.yaml', () => `password_length_for_users: "${digit()}${digit()}"`],
  ['a cred file', 'a.yaml', () => `cred_file: "/etc/${user()}/${word(8)}.json"`],
  ['a credit word', 'a.py', () => `credit = "${word(16)}"`],
  ['Dim of a name', 'a.vb', () => `Dim Title As String = "Sign in to ${user()}"`],
  ['a JWT signed with a variable', 'a.js', () => `jwt.sign(payload, secret, { expiresIn: '1h' })`],
  ['a JWT verified with an environment variable', 'a.js', () => `jwt.verify(token, process.env.JWT_SECRET)`],
  ['a JWT decoded naming its algorithm', 'a.py', () => `jwt.decode(token, "HS256")`],
  ['an HMAC of a variable key', 'a.js', () => `crypto.createHmac('sha256', key).update(body).digest('hex')`],
  ['Go hmac.New of a variable key', 'main.go', () => `mac := hmac.New(sha256.New, key)`],
  ['SecretKeySpec of bytes', 'A.java', () => `new SecretKeySpec(keyBytes, "HmacSHA256")`],
  ['an argparse default of None', 'a.py', () => `parser.add_argument("--password", default=None)`],
  [
    'an argparse default path',
    'a.py',
    () => `parser.add_argument("--password-file", default="/etc/${user()}/password")`,
  ],
  ['an argparse default file name', 'a.py', () => `parser.add_argument("--output", default="results-${digit()}.json")`],
  [
    'a Terraform variable without a default',
    'variables.tf',
    () => `variable "db_password" {\n  type      = string\n  sensitive = true\n}`,
  ],
  ['a Terraform region default', 'variables.tf', () => `variable "region" {\n  default = "us-east-1"\n}`],
  ['a Terraform empty default', 'variables.tf', () => `variable "db_password" {\n  default = ""\n}`],
];

describeFound('passwords in calls and names that linters report are found', found);
describeQuiet('their look-alikes are not', quiet);

describe('what a name says after "for", or after an about word', () => {
  test.each([
    ['my_secret_password_for_email', 'password'],
    ['javax.net.ssl.keyStorePassword', 'password'],
    ['token_store_password', 'password'],
    ['password_for_user_name', 'password'],
    ['password_file', 'neutral'],
    ['password_min_length', 'neutral'],
    ['password_length_for_users', 'neutral'],
    ['token_ttl', 'neutral'],
    ['cred', 'secret'],
    ['cred_file', 'neutral'],
    ['credit', 'neutral'],
  ])('%s is %s', (key, kind) => expect(classifyKey(key)).toBe(kind));
});
