import { randomBase62 } from '../../../../src/util/random.js';
import type { ScenarioItem, Step, Vars } from './runner.js';
import { KV_STEPS } from './scenario-kv.js';
import { TOKEN_FIELD_STEPS } from './scenario-token-fields.js';
import { ACL_PARAMETER_STEPS } from './scenario-acl-parameters.js';
import { SYS_SCENARIO } from './scenario-sys.js';
import { APPROLE_CIDR_STEPS } from './scenario-approle-cidrs.js';

// Made at run time (the same for both servers of a run): no password-looking literal in the repository.
const dbValue = `db-${randomBase62(8)}`;

/**
 * The differential scenario: every endpoint the embedded server implements, with its error
 * cases, in the order a course would use them. Values that differ between servers (ids,
 * tokens) are carried in `vars`; fixed values (custom role_ids, secret data) keep responses
 * comparable.
 */
const APP_POLICY = `
# what the course's app may do
path "secret/data/app/*" {
  capabilities = ["read"]
}
path "secret/metadata/app/*" {
  capabilities = ["list"]
}
path "secret/metadata/app" {
  capabilities = ["list"]
}
path "secret/data/app/rw/*" {
  capabilities = ["create", "update", "read"]
}
path "secret/data/app/upd/*" {
  capabilities = ["update"]
}
path "secret/data/app/denied" {
  capabilities = ["deny"]
}
path "secret/data/+/shared" {
  capabilities = ["read", "list"]
}
`;

const JSON_POLICY = JSON.stringify({
  path: { 'secret/data/json/*': { capabilities: ['read', 'list'] }, 'sys/mounts': { policy: 'read' } },
});

const withToken = (name: string) => (vars: Vars) => vars[name] ?? 'missing-variable';
const wrap = (ttl: string) => ({ 'X-Vault-Wrap-TTL': ttl });
const merge = { 'Content-Type': 'application/merge-patch+json' };

const http: Step[] = [
  { name: 'health GET (no token)', method: 'GET', path: 'sys/health', token: null },
  { name: 'health HEAD', method: 'HEAD', path: 'sys/health', token: null },
  { name: 'health bad activecode', method: 'GET', path: 'sys/health?activecode=abc', token: null },
  { name: 'health PUT is not allowed', method: 'PUT', path: 'sys/health', token: null },
  { name: 'seal-status', method: 'GET', path: 'sys/seal-status', token: null },
  { name: 'path outside /v1', method: 'GET', path: '/v2/sys/health', token: null },
  { name: 'unknown HTTP verb', method: 'FOO', path: 'sys/mounts' },
  { name: 'no token', method: 'GET', path: 'sys/mounts', token: null },
  { name: 'unknown token', method: 'GET', path: 'sys/mounts', token: 'not-a-real-token' },
  {
    name: 'Authorization: Bearer',
    method: 'GET',
    path: 'sys/policies/acl/default',
    token: null,
    headers: (v) => ({ Authorization: `Bearer ${v.root}` }),
  },
  { name: 'no mount for the path', method: 'GET', path: 'nope/x' },
  { name: 'unsupported sys path', method: 'GET', path: 'sys/nope' },
  { name: 'malformed JSON: missing colon', method: 'POST', path: 'sys/policies/acl/zz', raw: '{"a" 1}' },
  { name: 'malformed JSON: bare word', method: 'POST', path: 'sys/policies/acl/zz', raw: '{bad' },
  { name: 'malformed JSON: truncated', method: 'POST', path: 'sys/policies/acl/zz', raw: '{"a":' },
  { name: 'malformed JSON: trailing comma', method: 'POST', path: 'sys/policies/acl/zz', raw: '{"a":1,}' },
  { name: 'JSON array body', method: 'POST', path: 'sys/policies/acl/zz', raw: '[1]' },
  {
    name: 'form-encoded body',
    method: 'POST',
    path: 'auth/token/lookup',
    raw: 'token=nope',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  },
];

