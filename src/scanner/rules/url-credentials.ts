import { looksRandom } from '../entropy.js';
import { isPlaceholderToken } from '../placeholders.js';
import type { Candidate, Rule } from '../types.js';
import { isCommandLinePassword } from './command-line.js';
import { isDefaultCredential, isReachableHost } from './url-host.js';

/**
 * `user:password@host` in a URL (`postgres://`, `mongodb+srv://`, `redis://:pw@`, `ftp://`,
 * `jdbc:mysql://`; the user may be an e-mail address, `smtps://me@example.com:pw@smtp…`), in a Go MySQL DSN (`user:pw@tcp(db:3306)/x`) and Oracle's `user/pw@db`. A password may hold `@`
 * (people paste it unencoded); a URL may be percent-encoded inside another, and a token may be the user of a URL to a Git host: the host is after the last `@`, or absent (`postgresql://app:pw@/db?host=/run/…`, a socket), or filled in by code
 * (`"nats://svc:pw@%s:%d"`, `{}`, `${host}`, `'…@' + host`: the password is still a literal). Not reported: templates
 * (`{PASS}`, `${DB_PASSWORD}`), placeholders, digits only (`host:8080@` is a port), the password
 * of an `anonymous` user, and a default login (`postgres:postgres`, `admin:admin`) to a host of
 * one's own or of documentation (`localhost`, `db`, `example.com`): to a reachable host it is reported.
 */
// Starts at `://` (the scheme is checked behind it), so the engine jumps from one URL to the next.
const URL_CREDENTIALS =
  /:\/\/(?<=\b[a-z][a-z0-9+.-]{1,20}:\/\/)(?<user>(?:[^\s:/@'"`<>]*@)?[^\s:/@'"`<>]*):(?<secret>[^\s/'"`<>]{3,})@(?:(?=[A-Za-z0-9[][A-Za-z0-9.:[\]_-]*(?![A-Za-z0-9.:[\]_-]))|(?=\/\w)|(?=%[sv]|%\(\w+\)s|\{\w*\}|\$\{|\$\w|['"`][ \t]*\+))/dgi;
