import type { Step } from './runner.js';

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
];