const mounts: Step[] = [
  { name: 'list mounts', method: 'GET', path: 'sys/mounts' },
  {
    name: 'enable KV v2 (hvac body with nulls)',
    method: 'POST',
    path: 'sys/mounts/kv2',
    body: {
      type: 'kv',
      description: null,
      config: null,
      options: { version: '2' },
      plugin_name: null,
      local: false,
      seal_wrap: false,
    },
  },
  {
    name: 'enable at a used path',
    method: 'POST',
    path: 'sys/mounts/kv2',
    body: { type: 'kv', options: { version: '2' } },
  },
  { name: 'read a mount', method: 'GET', path: 'sys/mounts/kv2' },
  {
    name: 'enable kv-v2 alias (node-vault body)',
    method: 'POST',
    path: 'sys/mounts/kv3',
    body: { mount_point: 'kv3', type: 'kv-v2', config: { default_lease_ttl: '1h', max_lease_ttl: '2h' } },
  },
  { name: 'read kv-v2 alias mount', method: 'GET', path: 'sys/mounts/kv3' },
  { name: 'enable without type', method: 'POST', path: 'sys/mounts/x', body: {} },
  { name: 'enable unknown type', method: 'POST', path: 'sys/mounts/x', body: { type: 'nope' } },
  { name: 'enable auth type as secrets engine', method: 'POST', path: 'sys/mounts/x', body: { type: 'approle' } },
  { name: 'read missing mount', method: 'GET', path: 'sys/mounts/nope' },
  { name: 'disable a mount', method: 'DELETE', path: 'sys/mounts/kv3' },
  { name: 'disable a missing mount', method: 'DELETE', path: 'sys/mounts/kv3' },
  { name: 'disable sys', method: 'DELETE', path: 'sys/mounts/sys' },
  { name: 'list auth methods', method: 'GET', path: 'sys/auth' },
  { name: 'enable approle', method: 'POST', path: 'sys/auth/approle', body: { type: 'approle' } },
  { name: 'enable approle again', method: 'POST', path: 'sys/auth/approle', body: { type: 'approle' } },
  { name: 'read approle mount', method: 'GET', path: 'sys/auth/approle' },
  {
    name: 'enable a second approle',
    method: 'POST',
    path: 'sys/auth/approle2',
    body: { type: 'approle', description: 'second' },
  },
  { name: 'disable the second approle', method: 'DELETE', path: 'sys/auth/approle2' },
  { name: 'read missing auth mount', method: 'GET', path: 'sys/auth/nope' },
  { name: 'disable token auth', method: 'DELETE', path: 'sys/auth/token' },
  { name: 'enable token auth', method: 'POST', path: 'sys/auth/token2', body: { type: 'token' } },
  { name: 'preflight: all mounts (no token)', method: 'GET', path: 'sys/internal/ui/mounts', token: null },
  { name: 'preflight: secret/foo', method: 'GET', path: 'sys/internal/ui/mounts/secret/foo' },
  { name: 'preflight: no such mount', method: 'GET', path: 'sys/internal/ui/mounts/nope/foo' },
  { name: 'preflight without a token', method: 'GET', path: 'sys/internal/ui/mounts/secret/foo', token: null },
  { name: 'preflight with an unknown token', method: 'GET', path: 'sys/internal/ui/mounts/secret/foo', token: 'nope' },
];

const policies: Step[] = [
  { name: 'write HCL policy', method: 'PUT', path: 'sys/policies/acl/app', body: { policy: APP_POLICY } },
  { name: 'read HCL policy', method: 'GET', path: 'sys/policies/acl/app' },
  { name: 'write JSON policy', method: 'PUT', path: 'sys/policies/acl/jsonpol', body: { policy: JSON_POLICY } },
  {
    name: 'write policy with upper-case name',
    method: 'PUT',
    path: 'sys/policies/acl/Mixed',
    body: { policy: 'path "a/*" { capabilities = ["read"] }' },
  },
  { name: 'list policies (LIST)', method: 'LIST', path: 'sys/policies/acl' },
  { name: 'list policies (?list=true)', method: 'GET', path: 'sys/policies/acl?list=true' },
  { name: 'legacy list', method: 'GET', path: 'sys/policy' },
  { name: 'legacy read', method: 'GET', path: 'sys/policy/app' },
  {
    name: 'legacy write with rules',
    method: 'PUT',
    path: 'sys/policy/legacy',
    body: { rules: 'path "secret/data/legacy" { capabilities = ["read"] }' },
  },
  {
    name: 'legacy write node-vault style',
    method: 'PUT',
    path: 'sys/policy/legacy2',
    body: { name: 'legacy2', rules: 'path "x" { policy = "write" }' },
  },
  {
    name: 'policy with invalid capability',
    method: 'PUT',
    path: 'sys/policies/acl/bad',
    body: { policy: 'path "a" { capabilities = ["fly"] }' },
  },
  { name: 'policy not closed', method: 'PUT', path: 'sys/policies/acl/bad', body: { policy: 'path "a" {' } },
  {
    name: 'policy list not closed',
    method: 'PUT',
    path: 'sys/policies/acl/bad',
    body: { policy: 'path "a" { capabilities = ["read"' },
  },
  {
    name: 'policy with unknown top-level key',
    method: 'PUT',
    path: 'sys/policies/acl/bad',
    body: { policy: 'foo "x" {}' },
  },
  {
    name: 'policy with unknown path key',
    method: 'PUT',
    path: 'sys/policies/acl/bad',
    body: { policy: 'path "a" {\n  foo = 1\n}' },
  },
  {
    name: 'policy with +*',
    method: 'PUT',
    path: 'sys/policies/acl/bad',
    body: { policy: 'path "a/+*" { capabilities = ["read"] }' },
  },
  {
    name: 'policy capabilities not a list',
    method: 'PUT',
    path: 'sys/policies/acl/bad',
    body: { policy: 'path "a" { capabilities = "read" }' },
  },
  { name: 'empty policy', method: 'PUT', path: 'sys/policies/acl/bad', body: { policy: '' } },
  { name: 'delete default policy', method: 'DELETE', path: 'sys/policies/acl/default' },
  { name: 'delete root policy', method: 'DELETE', path: 'sys/policies/acl/root' },
  {
    name: 'update root policy',
    method: 'PUT',
    path: 'sys/policies/acl/root',
    body: { policy: 'path "a" { capabilities = ["read"] }' },
  },
  { name: 'read missing policy', method: 'GET', path: 'sys/policies/acl/nope' },
  { name: 'read root policy', method: 'GET', path: 'sys/policies/acl/root' },
  { name: 'delete a policy', method: 'DELETE', path: 'sys/policies/acl/legacy2' },
  { name: 'delete a missing policy', method: 'DELETE', path: 'sys/policies/acl/legacy2' },
];