// Starts at `@tcp(` / `@unix(` and reads the user and password behind it: tried once per `@`, where a
// match started at each user (every run of name characters before a `:`) ran the password to the
// next blank once per user, quadratic on `a:b-a:b-a:b…`. The user starts where a run of user characters
// starts, or (behind `/`, `:`, `@`) after its first `.`/`-`; the password holds no `@`, so the first
// user before the `@` that fits is the one a left-to-right search finds.
export const GO_DSN =
  /@(?=(?:tcp|unix)\()(?<=(?<![A-Za-z0-9_.-])(?:(?<![/:@])|[A-Za-z0-9_]*[.-])(?<user>[A-Za-z0-9_.-]+):(?<secret>[^\s@'"`]{3,})@)(?:tcp|unix)\(/dg;
// Oracle's user/password@service: `jdbc:oracle:thin:app/<password>@//db:1521/orcl`, `sqlplus app/<password>@db`.
// `(?<!-)`: a `-sqlplus` option of an earlier sqlplus is read as that option, not as a new start.
export const ORACLE =
  /(?:jdbc:oracle:\w+:|\b(?<!-)sqlplus\s+(?:-\w+\s+)*)(?<user>[A-Za-z0-9_$#]+)\/(?<secret>[^\s@'"`/]{3,})@/dg;

// A URL percent-encoded inside another (`?redirect=https%3A%2F%2Fme%3A<password>%40host`): the same
// parts, with `%3A` for `:` and `%40` for `@`; the password (up to the first `%40`, bounded) may hold other escapes.
export const ENCODED_URL_CREDENTIALS =
  /%3A%2F%2F(?<=\b[a-z][a-z0-9+.-]{1,20}%3A%2F%2F)(?<user>[A-Za-z0-9._~-]*)%3A(?<secret>[^\s/@'"`<>&]{1,400}?)%40(?=[A-Za-z0-9[])/dgi;
// Inside JSON that escapes slashes (PHP's `json_encode`, some loggers): `"https:\/\/app:<password>@db…"`, a
// string's first characters. A regular expression escapes them too (`/postgres:\/\/app:[A-Za-z0-9]{32}@/`):
// a password has none of its operators.
export const JSON_ESCAPED_URL_CREDENTIALS =
  /:\\\/\\\/(?<="[a-z][a-z0-9+.-]{1,20}:\\\/\\\/)(?<user>(?:[^\s:/\\@'"`<>]*@)?[^\s:/\\@'"`<>]*):(?<secret>[^\s/\\'"`<>[\]{}()|^$*?]{3,})@(?=[A-Za-z0-9[])/dgi;
// A generated password pasted unencoded with a `/` in it (base64 alphabets have one): read only as
// key material (bounded, base64-like, random), and never when the part before the `/` is a port
// (`http://localhost:5173/@vite/client`).
export const SLASHED_PASSWORD =
  /:\/\/(?<=\b[a-z][a-z0-9+.-]{1,20}:\/\/)(?<user>[^\s:/@'"`<>]{0,64}):(?<secret>[A-Za-z0-9+=_.~!*-]{1,100}\/[A-Za-z0-9+/=_.~!*-]{1,100})@(?=[A-Za-z0-9[])/dgi;
// A token as the user of a URL to a Git host, without a password: `https://<token>@github.com/o/r.git`.
export const TOKEN_USER = /:\/\/(?<=\bhttps?:\/\/)(?<secret>[A-Za-z0-9_-]{20,255})@(?<host>[A-Za-z0-9.-]{1,253})/gi;
const GIT_HOST = /git|bitbucket/i;

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export const urlCredentialsRule: Rule = {
  id: 'url-credentials',
  title: 'Password in a URL',
  category: 'url-credentials',
  priority: 80,
  keywords: ['://', ':\\/\\/', '%3a%2f%2f', '@tcp(', '@unix(', 'oracle:', 'sqlplus'],
  find(text): Candidate[] {
    const found: Candidate[] = [];
    const patterns = [
      ...(text.includes('://') ? [URL_CREDENTIALS, SLASHED_PASSWORD] : []),
      ...(text.includes(':\\/\\/') ? [JSON_ESCAPED_URL_CREDENTIALS] : []),
      ...(/%3A%2F%2F/i.test(text) ? [ENCODED_URL_CREDENTIALS] : []),
      ...(text.includes('@tcp(') || text.includes('@unix(') ? [GO_DSN] : []),
      ...(text.includes('oracle:') || text.includes('sqlplus') ? [ORACLE] : []),
    ];
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        const { user = '', secret = '' } = m.groups ?? {};
        const password = decode(secret);
        if (/^\d+$/.test(password)) continue;
        if (pattern === SLASHED_PASSWORD && (/^\d+\//.test(password) || !looksRandom(password, 'relaxed'))) continue;
        const hostAt = m.index + m[0].length;
        const defaultLoginToRealHost =
          pattern !== GO_DSN &&
          pattern !== ORACLE &&
          isDefaultCredential(password, decode(user)) &&
          isReachableHost(text, hostAt);
        if (!defaultLoginToRealHost && !isCommandLinePassword(password, decode(user))) continue;
        // Anonymous FTP and the like: any password is accepted, by convention an e-mail address.
        if (/^anonymous$|^anon$/i.test(decode(user))) continue;
        const [start, end] = m.indices!.groups!.secret!;
        found.push({ start, end });
      }
    }
    if (text.includes('://')) {
      TOKEN_USER.lastIndex = 0;
      for (let m = TOKEN_USER.exec(text); m; m = TOKEN_USER.exec(text)) {
        const { secret = '', host = '' } = m.groups ?? {};
        if (!GIT_HOST.test(host) || !looksRandom(secret, 'relaxed') || isPlaceholderToken(secret)) continue;
        const start = m.index + 3;
        found.push({ start, end: start + secret.length });
      }
    }
    return found;
  },
};
