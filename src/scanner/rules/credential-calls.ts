import type { Assignment } from './assignment-parse.js';
import { classifyKey } from './key-names.js';

/**
 * A password given by position to a library call whose signature says that argument is a password,
 * so no name is written next to it: Go's `req.SetBasicAuth(user, password)`,
 * `smtp.PlainAuth(identity, user, password, host)`, `url.UserPassword(user, password)`; JDBC's
 * `DriverManager.getConnection(url, user, password)`; java.net's `PasswordAuthentication(user,
 * char[])`, Apache HttpClient's `UsernamePasswordCredentials(user, password)`; .NET's
 * `NetworkCredential(user, password)`; PHP's `new PDO(dsn, user, password)`,
 * `mysqli_connect(host, user, password, …)`, `mysql_connect`, `ldap_bind(link, dn, password)`;
 * Python's `MySQLdb.connect(host, user, password, db)` and `pymysql.connect`; and the JCA's key store
 * passwords, which Java passes as `char[]` (`ks.load(in, "…".toCharArray())`, `getKey(alias, …)`,
 * `store(out, …)`, `setKeyEntry(alias, key, …, chain)`, `PasswordProtection(…)`, `PBEKeySpec(…)`).
 * The value is then judged as any password (password-assignment).
 */

/** An argument before the password: a string, or an expression without parentheses or quotes. */
const ARGUMENT = String.raw`(?:"[^"\n]*"|'[^'\n]*'|[^,()"'\s](?:[^,()"'\n]*[^,()"'\s])?)[ \t]*,[ \t]*`;

interface CredentialCall {
  /** The call, up to its opening parenthesis. */
  call: string;
  /** How many arguments come before the password. */
  before: number;
  /**
   * The literal must be turned into `char[]` (`"…".toCharArray()`), the JCA's password type: `load`,
   * `getKey` and `store` are common names. Elsewhere the conversion may follow or not.
   */
  chars?: boolean;
}

const CALLS: CredentialCall[] = [
  { call: String.raw`\.SetBasicAuth`, before: 1 },
  { call: String.raw`\bsmtp\.PlainAuth`, before: 2 },
  { call: String.raw`\bsmtp\.CRAMMD5Auth`, before: 1 },
  { call: String.raw`\burl\.UserPassword`, before: 1 },
  { call: String.raw`\bDriverManager\.getConnection`, before: 2 },
  { call: String.raw`\bnew[ \t]+(?:java\.net\.)?PasswordAuthentication`, before: 1 },
  { call: String.raw`\bnew[ \t]+(?:[\w.]+\.)?UsernamePasswordCredentials`, before: 1 },
  { call: String.raw`\bnew[ \t]+(?:System\.Net\.)?NetworkCredential`, before: 1 },
  { call: String.raw`\bnew[ \t]+\\?PDO`, before: 2 },
  { call: String.raw`(?:\bmysqli_connect|\bmysql_connect|\bnew[ \t]+\\?mysqli)`, before: 2 },
  { call: String.raw`\bldap_bind`, before: 2 },
  { call: String.raw`\b(?:MySQLdb|pymysql)\.connect`, before: 2 },
  { call: String.raw`\.(?:load|getKey|store)`, before: 1, chars: true },
  { call: String.raw`\.setKeyEntry`, before: 2, chars: true },
  { call: String.raw`\b(?:PasswordProtection|PBEKeySpec)`, before: 0, chars: true },
];

const PATTERNS = CALLS.map(
  ({ call, before, chars }) =>
    new RegExp(
      String.raw`${call}[ \t]*\([ \t]*(?:${ARGUMENT}){${before}}(?<q>["'])(?<value>[^"'\n]{1,200})\k<q>(?:\.toCharArray\(\))${chars ? '' : '?'}[ \t]*[,)]`,
      'dg',
    ),
);

/** Words one of the calls has: the text is searched only when one is there. */
const PRESENT =
  /setbasicauth|plainauth|crammd5auth|userpassword|getconnection|passwordauthentication|usernamepasswordcredentials|networkcredential|pdo|mysql|ldap_bind|tochararray/;

const no = () => false;

export function* credentialCalls(text: string, lower: string): Iterable<Assignment> {
  if (!PRESENT.test(lower)) return;
  for (const pattern of PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const value = m.groups!.value!;
      yield {
        key: 'password',
        kind: classifyKey('password'),
        value,
        valueStart: m.indices!.groups!.value![0],
        quoted: true,
        inString: no,
        attribute: no,
      };
    }
  }
}