const audit: Step[] = [
  {
    name: 'enable stdout audit device',
    method: 'PUT',
    path: 'sys/audit/f2',
    body: { type: 'file', options: { file_path: 'stdout' } },
  },
  {
    name: 'enable audit device at a used path',
    method: 'PUT',
    path: 'sys/audit/f2',
    body: { type: 'file', options: { file_path: 'stdout' } },
  },
  { name: 'list audit devices', method: 'GET', path: 'sys/audit', loose: ['file_path'] },
  { name: 'audit device without file_path', method: 'PUT', path: 'sys/audit/f3', body: { type: 'file' } },
  { name: 'audit device of unknown type', method: 'PUT', path: 'sys/audit/f3', body: { type: 'nope' } },
  { name: 'audit-hash', method: 'POST', path: 'sys/audit-hash/file', body: { input: 'abc' } },
  { name: 'audit-hash without input', method: 'POST', path: 'sys/audit-hash/file', body: {} },
  { name: 'audit-hash unknown device', method: 'POST', path: 'sys/audit-hash/nope', body: { input: 'abc' } },
  { name: 'disable audit device', method: 'DELETE', path: 'sys/audit/f2' },
  { name: 'disable missing audit device', method: 'DELETE', path: 'sys/audit/f2' },
];

const tokens: Step[] = [
  { name: 'root lookup-self', method: 'GET', path: 'auth/token/lookup-self' },
  {
    name: 'create token',
    method: 'POST',
    path: 'auth/token/create',
    body: { policies: ['app'], ttl: '1h', meta: { purpose: 'test' }, display_name: 'My App' },
    save: (b, v) => {
      v.tokA = b.auth.client_token;
      v.accA = b.auth.accessor;
    },
  },
  {
    name: 'create orphan token',
    method: 'POST',
    path: 'auth/token/create-orphan',
    body: { policies: 'app', no_default_policy: true, ttl: 60, explicit_max_ttl: '2m' },
    save: (b, v) => (v.tokOrphan = b.auth.client_token),
  },
  { name: 'create token with unknown policy', method: 'POST', path: 'auth/token/create', body: { policies: ['nope'] } },
  { name: 'create token with bad ttl', method: 'POST', path: 'auth/token/create', body: { ttl: 'abc' } },
  { name: 'lookup-self as new token', method: 'GET', path: 'auth/token/lookup-self', token: withToken('tokA') },
  { name: 'lookup other token', method: 'POST', path: 'auth/token/lookup', body: (v: Vars) => ({ token: v.tokA }) },
  { name: 'lookup unknown token', method: 'POST', path: 'auth/token/lookup', body: { token: 'nope' } },
  {
    name: 'lookup by accessor',
    method: 'POST',
    path: 'auth/token/lookup-accessor',
    body: (v: Vars) => ({ accessor: v.accA }),
  },
  { name: 'lookup unknown accessor', method: 'POST', path: 'auth/token/lookup-accessor', body: { accessor: 'nope' } },
  {
    name: 'renew-self with increment',
    method: 'POST',
    path: 'auth/token/renew-self',
    body: { increment: '2h' },
    token: withToken('tokA'),
  },
  { name: 'lookup after renew', method: 'GET', path: 'auth/token/lookup-self', token: withToken('tokA') },
  { name: 'renew other token', method: 'POST', path: 'auth/token/renew', body: (v: Vars) => ({ token: v.tokA }) },
  { name: 'renew unknown token', method: 'POST', path: 'auth/token/renew', body: { token: 'nope' } },
  { name: 'renew root (not renewable)', method: 'POST', path: 'auth/token/renew-self', body: {} },
  { name: 'list accessors (sudo)', method: 'LIST', path: 'auth/token/accessors', loose: ['keys'] },
  { name: 'list accessors without sudo', method: 'LIST', path: 'auth/token/accessors', token: withToken('tokA') },
  {
    name: 'create 2-use token',
    method: 'POST',
    path: 'auth/token/create',
    body: { policies: ['default'], num_uses: 2 },
    save: (b, v) => (v.tokUses = b.auth.client_token),
  },
  { name: 'use 1 of 2', method: 'GET', path: 'auth/token/lookup-self', token: withToken('tokUses') },
  { name: 'use 2 of 2', method: 'GET', path: 'auth/token/lookup-self', token: withToken('tokUses') },
  { name: 'used-up token', method: 'GET', path: 'auth/token/lookup-self', token: withToken('tokUses') },
  { name: 'revoke token', method: 'POST', path: 'auth/token/revoke', body: (v: Vars) => ({ token: v.tokA }) },
  { name: 'revoked token', method: 'GET', path: 'auth/token/lookup-self', token: withToken('tokA') },
  { name: 'revoke unknown token', method: 'POST', path: 'auth/token/revoke', body: { token: 'nope' } },
  { name: 'revoke unknown accessor', method: 'POST', path: 'auth/token/revoke-accessor', body: { accessor: 'nope' } },
  { name: 'revoke-self', method: 'POST', path: 'auth/token/revoke-self', token: withToken('tokOrphan') },
  { name: 'after revoke-self', method: 'GET', path: 'auth/token/lookup-self', token: withToken('tokOrphan') },
];

