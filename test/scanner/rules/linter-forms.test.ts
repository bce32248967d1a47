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
];

const quiet: QuietCase[] = [
  ['SetBasicAuth from variables', 'main.go', () => `req.SetBasicAuth(user, pass)`],
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
