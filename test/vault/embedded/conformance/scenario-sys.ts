import type { Step, Vars } from './runner.js';

/**
 * Scenario steps for what real clients ask besides the course's own calls: `bao status`
 * (sys/leader, sys/seal-status), hvac's `sys.is_initialized()` (sys/init), mount tuning, response
 * rewrapping, namespaces on a server that has none, path cleaning, and the edges of request body
 * decoding (trailing data, non-object bodies, numbers Go cannot hold).
 */
const wrap = (ttl: string) => ({ 'X-Vault-Wrap-TTL': ttl });
const withToken = (name: string) => (vars: Vars) => vars[name] ?? 'missing-variable';
const ns = (name: string) => ({ 'X-Vault-Namespace': name });

const httpLayer: Step[] = [
  { name: 'sys/leader (bao status)', method: 'GET', path: 'sys/leader', token: null },
  { name: 'sys/leader POST', method: 'POST', path: 'sys/leader' },
  { name: 'sys/init (hvac is_initialized)', method: 'GET', path: 'sys/init', token: null },
  { name: 'sys/init again, empty seal config', method: 'PUT', path: 'sys/init', body: {} },
  {
    name: 'sys/init again',
    method: 'PUT',
    path: 'sys/init',
    body: { secret_shares: 1, secret_threshold: 1 },
  },
  { name: 'sys/init DELETE', method: 'DELETE', path: 'sys/init' },
  { name: 'namespace ns1', method: 'GET', path: 'sys/mounts', headers: ns('ns1') },
  { name: 'namespace ns1 on a login', method: 'POST', path: 'auth/approle/login', token: null, headers: ns('ns1') },
  { name: 'namespace ns1 on health', method: 'GET', path: 'sys/health', token: null, headers: ns('ns1') },
  { name: 'namespace ns1 on seal-status', method: 'GET', path: 'sys/seal-status', token: null, headers: ns('ns1') },
  { name: 'namespace root', method: 'GET', path: 'sys/policies/acl/default', headers: ns('root') },
  { name: 'namespace /', method: 'GET', path: 'sys/policies/acl/default', headers: ns('/') },
  { name: 'double slash (GET)', method: 'GET', path: 'secret//data/app/db/creds' },
  { name: 'double slash with a query', method: 'GET', path: 'secret//data/app/db/creds?version=1' },
  { name: 'double slash (POST)', method: 'POST', path: 'secret//data/x', body: { data: { a: 'b' } } },
  { name: 'double slash at the end', method: 'GET', path: 'sys/mounts//' },
];

const bodies: Step[] = [
  { name: 'trailing garbage', method: 'POST', path: 'secret/data/json/t', raw: '{"data":{"a":"b"}} xyz' },
  { name: 'trailing partial value', method: 'POST', path: 'secret/data/json/t', raw: '{"data":{"a":"b"}} nul' },
  { name: 'trailing second value', method: 'POST', path: 'secret/data/json/t', raw: '{"data":{"a":"b"}} {"x":1}' },
  { name: 'trailing closer', method: 'POST', path: 'secret/data/json/t', raw: '{"data":{"a":"b"}}}' },
  { name: 'trailing value then garbage', method: 'POST', path: 'auth/token/create', raw: '{} 1 x' },
  { name: 'bare string body', method: 'POST', path: 'auth/token/create', raw: '"abc"' },
  { name: 'bare word body', method: 'POST', path: 'auth/token/create', raw: 'abc' },
  { name: 'bare number body', method: 'POST', path: 'auth/token/create', raw: '12' },
  { name: 'bare bool body', method: 'POST', path: 'sys/policies/acl/zz', raw: 'true' },
  { name: 'null body', method: 'POST', path: 'sys/policies/acl/zz', raw: 'null' },
  { name: 'number 1e400', method: 'POST', path: 'secret/data/json/t', raw: '{"data":{"a":1e400}}' },
  { name: 'number -1E+400 deep', method: 'POST', path: 'secret/data/json/t', raw: '{"data":{"a":[{"b":-1E+400}]}}' },
  { name: 'number 1e400 after the body', method: 'POST', path: 'secret/data/json/t', raw: '{"data":{}} 1e400' },
  {
    name: 'tiny and big numbers kept',
    method: 'POST',
    path: 'secret/data/json/n',
    raw: '{"data":{"a":1e-400,"b":1e308,"c":1.5}}',
  },
  { name: 'read them back', method: 'GET', path: 'secret/data/json/n' },
  { name: 'ttl 99999999999h', method: 'POST', path: 'auth/token/create', body: { ttl: '99999999999h' } },
  { name: 'ttl 1e30 (number)', method: 'POST', path: 'auth/token/create', raw: '{"ttl":1e30}' },
  { name: 'ttl 50.0 (number)', method: 'POST', path: 'auth/token/create', raw: '{"ttl":50.0}' },
  { name: 'ttl 9223372037 s', method: 'POST', path: 'auth/token/create', body: { ttl: 9223372037 } },
  {
    name: 'role token_num_uses 1e20',
    method: 'POST',
    path: 'auth/approle/role/numbers',
    raw: '{"token_num_uses":1e20}',
  },
  { name: 'role token_num_uses 1.0', method: 'POST', path: 'auth/approle/role/numbers', raw: '{"token_num_uses":1.0}' },
  {
    name: 'role token_num_uses beyond int64',
    method: 'POST',
    path: 'auth/approle/role/numbers',
    raw: '{"token_num_uses":99999999999999999999}',
  },
  { name: 'role token_ttl 1e30', method: 'POST', path: 'auth/approle/role/numbers', raw: '{"token_ttl":1e30}' },
  { name: 'role token_ttl 106752d', method: 'POST', path: 'auth/approle/role/numbers', body: { token_ttl: '106752d' } },
  {
    name: 'role secret_id_ttl 2562048h',
    method: 'POST',
    path: 'auth/approle/role/numbers',
    body: { secret_id_ttl: '2562048h' },
  },
  { name: 'kv max_versions 1e1', method: 'POST', path: 'secret/metadata/json/n', raw: '{"max_versions":1e1}' },
];