const kv: Step[] = [
  {
    name: 'KV write (hvac body)',
    method: 'POST',
    path: 'secret/data/app/config',
    body: { options: {}, data: { password: 'p1', port: 5432, tags: ['a', 'b'] } },
  },
  { name: 'KV read', method: 'GET', path: 'secret/data/app/config' },
  {
    name: 'KV write with stale cas',
    method: 'POST',
    path: 'secret/data/app/config',
    body: { data: { password: 'p2' }, options: { cas: 0 } },
  },
  {
    name: 'KV write with cas',
    method: 'POST',
    path: 'secret/data/app/config',
    body: { data: { password: 'p2' }, options: { cas: 1 } },
  },
  { name: 'KV read version 1', method: 'GET', path: 'secret/data/app/config?version=1' },
  { name: 'KV read missing version', method: 'GET', path: 'secret/data/app/config?version=9' },
  { name: 'KV read missing key', method: 'GET', path: 'secret/data/app/missing' },
  {
    name: 'KV PATCH without merge-patch type',
    method: 'PATCH',
    path: 'secret/data/app/config',
    body: { data: { user: 'u' } },
  },
  {
    name: 'KV PATCH',
    method: 'PATCH',
    path: 'secret/data/app/config',
    body: { data: { user: 'u', port: null } },
    headers: merge,
  },
  { name: 'KV read after patch', method: 'GET', path: 'secret/data/app/config' },
  {
    name: 'KV PATCH missing key',
    method: 'PATCH',
    path: 'secret/data/app/missing',
    body: { data: { a: 1 } },
    headers: merge,
  },
  { name: 'KV delete latest', method: 'DELETE', path: 'secret/data/app/config' },
  { name: 'KV read deleted version', method: 'GET', path: 'secret/data/app/config' },
  {
    name: 'KV PATCH deleted version',
    method: 'PATCH',
    path: 'secret/data/app/config',
    body: { data: { a: 1 } },
    headers: merge,
  },
  { name: 'KV undelete', method: 'POST', path: 'secret/undelete/app/config', body: { versions: [3] } },
  { name: 'KV read undeleted', method: 'GET', path: 'secret/data/app/config' },
  { name: 'KV destroy version 1', method: 'POST', path: 'secret/destroy/app/config', body: { versions: [1] } },
  { name: 'KV read destroyed version', method: 'GET', path: 'secret/data/app/config?version=1' },
  { name: 'KV destroy without versions', method: 'POST', path: 'secret/destroy/app/config', body: {} },
  { name: 'KV delete version 2', method: 'POST', path: 'secret/delete/app/config', body: { versions: [2] } },
  { name: 'KV delete without versions', method: 'POST', path: 'secret/delete/app/config', body: {} },
  { name: 'KV undelete without versions', method: 'POST', path: 'secret/undelete/app/config', body: {} },
  { name: 'KV metadata read', method: 'GET', path: 'secret/metadata/app/config' },
  {
    name: 'KV write second key',
    method: 'POST',
    path: 'secret/data/app/db/creds',
    body: { data: { username: 'app', password: dbValue } },
  },
  { name: 'KV write upd key', method: 'POST', path: 'secret/data/app/upd/existing', body: { data: { v: '1' } } },
  { name: 'KV write shared key', method: 'POST', path: 'secret/data/team/shared', body: { data: { v: 'shared' } } },
  { name: 'KV list (LIST)', method: 'LIST', path: 'secret/metadata/app' },
  { name: 'KV list (?list=true, trailing slash)', method: 'GET', path: 'secret/metadata/app/?list=true' },
  { name: 'KV list mount root', method: 'LIST', path: 'secret/metadata' },
  { name: 'KV list missing folder', method: 'LIST', path: 'secret/metadata/nope' },
  { name: 'KV list with bad list flag', method: 'GET', path: 'secret/metadata/app?list=maybe' },
  {
    name: 'KV metadata write',
    method: 'POST',
    path: 'secret/metadata/app/config',
    body: { max_versions: 5, custom_metadata: { owner: 'team-a' } },
  },
  { name: 'KV metadata after write', method: 'GET', path: 'secret/metadata/app/config' },
  { name: 'KV read with custom metadata', method: 'GET', path: 'secret/data/app/config' },
  { name: 'KV subkeys', method: 'GET', path: 'secret/subkeys/app/config' },
  { name: 'KV config read', method: 'GET', path: 'secret/config' },
  { name: 'KV config write', method: 'POST', path: 'secret/config', body: { max_versions: 20, cas_required: false } },
  { name: 'KV config after write', method: 'GET', path: 'secret/config' },
  { name: 'KV v1-style read', method: 'GET', path: 'secret/app/config' },
  { name: 'KV v1-style write', method: 'PUT', path: 'secret/app/config', body: { password: 'x' } },
  { name: 'KV v1-style list', method: 'LIST', path: 'secret/app' },
  { name: 'KV v1-style delete', method: 'DELETE', path: 'secret/app/config' },
  { name: 'KV root of data', method: 'GET', path: 'secret/data' },
  { name: 'KV write without data', method: 'POST', path: 'secret/data/app/nodata', body: {} },
  { name: 'KV write with string data', method: 'POST', path: 'secret/data/app/str', body: { data: 'x' } },
  { name: 'KV metadata delete', method: 'DELETE', path: 'secret/metadata/app/config' },
  { name: 'KV metadata read after delete', method: 'GET', path: 'secret/metadata/app/config' },
  { name: 'KV v2 on a second mount', method: 'POST', path: 'kv2/data/x', body: { data: { a: 'b' } } },
  { name: 'enable KV v1', method: 'POST', path: 'sys/mounts/kv1', body: { type: 'kv' } },
  { name: 'read KV v1 mount', method: 'GET', path: 'sys/mounts/kv1' },
  { name: 'KV v1 write', method: 'POST', path: 'kv1/app/x', body: { a: 'b', n: 1 } },
  { name: 'KV v1 read', method: 'GET', path: 'kv1/app/x' },
  { name: 'KV v1 list', method: 'LIST', path: 'kv1/app' },
  { name: 'KV v1 read missing', method: 'GET', path: 'kv1/nope' },
  { name: 'KV v1 write without data', method: 'POST', path: 'kv1/app/y' },
  { name: 'KV v1 PATCH', method: 'PATCH', path: 'kv1/app/x', body: { a: 'c' }, headers: merge },
  { name: 'KV v1 delete', method: 'DELETE', path: 'kv1/app/x' },
  { name: 'KV v1 list after delete', method: 'LIST', path: 'kv1/app' },
];

