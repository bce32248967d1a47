import { BASE62, randomString } from '../../../src/scanner/corpus/random.js';
import { describeFound, describeQuiet, type FoundCase, type QuietCase } from './form-cases.js';

// Passwords that admin tools take on their command line in their own ways: joined to the user with
// `%` or `,`, as a plain argument, or behind a one-letter option only that tool gives that meaning;
// and the password lines of LDAP's, PostgreSQL's and Wi-Fi's config files. Values are drawn at run time from a seed.
const word = (n: number) => randomString(BASE62, n);
const digit = () => randomString('0123456789', 1);
const pass = () => `${word(8)}${digit()}${word(5)}`;
const user = () => randomString('abcdefghijklmnopqrstuvwxyz', 6);
const hex = (n: number) => randomString('0123456789abcdef', n);
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

const found: FoundCase[] = [
  [
    'smbclient -U user%password',
    'mount.sh',
    () => `smbclient //fs.corp.internal/share -U ${user()}%${pass()}`,
    'command-line-credentials',
  ],
  [
    'smbclient --user=DOMAIN/user%password',
    'mount.sh',
    () => `smbclient //fs/share --user=CORP/${user()}%${pass()}`,
    'command-line-credentials',
  ],
  [
    'lftp -u user,password',
    'upload.sh',
    () => `lftp -u ${user()},${pass()} sftp://ftp.corp.internal`,
    'command-line-credentials',
  ],
  [
    'net use with the password after /user:',
    'map.bat',
    () => `net use Z: \\\\fs01\\share /user:CORP\\${user()} ${pass()}`,
    'command-line-credentials',
  ],
  [
    'net use with the password before /user:',
    'map.bat',
    () => `net use Z: \\\\fs01\\share ${pass()} /user:CORP\\${user()}`,
    'command-line-credentials',
  ],
  ['ssh-keygen -N', 'keys.sh', () => `ssh-keygen -t ed25519 -N "${pass()}" -f deploy_key`, 'command-line-credentials'],
  [
    'openssl enc -k',
    'backup.sh',
    () => `openssl enc -aes-256-cbc -in db.sql -out db.enc -k ${pass()}`,
    'command-line-credentials',
  ],
  ['unzip -P', 'restore.sh', () => `unzip -P ${pass()} backup.zip`, 'command-line-credentials'],
  ['7z -p glued', 'restore.sh', () => `7z x -p${pass()} backup.7z`, 'command-line-credentials'],
  [
    'az login -p',
    'ci.sh',
    () => `az login --service-principal -u ${user()} -p ${pass()} --tenant corp`,
    'command-line-credentials',
  ],
  [
    'htpasswd -b',
    'setup.sh',
    () => `htpasswd -cb /etc/nginx/.htpasswd ${user()} ${pass()}`,
    'command-line-credentials',
  ],
  [
    'mosquitto_passwd -b',
    'setup.sh',
    () => `mosquitto_passwd -b /etc/mosquitto/passwd ${user()} ${pass()}`,
    'command-line-credentials',
  ],
  ['rabbitmqctl add_user', 'setup.sh', () => `rabbitmqctl add_user ${user()} ${pass()}`, 'command-line-credentials'],
  [
    'echo user:password into chpasswd',
    'setup.sh',
    () => `echo "${user()}:${pass()}" | sudo chpasswd`,
    'command-line-credentials',
  ],
  [
    'a long option with underscores',
    'install.sh',
    () => `wp core install --url=corp.internal --admin_user=${user()} --admin_password=${pass()}`,
    'command-line-credentials',
  ],
  [
    'npm config set of a registry token',
    'setup.sh',
    () => `npm config set //npm.corp.internal/:_authToken ${uuid()}`,
    'npmrc-auth-token',
  ],
  ['OpenLDAP bindpw', 'ldap.conf', () => `bindpw ${pass()}`, 'password-assignment'],
  ['a line of .pgpass', '.pgpass', () => `db.corp.internal:5432:app:${user()}:${pass()}`, 'password-assignment'],
  [
    'a Wi-Fi pre-shared key',
    'wpa_supplicant.conf',
    () => `network={\n  ssid="corp"\n  psk="${pass()}"\n}`,
    'password-assignment',
  ],
  ['SSSD ldap_default_authtok', 'sssd.conf', () => `ldap_default_authtok = ${pass()}`, 'password-assignment'],
];

const quiet: QuietCase[] = [
  ['smbclient with a user only', 'mount.sh', () => `smbclient -L fs.corp.internal -U ${user()}`],
  ['lftp with a user only', 'upload.sh', () => `lftp -u ${user()} sftp://ftp.corp.internal`],
  ['net use asking for the password', 'map.bat', () => `net use Z: \\\\fs01\\share * /user:CORP\\${user()}`],
  ['net use with another switch', 'map.bat', () => `net use Z: \\\\fs01\\share /user:CORP\\${user()} /persistent:yes`],
  ['ssh-keygen without a passphrase', 'keys.sh', () => 'ssh-keygen -t ed25519 -N "" -f deploy_key'],
  ['openssl enc -k from a variable', 'backup.sh', () => 'openssl enc -aes-256-cbc -in a -out a.enc -k "$KEY"'],
  ['7z asking for the password', 'restore.sh', () => '7z x -p backup.7z'],
  [
    'az login with a certificate file',
    'ci.sh',
    () => 'az login --service-principal -u app -p ~/certs/app.pem --tenant corp',
  ],
  ['htpasswd asking for the password', 'setup.sh', () => `htpasswd -c /etc/nginx/.htpasswd ${user()}`],
  ['rabbitmqctl from a variable', 'setup.sh', () => 'rabbitmqctl add_user admin "$RABBITMQ_PASSWORD"'],
  ['chpasswd from a variable', 'setup.sh', () => 'echo "deploy:$DEPLOY_PASSWORD" | chpasswd'],
  ['a slapd rootpw that is a hash', 'slapd.conf', () => 'rootpw {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g='],
  ['a flag about a password, with underscores', 'run.sh', () => `tool --ask_pass --user ${user()}`],
  ['npm config set from a variable', 'setup.sh', () => 'npm config set //npm.corp.internal/:_authToken ${NPM_TOKEN}'],
  ['prose about the setting', 'README.md', () => 'Put the :_authToken setting in your .npmrc file.'],
  ['the comment heading .pgpass', '.pgpass', () => '# hostname:port:database:username:password'],
  ["a .pgpass line whose password is the user's name", '.pgpass', () => 'localhost:5432:*:postgres:postgres'],
  ['a host:port:db:user:password line in another file', 'notes.txt', () => `db:5432:app:${user()}:${pass()}`],
  ['the name of a PSK identity', 'ipsec.conf', () => `psk_identity = ${user()}`],
  ['the type of an SSSD authtok', 'sssd.conf', () => 'ldap_default_authtok_type = password'],
];

describeFound("passwords in admin tools' own argument forms are found", found);
describeQuiet('their look-alikes are not', quiet, 3);
