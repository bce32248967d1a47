import type { Step, Vars } from './runner.js';

const merge = { 'Content-Type': 'application/merge-patch+json' };

/** Differences the route-table fuzz found, each answered as OpenBao answers it. */
const step = (name: string, method: string, path: string, body?: unknown): Step => ({
  name: `fuzz-found: ${name}`,
  method,
  path,
  ...(body === undefined ? {} : { body }),
});

export const FUZZ_FOUND_STEPS: Step[] = [
  step('a policy to list below', 'PUT', 'sys/policies/acl/listed', { policy: 'path "x" { capabilities = ["read"] }' }),
  step('LIST on an ACL policy name', 'LIST', 'sys/policies/acl/listed'),
  step('LIST on a missing ACL policy name', 'LIST', 'sys/policies/acl/nope'),
  step('LIST on a legacy policy name', 'LIST', 'sys/policy/listed'),
  step('GET ?list=true on a legacy policy name', 'GET', 'sys/policy/listed?list=true'),
  step('capabilities of an unknown token', 'POST', 'sys/capabilities', { token: 'nope', paths: ['x'] }),
  step('capabilities of an unknown token without paths', 'POST', 'sys/capabilities', { token: 'nope' }),
  step('capabilities-accessor with an empty body', 'POST', 'sys/capabilities-accessor', {}),
  step('capabilities-accessor with an empty accessor', 'POST', 'sys/capabilities-accessor', {
    accessor: '',
    paths: ['x'],
  }),
  step('tune a missing mount with a bad max_lease_ttl', 'POST', 'sys/mounts/nope/tune', { max_lease_ttl: { a: 1 } }),
  step('tune a missing mount with a bad description', 'POST', 'sys/mounts/nope/tune', { description: { a: 1 } }),
  step('tune a missing mount with options not pairs', 'POST', 'sys/mounts/nope/tune', { options: 'x' }),
  step('tune a missing auth mount with a bad token_type', 'POST', 'sys/auth/nope/tune', { token_type: [1] }),
  step('tune a missing mount with a bad TTL text (checked later)', 'POST', 'sys/mounts/nope/tune', {
    default_lease_ttl: 'x',
  }),
  step('tune user_lockout_config not a map', 'POST', 'sys/auth/token/tune', { user_lockout_config: 'x' }),
  step('a mount to tune with weak values', 'POST', 'sys/mounts/weak', { type: 'kv' }),
  step('tune options as a pair and a number description', 'POST', 'sys/mounts/weak/tune', {
    options: 'version=2',
    description: 5,
  }),
  step('tune read after weak values', 'GET', 'sys/mounts/weak/tune'),
  {
    ...step('PATCH a policy (OpenBao 2.x)', 'PATCH', 'sys/policies/acl/listed', {
      policy: 'path "y" { capabilities = ["read"] }',
    }),
    headers: merge,
  },
  step('policy after PATCH', 'GET', 'sys/policies/acl/listed'),
  { ...step('PATCH a policy without a text keeps it', 'PATCH', 'sys/policies/acl/listed', {}), headers: merge },
  { ...step('PATCH a missing policy', 'PATCH', 'sys/policies/acl/nope', { policy: 'path "y" {}' }), headers: merge },
  { ...step('PATCH a policy with bad HCL', 'PATCH', 'sys/policies/acl/listed', { policy: 'x = ]' }), headers: merge },
  { ...step('PATCH a legacy policy', 'PATCH', 'sys/policy/listed', { policy: 'path "y" {}' }), headers: merge },
  // Request building (body, list flag, wrap TTL) comes before the namespace lookup.
  { ...step('a negative wrap TTL', 'GET', 'secret/data/x'), headers: { 'X-Vault-Wrap-TTL': '-1' } },
  {
    ...step('a bad wrap TTL in a namespace', 'GET', 'secret/data/x'),
    headers: { 'X-Vault-Wrap-TTL': 'abc', 'X-Vault-Namespace': 'ns1' },
  },
  {
    ...step('a bad wrap TTL on a write in a namespace', 'POST', 'secret/data/x', { data: {} }),
    headers: { 'X-Vault-Wrap-TTL': '-5s', 'X-Vault-Namespace': 'ns1' },
  },
  {
    ...step('a bad list flag in a namespace', 'GET', 'secret/metadata/?list=maybe'),
    headers: { 'X-Vault-Namespace': 'ns1' },
  },
  // AppRole: a custom secret ID is required before the role is looked up; secret-id paths take a trailing slash.
  step('custom-secret-id without one, missing role', 'POST', 'auth/approle/role/nope/custom-secret-id', {}),
  step('LIST secret-id-accessor/lookup', 'LIST', 'auth/approle/role/nope/secret-id-accessor/lookup'),
  step('GET ?list=true on secret-id/destroy', 'GET', 'auth/approle/role/nope/secret-id/destroy?list=true'),
  // Wrapping: answers with their own status are wrapped too, and a wrapped answer keeps its warnings.
  {
    ...step('KV v2 invalid path, wrapped', 'GET', 'secret/nope'),
    headers: { 'X-Vault-Wrap-TTL': '30s' },
    save: (body, vars) => {
      vars.wrappedRaw = body.wrap_info.token;
    },
  },
  {
    ...step('unwrap the wrapped invalid-path answer', 'POST', 'sys/wrapping/unwrap'),
    body: (vars: Vars) => ({ token: vars.wrappedRaw }),
  },
  {
    ...step('token create with an unknown field, wrapped', 'POST', 'auth/token/create', { bogus: 1, ttl: '1h' }),
    headers: { 'X-Vault-Wrap-TTL': '30s' },
  },
  // A LIST keeps a `list` query parameter (only GET's is taken out).
  step('LIST with ?list=true', 'LIST', 'secret/metadata/?list=true'),
  {
    ...step('LIST an empty folder, wrapped', 'LIST', 'secret/metadata/nothing-here/'),
    headers: { 'X-Vault-Wrap-TTL': '30s' },
  },
  // A list of nothing with an unknown parameter: the warning makes it a 200.
  step('LIST nothing with an unknown parameter', 'LIST', 'secret/metadata/nothing-here/?bogus=1'),
];
