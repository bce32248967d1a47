import type { Assignment } from './assignment-parse.js';
import { classifyKey } from './key-names.js';

/**
 * A password given by position to a library call whose signature says that argument is a password,
 * so no name is written next to it: Go's `req.SetBasicAuth(user, password)`,
 * `smtp.PlainAuth(identity, user, password, host)`, `url.UserPassword(user, password)`; JDBC's
 * `DriverManager.getConnection(url, user, password)`; java.net's `PasswordAuthentication(user,
 * char[])`, Apache HttpClient's `UsernamePasswordCredentials(user, password)`; .NET's
 * `NetworkCredential(user, password)`; PHP's `new PDO(dsn, user, password)`,
 * `mysqli_connect(host, user, password, …)`, `mysql_connect`, `ldap_bind(link, dn, password)`; Active
 * Directory's `OpenDSObject(path, user, password, flags)` and .NET's `new DirectoryEntry(path, user, password)`;
 * Python's `MySQLdb.connect(host, user, password, db)` and `pymysql.connect`; and the JCA's key store
 * passwords, which Java passes as `char[]` (`ks.load(in, "…".toCharArray())`, `getKey(alias, …)`,
 * `store(out, …)`, `setKeyEntry(alias, key, …, chain)`, `PasswordProtection(…)`, `PBEKeySpec(…)`).
 * The value is then judged as any password (password-assignment).
 *
 * The same for the key of a signature, which must stay secret as a password does: a JWT's HMAC key
 * (jsonwebtoken's `jwt.sign(payload, key)` and `jwt.verify(token, key)`, PyJWT's and ruby-jwt's
 * `encode`/`decode(…, key, …)`, golang-jwt's `token.SignedString([]byte(key))`) and an HMAC's key (Go's
 * `hmac.New(sha256.New, []byte(key))`, Node's `crypto.createHmac(alg, key)`, Python's `hmac.new(key,
 * …)`, Ruby's `OpenSSL::HMAC.hexdigest(digest, key, data)`, Java's `new SecretKeySpec(key.getBytes(),
 * alg)`); these are judged as a secret's value (secret-assignment: random-looking, or a password's mix).
 */

/** An argument before the password: a string, or an expression without parentheses or quotes. */
const ARGUMENT = String.raw`(?:"[^"\n]*"|'[^'\n]*'|[^,()"'\s](?:[^,()"'\n]*[^,()"'\s])?)[ \t]*,[ \t]*`;

interface CredentialCall {
  /** The call, up to its opening parenthesis. */
  call: string;
  /** A password (the default) or a key. */
  kind?: 'secret';
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
  { call: String.raw`\.OpenDSObject`, before: 2 },
  { call: String.raw`\b(?:[Nn]ew|[Nn]ew-[Oo]bject)[ \t]+(?:System\.DirectoryServices\.)?DirectoryEntry`, before: 2 },
  { call: String.raw`\b(?:MySQLdb|pymysql)\.connect`, before: 2 },
  { call: String.raw`\.(?:load|getKey|store)`, before: 1, chars: true },
  { call: String.raw`\.setKeyEntry`, before: 2, chars: true },
  { call: String.raw`\b(?:PasswordProtection|PBEKeySpec)`, before: 0, chars: true },
  { call: String.raw`\b(?:jwt|JWT)\.(?:sign|verify|encode|decode)`, before: 1, kind: 'secret' },
  { call: String.raw`\.SignedString`, before: 0, kind: 'secret' },
  { call: String.raw`\bhmac\.New`, before: 1, kind: 'secret' },
  { call: String.raw`\bcreateHmac`, before: 1, kind: 'secret' },
  { call: String.raw`\bhmac\.new`, before: 0, kind: 'secret' },
  { call: String.raw`\bHMAC\.(?:digest|hexdigest|base64digest|new)`, before: 1, kind: 'secret' },
  { call: String.raw`\bnew[ \t]+(?:javax\.crypto\.spec\.)?SecretKeySpec`, before: 0, kind: 'secret' },
];

// A key's bytes: Go's `[]byte("…")`, Node's `Buffer.from("…")`, Python's `b"…"` or `"…".encode()`,
// Java's `"…".getBytes(UTF_8)`; a password's chars: `"…".toCharArray()`.
const WRAPPER = String.raw`(?:\[\]byte\(|Buffer\.from\()?(?:[bB](?=["']))?`;
const CONVERSION = String.raw`(?:\.(?:toCharArray|getBytes|encode)\([^()\n]{0,40}\))?`;

const PATTERNS = CALLS.map(({ call, before, chars, kind }) => ({
  kind: kind ?? 'password',
  pattern: new RegExp(
    String.raw`${call}[ \t]*\([ \t]*(?:${ARGUMENT}){${before}}${WRAPPER}(?<q>["'])(?<value>[^"'\n]{1,200})\k<q>${chars ? String.raw`\.toCharArray\(\)` : CONVERSION}\)?[ \t]*[,)]`,
    'dg',
  ),
}));

/** Words one of the calls has: the text is searched only when one is there. */
const PRESENT =
  /setbasicauth|plainauth|crammd5auth|userpassword|getconnection|passwordauthentication|usernamepasswordcredentials|networkcredential|pdo|mysql|ldap_bind|opendsobject|directoryentry|tochararray|jwt\.|signedstring|hmac|secretkeyspec/;

const no = () => false;

export function* credentialCalls(text: string, lower: string): Iterable<Assignment> {
  if (!PRESENT.test(lower)) return;
  for (const { kind, pattern } of PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const value = m.groups!.value!;
      const key = kind === 'secret' ? 'signing_key' : 'password';
      yield {
        key,
        kind: classifyKey(key),
        value,
        valueStart: m.indices!.groups!.value![0],
        quoted: true,
        inString: no,
        attribute: no,
        // As a user and password given to a login (AUTH_CALL): a test's stand-in (`"pasten"`,
        // `"proxypasswd"`) is a word; a password someone typed has a digit or a symbol.
        weak: true,
      };
    }
  }
}