const tune: Step[] = [
  { name: 'tune read secret/', method: 'GET', path: 'sys/mounts/secret/tune' },
  { name: 'tune read sys/', method: 'GET', path: 'sys/mounts/sys/tune' },
  { name: 'tune read auth/token', method: 'GET', path: 'sys/auth/token/tune' },
  { name: 'tune read auth/approle', method: 'GET', path: 'sys/auth/approle/tune' },
  { name: 'tune read missing', method: 'GET', path: 'sys/mounts/nope/tune' },
  { name: 'enable kv v1 to tune', method: 'POST', path: 'sys/mounts/tuned', body: { type: 'kv' } },
  // `vault secrets tune -max-lease-ttl=24h` on a fresh mount: its unset default does not bind the max.
  {
    name: 'tune max below the system default',
    method: 'POST',
    path: 'sys/mounts/tuned/tune',
    body: { max_lease_ttl: '24h' },
  },
  { name: 'tune read with only a max', method: 'GET', path: 'sys/mounts/tuned/tune' },
  {
    name: 'tune TTLs and description',
    method: 'POST',
    path: 'sys/mounts/tuned/tune',
    body: { default_lease_ttl: '1h', max_lease_ttl: '2h', description: 'tuned' },
  },
  { name: 'tune read after', method: 'GET', path: 'sys/mounts/tuned/tune' },
  { name: 'mount read after tune', method: 'GET', path: 'sys/mounts/tuned' },
  { name: 'tune default above max', method: 'POST', path: 'sys/mounts/tuned/tune', body: { default_lease_ttl: '3h' } },
  { name: 'tune bad TTL', method: 'POST', path: 'sys/mounts/tuned/tune', body: { max_lease_ttl: 'abc' } },
  { name: 'tune TTL overflow', method: 'POST', path: 'sys/mounts/tuned/tune', body: { max_lease_ttl: '99999999999h' } },
  {
    name: 'tune bad listing_visibility',
    method: 'POST',
    path: 'sys/mounts/tuned/tune',
    body: { listing_visibility: 'x' },
  },
  {
    name: 'tune listing_visibility',
    method: 'POST',
    path: 'sys/mounts/tuned/tune',
    body: { listing_visibility: 'unauth' },
  },
  { name: 'ui mounts without a token', method: 'GET', path: 'sys/internal/ui/mounts', token: null },
  { name: 'tune kv version 3', method: 'POST', path: 'sys/mounts/tuned/tune', body: { options: { version: '3' } } },
  { name: 'tune kv v1 to v2', method: 'POST', path: 'sys/mounts/tuned/tune', body: { options: { version: '2' } } },
  { name: 'tune kv back to v1', method: 'POST', path: 'sys/mounts/tuned/tune', body: { options: { version: '1' } } },
  {
    name: 'tune reset TTLs',
    method: 'POST',
    path: 'sys/mounts/tuned/tune',
    body: { default_lease_ttl: 0, max_lease_ttl: '0' },
  },
  { name: 'tune read at the end', method: 'GET', path: 'sys/mounts/tuned/tune' },
  { name: 'tune cubbyhole', method: 'POST', path: 'sys/mounts/cubbyhole/tune', body: { default_lease_ttl: '1h' } },
  { name: 'tune missing mount', method: 'POST', path: 'sys/mounts/nope/tune', body: { default_lease_ttl: '1h' } },
  { name: 'tune auth/token', method: 'POST', path: 'sys/auth/token/tune', body: { default_lease_ttl: '1h' } },
  { name: 'tune read auth/token after', method: 'GET', path: 'sys/auth/token/tune' },
  { name: 'tune auth/token back', method: 'POST', path: 'sys/auth/token/tune', body: { default_lease_ttl: 0 } },
  { name: 'tune is not a mount enable', method: 'POST', path: 'sys/mounts/secret/tune', body: {} },
  { name: 'disable the tuned mount', method: 'DELETE', path: 'sys/mounts/tuned' },
];

