import { BASE62, randomString } from '../../../src/scanner/corpus/random.js';
import { describeFound, describeQuiet, type FoundCase, type QuietCase } from './form-cases.js';

// Forms of passwords, command lines, connection strings and tokens that CredSweeper's test samples
// showed missing (the fifth round of tuning). Values are drawn at run time from a seed.
const word = (n: number) => randomString(BASE62, n);
const digit = () => randomString('0123456789', 1);
const pass = () => `${word(9)}${digit()}${word(2)}`;
/** MySQL's stored form of a password: `*` and 40 hexadecimal digits. */
const mysqlHash = () => `*${randomString('0123456789ABCDEF', 40)}`;
const user = () => randomString('abcdefghijklmnopqrstuvwxyz', 6);

const found: FoundCase[] = [
  ['a password name without vowels', '.env', () => `X3_PSWD=${pass()}`, 'password-assignment'],
  ['a password name a letter short', 'a.mk', () => `PASWRD:=${pass()}`, 'password-assignment'],
  ['a name glued to "pass"', 'a.yaml', () => `MYSQLPASS: ${pass()}`, 'password-assignment'],
  ['a C macro', 'config.h', () => `#define DB_PASSWORD "${pass()}"`, 'password-assignment'],
  ['an RPM macro', 'a.spec', () => `%global password "${pass()}"`, 'password-assignment'],
  [
    'SQL with the plugin named',
    'init.sql',
    () => `ALTER USER '${user()}'@'localhost' IDENTIFIED WITH mysql_native_password BY '${pass()}';`,
    'password-assignment',
  ],
  [
    'SQL with a bare password',
    'init.sql',
    () => `CREATE USER ${user()} IDENTIFIED BY ${pass()};`,
    'password-assignment',
  ],
  [
    'PostgreSQL with a bare password',
    'init.sql',
    () => `CREATE ROLE ${user()} WITH LOGIN PASSWORD ${pass()};`,
    'password-assignment',
  ],
  [
    'a .netrc entry on one line',
    'notes.txt',
    () => `machine api.example.com login ${user()} password ${pass()}`,
    'password-assignment',
  ],
  [
    'gpg --passphrase',
    'decrypt.sh',
    () => `gpg --batch --passphrase ${pass()} --decrypt a.gpg`,
    'command-line-credentials',
  ],
  [
    'a PowerShell -Password parameter',
    'a.ps1',
    () => `Connect-Server -Domain 'localhost' -Password '${pass()}'`,
    'command-line-credentials',
  ],
  [
    'a -Password: pair in a document',
    'notes.txt',
    () => `-Username:${user()} -Password:${pass()}`,
    'command-line-credentials',
  ],
  ['a command at the start of the text', 'notes.txt', () => `-password "${pass()}"`, 'command-line-credentials'],
  [
    'keytool -storepass',
    'a.sh',
    () => `keytool -list -keystore a.jks -storepass ${pass()}`,
    'command-line-credentials',
  ],
  ['plink -pw', 'a.bat', () => `plink -ssh ${user()}@host -pw ${pass()}`, 'command-line-credentials'],
  ['--token with a key', 'a.sh', () => `tool deploy --token ${word(20)}${digit()}`, 'command-line-credentials'],
  ['--secret= with a key', 'a.sh', () => `tool --secret=${word(16)}${digit()}`, 'command-line-credentials'],
  [
    'an LDAP bind password beside its DN',
    'notes.txt',
    () => `ldap://127.0.0.1:389 -D "cn=admin,dc=example,dc=org" -w ${pass()}`,
    'command-line-credentials',
  ],
  [
    'an e-mail address as the user of a URL',
    'a.js',
    () => `const smtp = "smtps://${user()}@gmail.com:${pass()}@smtp.gmail.com:465";`,
    'url-credentials',
  ],
  [
    'a URL with no host (a socket)',
    '.env',
    () => `DATABASE_URL=postgresql://${user()}:${pass()}@/app?host=/var/run/postgresql`,
    'url-credentials',
  ],
  ['a password compared with equals()', 'A.java', () => `if (password.equals("${pass()}")) {`, 'password-assignment'],
  ['equals() the other way round', 'A.java', () => `if ("${pass()}".equals(this.password)) {`, 'password-assignment'],
  ['a password copied with strcpy', 'a.c', () => `strcpy(cfg->password, "${pass()}");`, 'password-assignment'],
  [
    'a constant naming a password, then its value',
    'a.c',
    () => `curl_easy_setopt(curl, CURLOPT_USERPWD, "${user()}:${pass()}");`,
    'password-assignment',
  ],
  [
    'ConvertTo-SecureString inside a parameter',
    'a.ps1',
    () => `New-LocalUser -Name svc -Password (ConvertTo-SecureString "${pass()}" -AsPlainText -Force)`,
    'command-line-credentials',
  ],
  [
    'curl --oauth2-bearer',
    'a.sh',
    () => `curl --oauth2-bearer "${word(22)}${digit()}==" https://x`,
    'command-line-credentials',
  ],
  ['an option ending in _token', 'a.sh', () => `tool --deploy_token ${word(24)}${digit()}`, 'command-line-credentials'],
  [
    'a bare SQL password at the end of a string',
    'a.py',
    () => `exec("CREATE USER ${user()} ACCOUNT UNLOCK IDENTIFIED BY ${pass()}")`,
    'password-assignment',
  ],
  ['a two-word key in a document', 'notes.txt', () => `Secret Key: ${word(14)}${digit()}`, 'secret-assignment'],
];

