import { isPlaceholder, isPlaceholderToken } from '../placeholders.js';
import type { Candidate, Rule } from '../types.js';

/**
 * Credentials typed on a command line: `curl -u user:pass`, `curl --user 'user:pass'`,
 * `--password=…`, `wget --http-password …`, `mysql -pSECRET`, `sshpass -p …`, `ldapsearch -w …`,
 * `docker login -u me -p …` (or `echo … | docker login --password-stdin`), `http -a user:pass`,
 * `sqlcmd -U sa -P …`, `mongodump -u me -p …`.
 * A command continued over several lines with `\` counts as one line. The secret is the password part.
 */

// A shell word: quoted ('…' or "…") or bare; user:password pairs may quote each half.
const WORD = String.raw`(?:'[^'\n]*'|"[^"\n]*"|[^\s'"])+`;
const USER_OPTION = new RegExp(
  String.raw`-(?<=\s-)(?:u|-user|-proxy-user|U|a|-auth)(?:=|[ \t]+|(?=['"]))(${WORD})`,
  'g',
);
// Any long option whose last word says password (db-password, proxy-pass), also glued to another word
// (curl's tlspassword and proxy-tlspassword) or joined with `_` (WP-CLI's admin_password). Not a flag
// about one (no-password, ask-pass, prompt-password, disabled-password: the word after it is another
// argument, and an option is never the value).
const LONG_PASSWORD_OPTION = new RegExp(
  String.raw`--(?<=(?:^|\s)--)(?!(?:no|ask|prompt|skip|use|with|without|allow|require|show|hide|generate|random|reset|forgot|disable|disabled|enable|enabled|empty)[-_])(?:[a-z0-9]+[-_]){0,3}(?:[a-z0-9]{0,20}(?:password|passwd)|pass|passphrase|client[-_]secret|api[-_]key)(?:=|[ \t]+)(?!-)(${WORD})`,
  'gi',
);
// One dash, any case: PowerShell's `-Password 'x'` and `-Password:x`, Java's `keytool -storepass x`,
// PuTTY's `plink -pw x`, a password and a user in a document (`-id:me -pw:x`).
const DASH_PASSWORD_OPTION = new RegExp(
  String.raw`-(?<=(?:^|\s)-)(?:password|passwd|passphrase|pwd|pw|storepass|keypass|srcstorepass|deststorepass)(?:[ \t]+|:)(${WORD})`,
  'gi',
);
// An LDAP bind password (-w) given with a bind DN (-D "cn=…"), whatever the tool.
const LDAP_BIND_PASSWORD = new RegExp(String.raw`-(?<=\s-)w[ \t]+(${WORD})`, 'g');
// `--token X`, `--secret=X`: many tools' way to take a key; only a value that looks like one. One dash
// too: Go's flag package (`consul members -token=X`, `nomad -token X`) and PowerShell (`-Token:X`).
const TOKEN_OPTION = new RegExp(
  String.raw`-(?<=(?:^|\s)-)-?(?:[\w-]*[-_])?(?:token|secret|secret-key|access-key|bearer|api-?key)(?:=|:|[ \t]+)(${WORD})`,
  'gi',
);
// PowerShell's ConvertTo-SecureString takes the plain password as its first word that is no option.
const SECURE_STRING = new RegExp(
  String.raw`ConvertTo-SecureString(?:[ \t]+-(?:String|AsPlainText|Force)\b)*[ \t]+(?!-)(${WORD})`,
  'gi',
);
const LDAP_BIND_DN = /\s-D[ \t]+["']?(?:cn|uid|dc|ou)=/i;
// A password echoed into a login that reads it from stdin: `echo "…" | docker login -u me --password-stdin`.
const PASSWORD_STDIN = new RegExp(
  String.raw`\b(?:echo|printf)[ \t]+(?:-n[ \t]+|'%s'[ \t]+|"%s"[ \t]+)?(${WORD})[ \t]*\|[^\n|]{0,200}?--password-stdin\b`,
  'dg',
);

/** A command name where a command starts: after a line start, a space, `;`, `|`, `&`, `(`, a quote. */
const command = (names: string) => new RegExp(String.raw`(?:^|[\s;|&(\`'"])(?:${names})(?=\s)`);
const SMB_COMMANDS = command('smbclient|rpcclient|smbmap|smbcacls|smbget|smbtree');
const LFTP = command('lftp');
/** Commands whose -u/--user/-a option takes user:password. */
const USER_PASS_COMMANDS = command('curl|curl\\.exe|wget|http|https|xh|lftp|grpcurl');
/** Short options that are a password only for some commands (for ssh, docker run, psql, -p is a port). */
const SHORT_PASSWORD_OPTIONS: Array<{ command: RegExp; option: RegExp }> = [
  // mysql: only glued to -p (a space after -p means "ask me for it").
  {
    command: command('mysql|mysqldump|mysqladmin|mariadb|mariadb-dump'),
    option: new RegExp(String.raw`-(?<=\s-)p(?=\S)(${WORD})`, 'g'),
  },
  {
    command: command('sshpass|docker\\s+login|podman\\s+login|helm\\s+registry\\s+login|oras\\s+login|skopeo\\s+login'),
    option: new RegExp(String.raw`-(?<=\s-)p[ \t]+(${WORD})`, 'g'),
  },
  { command: command('redis-cli'), option: new RegExp(String.raw`-(?<=\s-)a[ \t]+(${WORD})`, 'g') },
  // SQL Server's and Sybase's tools take the password with a capital -P (-p asks for statistics or a port).
  {
    command: command('sqlcmd|sqlcmd\\.exe|bcp|osql|isql'),
    option: new RegExp(String.raw`-(?<=\s-)P[ \t]*(?!-)(${WORD})`, 'g'),
  },
  // MongoDB's shell and tools: -p is the password, once a user is given with -u.
  {
    command: command('mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|mongostat|mongotop'),
    option: new RegExp(String.raw`-(?<=\s-)p[ \t]+(?!-)(${WORD})`, 'g'),
  },
  // ssh-keygen's new (-N) and old (-P) passphrase; openssl enc's -k; zip's and unzip's -P; 7-Zip's -p glued.
  { command: command('ssh-keygen'), option: new RegExp(String.raw`-(?<=\s-)[NP][ \t]+(${WORD})`, 'g') },
  { command: command('openssl'), option: new RegExp(String.raw`-(?<=\s-)k[ \t]+(${WORD})`, 'g') },
  { command: command('zip|unzip'), option: new RegExp(String.raw`-(?<=\s-)P[ \t]+(${WORD})`, 'g') },
  { command: command('7z|7za|7zz|7zr'), option: new RegExp(String.raw`-(?<=\s-)p(?=\S)(${WORD})`, 'g') },
  { command: command('az\\s+login'), option: new RegExp(String.raw`-(?<=\s-)p[ \t]+(${WORD})`, 'g') },
  // OpenLDAP's tools take the bind password with -w.
  {
    command: command('ldapsearch|ldapadd|ldapmodify|ldapdelete|ldapwhoami|ldappasswd|ldapcompare|ldapmodrdn'),
    option: new RegExp(String.raw`-(?<=\s-)w[ \t]+(${WORD})`, 'g'),
  },
];

// Commands that take the password as a plain argument: `htpasswd -b FILE USER PASSWORD` (-b: "from the
// command line"), `mosquitto_passwd -b FILE USER PASSWORD`, `rabbitmqctl add_user USER PASSWORD`, Windows'
// `net use \\server\share PASSWORD /user:NAME` (either order), and `echo "user:PASSWORD" | chpasswd`.
const POSITIONAL_PASSWORDS = [
  new RegExp(
    String.raw`\bhtpasswd(?=(?:[ \t]+-[A-Za-z]+){0,3}[ \t]+-[A-Za-z]*b)(?:[ \t]+-[A-Za-z]+){1,4}[ \t]+(?!-)${WORD}[ \t]+${WORD}[ \t]+(${WORD})`,
    'dg',
  ),
  new RegExp(String.raw`\bmosquitto_passwd[ \t]+-b[ \t]+${WORD}[ \t]+${WORD}[ \t]+(${WORD})`, 'dg'),
  new RegExp(String.raw`\brabbitmqctl[ \t]+(?:add_user|change_password)[ \t]+${WORD}[ \t]+(${WORD})`, 'dg'),
  new RegExp(String.raw`\bnet[ \t]+use\b[^\n]{0,200}?[ \t]/user:[^\s/]+[ \t]+(?!/)(${WORD})`, 'dgi'),
  new RegExp(String.raw`\bnet[ \t]+use[ \t]+(?:[A-Z]:[ \t]+)?\\\\[^\s]+[ \t]+(?!/)(${WORD})[ \t]+/user:`, 'dgi'),
  /\b(?:echo|printf)[ \t]+(?:-e[ \t]+)?(?<q>["']?)[a-z_][\w.-]{0,31}:(?<pw>[^\s'"]{1,200})\k<q>[ \t]*\|[ \t]*(?:sudo[ \t]+)?chpasswd\b/dg,
];
const POSITIONAL_PRESENT = /htpasswd|mosquitto_passwd|rabbitmqctl|net\s+use|chpasswd/;

/** The word as the shell passes it: quotes removed, and prose punctuation after it (`user:pw,` in a sentence) dropped. */
function unquote(word: string): string {
  return word
    .replace(/(?<![.,;)])[.,;)]+$/, '')
    .replace(/'([^']*)'|"([^"]*)"/g, (_m, a: string | undefined, b: string | undefined) => a ?? b ?? '');
}