const wrapping: Step[] = [
  { name: 'wrap lookup GET without a token', method: 'GET', path: 'sys/wrapping/lookup', token: null },
  { name: 'wrap lookup GET with root', method: 'GET', path: 'sys/wrapping/lookup' },
  { name: 'wrap lookup DELETE', method: 'DELETE', path: 'sys/wrapping/lookup' },
  { name: 'rewrap without a token', method: 'POST', path: 'sys/wrapping/rewrap', token: null },
  { name: 'rewrap a garbage token', method: 'POST', path: 'sys/wrapping/rewrap', body: { token: 'nope' } },
  {
    name: 'wrap data to rewrap',
    method: 'POST',
    path: 'sys/wrapping/wrap',
    body: { rewrapped: 'yes' },
    headers: wrap('5m'),
    save: (b, v) => (v.toRewrap = b.wrap_info.token),
  },
  {
    name: 'wrap lookup GET with the token in the query',
    method: 'GET',
    path: (v) => `sys/wrapping/lookup?token=${v.toRewrap}`,
    token: null,
  },
  {
    name: 'wrap lookup GET as the wrapping token',
    method: 'GET',
    path: 'sys/wrapping/lookup',
    token: withToken('toRewrap'),
  },
  {
    name: 'rewrap',
    method: 'POST',
    path: 'sys/wrapping/rewrap',
    body: (v: Vars) => ({ token: v.toRewrap }),
    save: (b, v) => (v.rewrapped = b.wrap_info.token),
  },
  {
    name: 'the old token is gone',
    method: 'POST',
    path: 'sys/wrapping/lookup',
    body: (v: Vars) => ({ token: v.toRewrap }),
  },
  {
    name: 'lookup the new token',
    method: 'POST',
    path: 'sys/wrapping/lookup',
    body: (v: Vars) => ({ token: v.rewrapped }),
  },
  {
    name: 'rewrap with a new wrap TTL',
    method: 'POST',
    path: 'sys/wrapping/rewrap',
    body: (v: Vars) => ({ token: v.rewrapped }),
    headers: wrap('1m'),
    save: (b, v) => (v.rewrapped2 = b.wrap_info.token),
  },
  { name: 'unwrap the rewrapped data', method: 'POST', path: 'sys/wrapping/unwrap', token: withToken('rewrapped2') },
  {
    name: 'wrap data again',
    method: 'POST',
    path: 'sys/wrapping/wrap',
    body: { again: 'yes' },
    headers: wrap('5m'),
    save: (b, v) => (v.ownRewrap = b.wrap_info.token),
  },
  {
    name: 'rewrap as the wrapping token itself',
    method: 'POST',
    path: 'sys/wrapping/rewrap',
    token: withToken('ownRewrap'),
  },
];

/**
 * `bao path-help <mount>` asks `GET <mount>?help=1`. Compared by response only: OpenBao audits
 * help requests (operation `help`), the embedded server does not (a difference the README lists).
 */
export const HELP_SCENARIO: Step[] = [
  { name: 'help of secret/ (bao path-help secret)', method: 'GET', path: 'secret?help=1' },
  { name: 'help of secret/ with its slash', method: 'GET', path: 'secret/?help=1' },
  { name: 'help of auth/token', method: 'GET', path: 'auth/token?help=1' },
  { name: 'help of cubbyhole', method: 'GET', path: 'cubbyhole?help=1' },
  { name: 'help=0 is still help', method: 'POST', path: 'cubbyhole?help=0' },
  { name: 'help without a token', method: 'GET', path: 'secret?help=1', token: null },
  { name: 'help of no mount', method: 'GET', path: 'nomount/x?help=1' },
];

export const SYS_SCENARIO: Step[] = [...httpLayer, ...bodies, ...tune, ...wrapping];