const approle: Step[] = [
  {
    name: 'create role',
    method: 'POST',
    path: 'auth/approle/role/app',
    body: { token_policies: 'app', token_ttl: '1h', token_max_ttl: '4h', secret_id_num_uses: 2, secret_id_ttl: '10m' },
  },
  { name: 'read role', method: 'GET', path: 'auth/approle/role/app' },
  {
    name: 'create role with legacy fields (node-vault)',
    method: 'POST',
    path: 'auth/approle/role/legacy',
    body: { policies: 'app,default', period: 60, role_name: 'legacy' },
  },
  { name: 'read legacy role', method: 'GET', path: 'auth/approle/role/legacy' },
  { name: 'list roles', method: 'LIST', path: 'auth/approle/role' },
  { name: 'read role-id', method: 'GET', path: 'auth/approle/role/app/role-id' },
  { name: 'set role-id', method: 'POST', path: 'auth/approle/role/app/role-id', body: { role_id: 'app-role-id' } },
  { name: 'read role-id after set', method: 'GET', path: 'auth/approle/role/app/role-id' },
  {
    name: 'generate secret-id with metadata',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id',
    body: { metadata: JSON.stringify({ team: 'payments' }) },
    save: (b, v) => {
      v.sid1 = b.data.secret_id;
      v.acc1 = b.data.secret_id_accessor;
    },
  },
  {
    name: 'generate secret-id (no body)',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id',
    save: (b, v) => (v.sid2 = b.data.secret_id),
  },
  { name: 'list secret-id accessors', method: 'LIST', path: 'auth/approle/role/app/secret-id', loose: ['keys'] },
  {
    name: 'secret-id lookup',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id/lookup',
    body: (v: Vars) => ({ secret_id: v.sid1 }),
  },
  {
    name: 'secret-id accessor lookup',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id-accessor/lookup',
    body: (v: Vars) => ({ secret_id_accessor: v.acc1 }),
  },
  {
    name: 'unknown accessor lookup',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id-accessor/lookup',
    body: { secret_id_accessor: 'nope' },
  },
  {
    name: 'unknown secret-id lookup',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id/lookup',
    body: { secret_id: 'nope' },
  },
  {
    name: 'secret-id lookup without secret_id',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id/lookup',
    body: {},
  },
  {
    name: 'login',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: (v: Vars) => ({ role_id: 'app-role-id', secret_id: v.sid1 }),
    save: (b, v) => (v.appTok = b.auth.client_token),
  },
  { name: 'lookup-self of login token', method: 'GET', path: 'auth/token/lookup-self', token: withToken('appTok') },
  {
    name: 'login uses the last use',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: (v: Vars) => ({ role_id: 'app-role-id', secret_id: v.sid1 }),
  },
  {
    name: 'login with used-up secret-id',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: (v: Vars) => ({ role_id: 'app-role-id', secret_id: v.sid1 }),
  },
  {
    name: 'login with wrong secret-id',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: { role_id: 'app-role-id', secret_id: 'wrong' },
  },
  { name: 'login without role_id', method: 'POST', path: 'auth/approle/login', token: null, body: { secret_id: 'x' } },
  {
    name: 'login with unknown role_id',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: { role_id: 'nope', secret_id: 'x' },
  },
  {
    name: 'login without secret_id',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: { role_id: 'app-role-id' },
  },
  { name: 'GET on login', method: 'GET', path: 'auth/approle/login', token: null },
  { name: 'unsupported approle path', method: 'GET', path: 'auth/approle/nope' },
  {
    name: 'role with token_ttl > token_max_ttl',
    method: 'POST',
    path: 'auth/approle/role/bad',
    body: { token_ttl: '2h', token_max_ttl: '1h' },
  },
  { name: 'role with bad duration', method: 'POST', path: 'auth/approle/role/bad', body: { token_ttl: 'abc' } },
  { name: 'role with bad int', method: 'POST', path: 'auth/approle/role/bad', body: { secret_id_num_uses: 'x' } },
  { name: 'role with negative ttl', method: 'POST', path: 'auth/approle/role/bad', body: { token_ttl: -5 } },
  { name: 'role without constraints', method: 'POST', path: 'auth/approle/role/bad', body: { bind_secret_id: false } },
  { name: 'role with invalid name', method: 'POST', path: 'auth/approle/role/bad!name', body: {} },
  { name: 'secret-id for missing role', method: 'POST', path: 'auth/approle/role/nope/secret-id' },
  { name: 'read missing role', method: 'GET', path: 'auth/approle/role/nope' },
  { name: 'role-id of missing role', method: 'GET', path: 'auth/approle/role/nope/role-id' },
  {
    name: 'secret-id ttl above the role limit',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id',
    body: { ttl: '1h' },
  },
  {
    name: 'secret-id uses above the role limit',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id',
    body: { num_uses: 5 },
  },
  {
    name: 'secret-id with bad metadata',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id',
    body: { metadata: 'notjson' },
  },
  {
    name: 'destroy secret-id',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id/destroy',
    body: (v: Vars) => ({ secret_id: v.sid2 }),
  },
  {
    name: 'login with destroyed secret-id',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: (v: Vars) => ({ role_id: 'app-role-id', secret_id: v.sid2 }),
  },
  {
    name: 'destroy unknown accessor',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id-accessor/destroy',
    body: { secret_id_accessor: 'nope' },
  },
  { name: 'tidy secret-ids', method: 'POST', path: 'auth/approle/tidy/secret-id' },
  {
    name: 'secret-id to destroy by accessor',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id',
    save: (b, v) => (v.accGone = b.data.secret_id_accessor),
  },
  {
    name: 'destroy secret-id by accessor',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id-accessor/destroy',
    body: (v: Vars) => ({ secret_id_accessor: v.accGone }),
  },
  {
    name: 'lookup destroyed accessor',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id-accessor/lookup',
    body: (v: Vars) => ({ secret_id_accessor: v.accGone }),
  },
  {
    name: 'role with limited token uses',
    method: 'POST',
    path: 'auth/approle/role/uses',
    body: { token_num_uses: 2, token_policies: 'default', role_id: 'uses-role-id' },
  },
  {
    name: 'secret-id for limited role',
    method: 'POST',
    path: 'auth/approle/role/uses/secret-id',
    save: (b, v) => (v.sidUses = b.data.secret_id),
  },
  {
    name: 'login to limited role',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: (v: Vars) => ({ role_id: 'uses-role-id', secret_id: v.sidUses }),
    save: (b, v) => (v.usesTok = b.auth.client_token),
  },
  { name: 'limited token use 1', method: 'GET', path: 'auth/token/lookup-self', token: withToken('usesTok') },
  { name: 'limited token use 2', method: 'GET', path: 'auth/token/lookup-self', token: withToken('usesTok') },
  { name: 'limited token used up', method: 'GET', path: 'auth/token/lookup-self', token: withToken('usesTok') },
  { name: 'delete role', method: 'DELETE', path: 'auth/approle/role/uses' },
  { name: 'read deleted role', method: 'GET', path: 'auth/approle/role/uses' },
  {
    name: 'login to deleted role',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: (v: Vars) => ({ role_id: 'uses-role-id', secret_id: v.sidUses }),
  },
  {
    name: 'new secret-id for the app',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id',
    save: (b, v) => (v.sid3 = b.data.secret_id),
  },
  {
    name: 'login again',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: (v: Vars) => ({ role_id: 'app-role-id', secret_id: v.sid3 }),
    save: (b, v) => (v.appTok = b.auth.client_token),
  },
];

