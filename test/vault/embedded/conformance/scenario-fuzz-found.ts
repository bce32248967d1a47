import type { Step } from './runner.js';

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
];
