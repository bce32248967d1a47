import { isPlaceholder } from '../placeholders.js';

/**
 * Where a URL with credentials points, and whether its password is a default one. A weak password
 * (`admin:admin@`, `root:123456@`) is only sample configuration on a machine of one's own
 * (`localhost`, a Compose service `db`), a documentation domain (`example.com`, `*.test`) or a host
 * that code fills in (`%s`); on a host anyone can reach it is a real login, and a default login to a
 * real host is worse than a random one: it is the first thing an attacker tries.
 */

/** The host after the `@` of a URL, as written: a name, an IP literal, or the start of a template. */
const HOST_AT = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)/;

/**
 * RFC 2606/6761 names, loopback, mDNS, the pseudo-domains of private networks (`.lan`, `.corp`),
 * and the names software documentation uses for "some host" (`host.tld`).
 */
const DOCUMENTATION_SUFFIX =
  /(?:^|\.)(?:localhost|example|test|invalid|local|localdomain|home\.arpa|example\.(?:com|net|org|edu)|tld|lan|home|corp|intranet|private|domain)$/i;
const GENERIC_DOCUMENTATION_DOMAIN =
  /^(?:[\w-]+\.)*(?:(?:my|your|some|the)?(?:domain|host|hostname|server|site|website|company|corp|org|app|service|api|proxy|db|database|registry|repo|cluster|instance|region)\d?|contoso|fabrikam|adventure-works|acme|foo|bar|baz|foobar)\.(?:com|net|org|io|dev|co)$/i;
const LOOPBACK_OR_ANY = /^(?:127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\])$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * True when `text` from `at` (just after the URL's `@`) names a host others can reach: a dotted
 * name with an alphabetic top-level domain that is not a documentation name, or an IP address
 * other than loopback. A dotless name (`db`, `host`), a template or code (`%s`, `{}`, `${host}`,
 * `' + host`) and nothing at all (a socket) are not.
 */
export function isReachableHost(text: string, at: number): boolean {
  const host = HOST_AT.exec(text.slice(at, at + 260))?.[0]?.replace(/\.$/, '');
  if (!host || LOOPBACK_OR_ANY.test(host)) return false;
  if (IPV4.test(host) || host.startsWith('[')) return true;
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (!host.includes('.') || !/^[A-Za-z]{2,24}$/.test(tld)) return false;
  return !DOCUMENTATION_SUFFIX.test(host) && !GENERIC_DOCUMENTATION_DOMAIN.test(host);
}

/** Passwords shipped as defaults or chosen first by people: the lists every credential-stuffing tool starts with. */
const DEFAULT_PASSWORD =
  /^(?:admin|administrator|root|toor|user|guest|demo|test|default|manager|master|welcome|letmein|login|changeit|public|private|qwerty(?:uiop)?|asdfgh?|abc123|1234(?:5(?:6(?:7(?:8(?:9(?:0)?)?)?)?)?)?)[!._-]?\d{0,3}$/i;

/**
 * A literal password that is weak rather than a stand-in: the user's own name or a well-known
 * default. Templates, references and placeholder words (`password`, `<pass>`, `${DB_PASS}`) are not
 * literal passwords, so they are never this.
 */
export function isDefaultCredential(password: string, user: string): boolean {
  if (password.length < 4 || /[${}<>%`]/.test(password)) return false;
  if (DEFAULT_PASSWORD.test(password)) return true;
  // `xxxxx:xxxxx@` is how redaction writes a URL, not a login.
  return password.toLowerCase() === user.toLowerCase() && !isPlaceholder(password);
}