const acl: Step[] = [
  { name: 'app reads its secret', method: 'GET', path: 'secret/data/app/db/creds', token: withToken('appTok') },
  { name: 'app reads outside its policy', method: 'GET', path: 'secret/data/other', token: withToken('appTok') },
  { name: 'app reads + path', method: 'GET', path: 'secret/data/team/shared', token: withToken('appTok') },
  {
    name: 'app creates under rw/',
    method: 'POST',
    path: 'secret/data/app/rw/new',
    body: { data: { a: 'b' } },
    token: withToken('appTok'),
  },
  {
    name: 'app updates under rw/',
    method: 'POST',
    path: 'secret/data/app/rw/new',
    body: { data: { a: 'c' } },
    token: withToken('appTok'),
  },
  {
    name: 'app creates under upd/ (update only)',
    method: 'POST',
    path: 'secret/data/app/upd/new',
    body: { data: { a: 'b' } },
    token: withToken('appTok'),
  },
  {
    name: 'app updates under upd/',
    method: 'POST',
    path: 'secret/data/app/upd/existing',
    body: { data: { v: '2' } },
    token: withToken('appTok'),
  },
  { name: 'app reads a denied path', method: 'GET', path: 'secret/data/app/denied', token: withToken('appTok') },
  { name: 'app lists its folder', method: 'LIST', path: 'secret/metadata/app', token: withToken('appTok') },
  {
    name: 'app reads metadata (list only)',
    method: 'GET',
    path: 'secret/metadata/app/db/creds',
    token: withToken('appTok'),
  },
  {
    name: 'app deletes (no capability)',
    method: 'DELETE',
    path: 'secret/data/app/db/creds',
    token: withToken('appTok'),
  },
  { name: 'app lists mounts', method: 'GET', path: 'sys/mounts', token: withToken('appTok') },
  {
    name: 'app enables an auth method (sudo)',
    method: 'POST',
    path: 'sys/auth/x',
    body: { type: 'approle' },
    token: withToken('appTok'),
  },
  { name: 'app lists audit devices (sudo)', method: 'GET', path: 'sys/audit', token: withToken('appTok') },
  {
    name: 'app looks itself up (default policy)',
    method: 'GET',
    path: 'auth/token/lookup-self',
    token: withToken('appTok'),
  },
  {
    name: 'app preflight on its mount',
    method: 'GET',
    path: 'sys/internal/ui/mounts/secret/app/db/creds',
    token: withToken('appTok'),
  },
  {
    name: 'app preflight on another mount',
    method: 'GET',
    path: 'sys/internal/ui/mounts/kv2/x',
    token: withToken('appTok'),
  },
  {
    name: 'capabilities of app token',
    method: 'POST',
    path: 'sys/capabilities',
    body: (v: Vars) => ({ token: v.appTok, path: 'secret/data/app/db/creds' }),
  },
  {
    name: 'capabilities of app token on several paths',
    method: 'POST',
    path: 'sys/capabilities',
    body: (v: Vars) => ({
      token: v.appTok,
      paths: ['secret/data/app/rw/x', 'secret/data/app/denied', 'secret/data/nothing', 'secret/data/team/shared'],
    }),
  },
  {
    name: 'capabilities-self as app',
    method: 'POST',
    path: 'sys/capabilities-self',
    body: { paths: ['secret/data/app/x', 'auth/token/lookup-self'] },
    token: withToken('appTok'),
  },
  {
    name: 'capabilities of root',
    method: 'POST',
    path: 'sys/capabilities',
    body: (v: Vars) => ({ token: v.root, path: 'secret/data/x' }),
  },
  { name: 'capabilities-self as root', method: 'POST', path: 'sys/capabilities-self', body: { path: 'sys/mounts' } },
];