// ODBC and SQL Server's JDBC driver quote a value that holds `;` or `}` in braces: `PWD={…}`.
const bracedConnectionValues: FoundCase[] = [
  [
    'a braced password in a SQL Server JDBC URL',
    'application.properties',
    () =>
      `spring.datasource.url=jdbc:sqlserver://db.corp.net:1433;databaseName=app;user=${user()};password={${word(8)}${digit()}${word(7)}};encrypt=true`,
    'password-assignment',
  ],
  [
    'a braced PWD in an ODBC connection string',
    'settings.py',
    () =>
      `CONN = "Driver={ODBC Driver 18 for SQL Server};Server=db.corp.net;UID=${user()};PWD={${word(8)}${digit()}${word(7)}};"`,
    'password-assignment',
  ],
];

const stdinLogins: FoundCase[] = [
  [
    'a password echoed into docker login',
    'deploy.sh',
    () => `echo "${pass()}" | docker login -u ${user()} --password-stdin registry.example.com`,
    'command-line-credentials',
  ],
  [
    'a password printed into helm registry login',
    'ci.yml',
    () => `  - printf '%s' '${pass()}' | helm registry login ghcr.io -u ${user()} --password-stdin`,
    'command-line-credentials',
  ],
];

const quiet: QuietCase[] = [
  [
    'a variable echoed into docker login',
    'deploy.sh',
    () => 'echo "$CI_REGISTRY_PASSWORD" | docker login --password-stdin',
  ],
  [
    'a CI secret echoed into docker login',
    'ci.yml',
    () => '      - run: echo "${{ secrets.GHCR_TOKEN }}" | docker login ghcr.io -u me --password-stdin',
  ],
  [
    'a command substitution echoed',
    'deploy.sh',
    () => 'echo $(aws ecr get-login-password) | docker login --password-stdin',
  ],
  ['a two-word key followed by prose', 'notes.md', () => `Secret key: see the vault`],
  ['a two-word key with a template', 'notes.md', () => `API key: <your-api-key>`],
  ['a constant naming a message', 'a.c', () => `printf(MSG_PASSWORD, "Enter password");`],
  ['a constant naming a hint', 'A.java', () => `map.put(PASSWORD_HINT, "${pass()}");`],
  ['ConvertTo-SecureString of a variable', 'a.ps1', () => `$s = ConvertTo-SecureString $plain -AsPlainText -Force`],
  ['an option naming a token file', 'a.sh', () => `tool --token-file ~/.config/tool/token`],
  ['an e-mail address in a URL without a password', 'a.md', () => `ssh://${user()}@example.com:2222/srv/repo`],
  ['a name compared with equals()', 'A.java', () => `if (name.equals("${pass()}")) {`],
  ['an empty password compared', 'A.java', () => `if (password.equals("")) {`],
  ['a buffer filled with strcpy', 'a.c', () => `strcpy(buf, "${pass()}");`],
  ['a word ending in "pass"', 'a.yaml', () => `bypass: ${pass()}`],
  ['"compass" at the end of a name', 'a.yaml', () => `ship_compass: ${pass()}`],
  ['a C macro of a number', 'config.h', () => `#define PASSWORD_LENGTH "${digit()}${digit()}"`],
  ['a C macro naming a prompt', 'config.h', () => `#define PASSWORD_PROMPT "Enter your password:"`],
  ['SQL naming a hash', 'init.sql', () => `CREATE USER ${user()} IDENTIFIED BY PASSWORD '${mysqlHash()}';`],
  ['ASN.1 IDENTIFIED BY an object id', 'asn1.js', () => ` *   { {PBES2-params IDENTIFIED BY id-PBES2}, ...}`],
  ['SQL with a placeholder', 'init.sql', () => `CREATE USER ${user()} IDENTIFIED BY :password;`],
  ['a sentence with "login" and "password"', 'notes.md', () => `Enter your login name, then password twice.`],
  ['--passphrase from a variable', 'a.sh', () => `gpg --passphrase "$GPG_PASSPHRASE" --decrypt a.gpg`],
  ['a -Password from a variable', 'a.ps1', () => `Connect-Server -Password $securePassword`],
  ['--token with a word', 'a.sh', () => `tool --token refresh`],
  ['--token with a variable', 'a.sh', () => `tool --token "\${TOKEN}"`],
  ['--secret with a slug', 'a.sh', () => `kubectl get --secret my-app-secret`],
  ['-w without a bind DN', 'a.sh', () => `grep -w ${pass()} file.txt`],
  ['a prose option list', 'README.md', () => `Use the -password option or --token option.`],
  ['a template field in braces', 'config.txt', () => `jdbc:sqlserver://db;user=app;password={db_password};`],
  ['a capitalised template field in braces', 'odbc.ini', () => `PWD={Password}`],
  ['a placeholder in braces', 'README.md', () => `Add \`PWD={<your-password>}\` to the connection string.`],
];

describeFound('credential forms are found', found);

describeFound('values quoted in braces in a connection string', bracedConnectionValues);

// A password given to a login through stdin (the documented way to keep it out of `ps`): here written in the script.
describeFound('passwords echoed into a login that reads stdin', stdinLogins);

describeQuiet('their look-alikes are not', quiet);