/** Where `secret` sits inside the word at `wordStart`, or -1: never further away than the word. */
function within(text: string, secret: string, wordStart: number, word: string, from = wordStart): number {
  const at = text.indexOf(secret, from);
  return at !== -1 && at + secret.length <= wordStart + word.length ? at : -1;
}

/** The logical command around `offset`: its line plus the lines before it that end in `\`. */
function commandAround(text: string, offset: number): string {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  for (;;) {
    const previousEnd = start - 1;
    if (previousEnd <= 0) break;
    const previousStart = text.lastIndexOf('\n', previousEnd - 1) + 1;
    if (!/\\\s*$/.test(text.slice(previousStart, previousEnd))) break;
    start = previousStart;
  }
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? undefined : end);
}

/** A real password: not a variable, a command substitution, a placeholder, nor the user name again. */
export function isCommandLinePassword(password: string, user = ''): boolean {
  if (password.length < 4 || !/[A-Za-z0-9]/.test(password)) return false;
  // Variables, command substitutions and sub-expressions (`-Password (ConvertTo-SecureString …)`), templates (`{PASS}`; `{ZqL5kVrX1n8tA2}` is a value in braces).
  if (/^\$|^\(|\$\(|\$\{|`|^%\w+%$|^%[sdv]$|\{\{|^<.*>$|^\[.*\]$|^\{[A-Za-z_][A-Za-z_.-]*\}$/.test(password))
    return false;
  if (isPlaceholder(password) || /^(?:pass|pwd|token|test|secret|admin|root|user|guest|demo)$/i.test(password))
    return false;
  // A URL is the command's next argument: the option's value was left out (`curl --tlspassword https://…`).
  if (/^['"]?[a-z][a-z0-9+.-]*:\/\//i.test(password)) return false;
  // A file given where a password may be (`az login --service-principal -p ~/cert.pem`).
  if (/^(?:~|\.{1,2})?\/[\w./-]+$|\.(?:pem|pfx|p12|crt|cer|key)$/i.test(password)) return false;
  // All capitals (`-pPASSWORD`, `--password=DB_PASS`) is how documentation writes a placeholder.
  if (/^(?:x+|\*+|\.+)$/i.test(password) || /^[A-Z_]+$/.test(password)) return false;
  // Words naming what goes there (`--password smb-file-server-password`, `your_password`), and
  // prose about the option (`the --username and --password options`).
  if (/^[a-z]+(?:[-_][a-z]+)+$/.test(password) && /(?:^|[-_])(?:pass|password|passwd|secret|token|key)$/.test(password))
    return false;
  if (
    /^(?:options?|flags?|arguments?|args?|parameters?|params?|switch|values?|and|or|is|are|with|to|for|from|of|in|on|by|if|when|the|as)$/i.test(
      password,
    )
  )
    return false;
  return password !== user;
}

/**
 * Span of the secret in a `user:password` word at `wordStart`: the password, or — for `-u KEY:`
 * with nothing after the colon, how Stripe, Mailgun and others take an API key — the user part
 * when it looks like a key.
 */
function passwordSpan(
  text: string,
  word: string,
  wordStart: number,
  separator: ':' | ',' | '%' = ':',
): [number, number] | undefined {
  const plain = unquote(word);
  const colon = plain.indexOf(separator);
  if (colon === -1) return undefined;
  const user = plain.slice(0, colon);
  const password = plain.slice(colon + 1);
  let secret: string | undefined;
  const keyLike =
    user.length >= 16 && /[A-Za-z]/.test(user) && (/\d/.test(user) || (/[a-z]/.test(user) && /[A-Z]/.test(user)));
  if (password === '' && keyLike && !isPlaceholderToken(user) && !/^\$|\$\{|\$\(/.test(user)) {
    secret = user;
  } else if (isCommandLinePassword(password, user) && !/^\$|\$\{|\$\(/.test(user)) {
    secret = password;
  }
  if (!secret) return undefined;
  // Locate it in the original (quoted) word.
  const at = within(text, secret, wordStart, word, secret === user ? wordStart : wordStart + word.indexOf(separator));
  return at === -1 ? undefined : [at, at + secret.length];
}

export const commandLineRule: Rule = {
  id: 'command-line-credentials',
  title: 'Password on a command line',
  category: 'password',
  priority: 85,
  find(text: string, context): Candidate[] {
    const found: Candidate[] = [];
    const lower = context.lowerText();
    if (
      !lower.includes(' -') &&
      !lower.includes('\t-') &&
      !lower.includes('\n--') &&
      !lower.startsWith('-') &&
      !lower.includes('convertto-securestring') &&
      !POSITIONAL_PRESENT.test(lower)
    )
      return found;
    USER_OPTION.lastIndex = /curl|wget|http|xh |lftp|grpcurl|smb|rpcclient/.test(lower) ? 0 : text.length;
    for (let m = USER_OPTION.exec(text); m; m = USER_OPTION.exec(text)) {
      const around = commandAround(text, m.index);
      // Samba's tools join the user and the password with `%`, lftp with `,`.
      const separator = SMB_COMMANDS.test(around) ? '%' : LFTP.test(around) && !/:/.test(m[1]!) ? ',' : ':';
      if (separator === ':' && !USER_PASS_COMMANDS.test(around)) continue;
      const word = m[1]!;
      const span = passwordSpan(text, word, m.index + m[0].length - word.length, separator);
      if (span) found.push({ start: span[0], end: span[1] });
    }
    const options: Array<{ command?: RegExp; option: RegExp; keyLike?: boolean; notProse?: boolean; needs?: string }> =
      [
        { option: TOKEN_OPTION, keyLike: true },
        { option: LONG_PASSWORD_OPTION },
        { option: DASH_PASSWORD_OPTION },
        { option: SECURE_STRING, notProse: true },
        { option: PASSWORD_STDIN, needs: '--password-stdin' },
        { command: LDAP_BIND_DN, option: LDAP_BIND_PASSWORD },
        ...SHORT_PASSWORD_OPTIONS,
        ...(POSITIONAL_PRESENT.test(lower) ? POSITIONAL_PASSWORDS.map((option) => ({ option })) : []),
      ];
    for (const { command: needed, option, keyLike, notProse, needs } of options) {
      if (needs && !lower.includes(needs)) continue;
      option.lastIndex = 0;
      for (let m = option.exec(text); m; m = option.exec(text)) {
        if (needed && !needed.test(commandAround(text, m.index))) continue;
        const word = m.groups?.pw ?? m[1]!;
        const password = unquote(word);
        if (!isCommandLinePassword(password)) continue;
        // A command named in a sentence is followed by a word of it (`ConvertTo-SecureString takes …`).
        if (notProse && /^[A-Za-z]+$/.test(password)) continue;
        if (keyLike && !(password.length >= 12 && /\d/.test(password) && /[A-Za-z]/.test(password))) continue;
        // The word ends the match, but for a pattern with indices (`d`), which may match past it.
        const wordStart = m.indices?.groups?.pw?.[0] ?? m.indices?.[1]?.[0] ?? m.index + m[0].length - word.length;
        const at = within(text, password, wordStart, word);
        if (at !== -1) found.push({ start: at, end: at + password.length });
      }
    }
    return found;
  },
};