const wrapping: Step[] = [
  {
    name: 'wrapped secret-id',
    method: 'POST',
    path: 'auth/approle/role/app/secret-id',
    headers: wrap('60s'),
    save: (b, v) => (v.wrapTok = b.wrap_info.token),
  },
  {
    name: 'wrap lookup (no token)',
    method: 'POST',
    path: 'sys/wrapping/lookup',
    token: null,
    body: (v: Vars) => ({ token: v.wrapTok }),
  },
  {
    name: 'unwrap with the wrapping token',
    method: 'POST',
    path: 'sys/wrapping/unwrap',
    token: withToken('wrapTok'),
    save: (b, v) => (v.sidWrapped = b.data.secret_id),
  },
  { name: 'unwrap a second time', method: 'POST', path: 'sys/wrapping/unwrap', token: withToken('wrapTok') },
  {
    name: 'unwrap a used token in the body',
    method: 'POST',
    path: 'sys/wrapping/unwrap',
    body: (v: Vars) => ({ token: v.wrapTok }),
  },
  {
    name: 'wrap lookup of a used token',
    method: 'POST',
    path: 'sys/wrapping/lookup',
    body: (v: Vars) => ({ token: v.wrapTok }),
  },
  {
    name: 'login with the unwrapped secret-id',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: (v: Vars) => ({ role_id: 'app-role-id', secret_id: v.sidWrapped }),
  },
  {
    name: 'wrapped KV read',
    method: 'GET',
    path: 'secret/data/app/db/creds',
    headers: wrap('30'),
    save: (b, v) => (v.wrapKv = b.wrap_info.token),
  },
  {
    name: 'unwrap KV read with another token',
    method: 'POST',
    path: 'sys/wrapping/unwrap',
    body: (v: Vars) => ({ token: v.wrapKv }),
  },
  {
    name: 'wrap arbitrary data',
    method: 'POST',
    path: 'sys/wrapping/wrap',
    body: { a: 'b' },
    headers: wrap('30s'),
    save: (b, v) => (v.wrapData = b.wrap_info.token),
  },
  { name: 'unwrap arbitrary data', method: 'POST', path: 'sys/wrapping/unwrap', token: withToken('wrapData') },
  { name: 'wrap without wrap TTL', method: 'POST', path: 'sys/wrapping/wrap', body: { a: 'b' } },
  {
    name: 'wrapped login',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    headers: wrap('1m'),
    body: (v: Vars) => ({ role_id: 'app-role-id', secret_id: v.sid3 }),
    save: (b, v) => (v.wrapLogin = b.wrap_info.token),
  },
  { name: 'unwrap a login', method: 'POST', path: 'sys/wrapping/unwrap', token: withToken('wrapLogin') },
  { name: 'unwrap garbage token in body', method: 'POST', path: 'sys/wrapping/unwrap', body: { token: 'nope' } },
];

const expiry: ScenarioItem[] = [
  // Short lifetimes are created right before they are checked, so a slow real server (shared
  // CPU) cannot let them run out early; the pause is well past all of them.
  {
    name: 'role with short-lived tokens and secret-ids',
    method: 'POST',
    path: 'auth/approle/role/short',
    body: { token_ttl: '3s', token_max_ttl: '6s', secret_id_ttl: '3s', token_policies: ['app'] },
  },
  {
    name: 'short role-id',
    method: 'POST',
    path: 'auth/approle/role/short/role-id',
    body: { role_id: 'short-role-id' },
  },
  {
    name: 'short secret-id',
    method: 'POST',
    path: 'auth/approle/role/short/secret-id',
    save: (b, v) => (v.sidShort = b.data.secret_id),
  },
  {
    name: 'second short secret-id',
    method: 'POST',
    path: 'auth/approle/role/short/secret-id',
    save: (b, v) => (v.sidShort2 = b.data.secret_id),
  },
  {
    name: 'short login',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: (v: Vars) => ({ role_id: 'short-role-id', secret_id: v.sidShort2 }),
    save: (b, v) => (v.shortLoginTok = b.auth.client_token),
  },
  {
    name: 'renew beyond max ttl',
    method: 'POST',
    path: 'auth/token/renew-self',
    body: { increment: '1h' },
    token: withToken('shortLoginTok'),
  },
  {
    name: 'short-lived wrap',
    method: 'POST',
    path: 'sys/wrapping/wrap',
    body: { a: 'b' },
    headers: wrap('3s'),
    save: (b, v) => (v.wrapShort = b.wrap_info.token),
  },
  {
    name: 'create 3s token',
    method: 'POST',
    path: 'auth/token/create',
    body: { policies: ['default'], ttl: '3s' },
    save: (b, v) => (v.tokShort = b.auth.client_token),
  },
  { name: 'short token still valid', method: 'GET', path: 'auth/token/lookup-self', token: withToken('tokShort') },
  { pause: 7, name: 'let the short TTLs run out' },
  { name: 'expired token', method: 'GET', path: 'auth/token/lookup-self', token: withToken('tokShort') },
  { name: 'expired login token', method: 'GET', path: 'secret/data/app/db/creds', token: withToken('shortLoginTok') },
  {
    name: 'login with expired secret-id',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: (v: Vars) => ({ role_id: 'short-role-id', secret_id: v.sidShort }),
  },
  {
    name: 'lookup expired secret-id',
    method: 'POST',
    path: 'auth/approle/role/short/secret-id/lookup',
    body: (v: Vars) => ({ secret_id: v.sidShort }),
  },
  { name: 'unwrap expired wrapping token', method: 'POST', path: 'sys/wrapping/unwrap', token: withToken('wrapShort') },
];

const lockout: Step[] = [
  { name: 'lockout role', method: 'POST', path: 'auth/approle/role/locky', body: { token_policies: 'default' } },
  {
    name: 'lockout role-id',
    method: 'POST',
    path: 'auth/approle/role/locky/role-id',
    body: { role_id: 'locky-role-id' },
  },
  {
    name: 'lockout secret-id',
    method: 'POST',
    path: 'auth/approle/role/locky/secret-id',
    save: (b, v) => (v.sidLocky = b.data.secret_id),
  },
  ...[1, 2, 3, 4, 5].map((n) => ({
    name: `wrong secret-id #${n}`,
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: { role_id: 'locky-role-id', secret_id: `wrong-${n}` },
  })),
  {
    name: 'locked out with the right secret-id',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: (v: Vars) => ({ role_id: 'locky-role-id', secret_id: v.sidLocky }),
  },
  {
    name: 'locked out without secret-id',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: { role_id: 'locky-role-id' },
  },
  {
    name: 'other roles still log in',
    method: 'POST',
    path: 'auth/approle/login',
    token: null,
    body: (v: Vars) => ({ role_id: 'app-role-id', secret_id: v.sid3 }),
  },
];

export const SCENARIO: ScenarioItem[] = [
  ...http,
  ...mounts,
  ...policies,
  ...audit,
  ...tokens,
  ...kv,
  ...approle,
  ...acl,
  ...wrapping,
  ...expiry,
  ...lockout,
  ...SYS_SCENARIO,
  ...APPROLE_CIDR_STEPS,
  ...ACL_PARAMETER_STEPS,
  ...KV_STEPS,
  ...TOKEN_FIELD_STEPS,
];
