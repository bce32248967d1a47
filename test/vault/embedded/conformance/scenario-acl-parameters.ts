import type { Step, Vars } from './runner.js';

/** A policy's allowed_parameters, denied_parameters and required_parameters, checked request by request. */
const PARAMS_POLICY = `
path "secret/data/params/opts" {
  capabilities = ["create", "update", "read"]
  allowed_parameters = {
    "options" = []
  }
}
path "secret/data/params/vals" {
  capabilities = ["create", "update"]
  allowed_parameters = {
    "data" = []
    "Options" = []
  }
  denied_parameters = {
    "options" = []
  }
}
path "sys/policies/acl/p-*" {
  capabilities = ["create", "update"]
  allowed_parameters = {
    "policy" = ["path \\"x\\" {*", "*read*"]
  }
}
path "auth/approle/role/setup-*" {
  capabilities = ["create", "update", "read"]
  denied_parameters = {
    "bind_secret_id" = [false, "false"]
    "token_policies" = ["root", "*admin*"]
  }
  required_parameters = ["token_policies"]
}
path "auth/token/create" {
  capabilities = ["update"]
  allowed_parameters = {
    "*" = []
    "policies" = [["default"]]
    "num_uses" = [1]
  }
  denied_parameters = {
    "no_parent" = []
  }
}
path "cubbyhole/*" {
  capabilities = ["create", "update", "read"]
  denied_parameters = {
    "*" = []
  }
}
`;

/** Another policy on one of the same paths: its lists are merged with the first's. */
const MORE_PARAMS_POLICY = JSON.stringify({
  path: { 'secret/data/params/opts': { capabilities: ['update'], allowed_parameters: { data: ['x'] } } },
});

const asParams = (name: string, method: string, path: string, body?: unknown, token = 'tokParams'): Step => ({
  name: `params: ${name}`,
  method,
  path,
  token,
  ...(body === undefined ? {} : { body }),
});

/** [name, method, path, body] requests sent with the parameter-constrained token. */
const REQUESTS: Array<[string, string, string, unknown?]> = [
  ['data where only options are allowed', 'POST', 'secret/data/params/opts', { data: { a: 1 } }],
  ['options only', 'POST', 'secret/data/params/opts', { options: { cas: 0 } }],
  ['no fields', 'POST', 'secret/data/params/opts', {}],
  ['read without fields', 'GET', 'secret/data/params/opts'],
  ['read with a query parameter', 'GET', 'secret/data/params/opts?version=1'],
  ['allowed data', 'POST', 'secret/data/params/vals', { data: { a: 1 } }],
  ['denied wins over allowed', 'POST', 'secret/data/params/vals', { data: { a: 1 }, options: {} }],
  ['upper-case key', 'POST', 'secret/data/params/vals', { data: { a: 1 }, OPTIONS: {} }],
  ['value matches a prefix glob', 'PUT', 'sys/policies/acl/p-one', { policy: 'path "x" { capabilities = ["read"] }' }],
  [
    'value matches a contains glob',
    'PUT',
    'sys/policies/acl/p-two',
    { policy: 'path "y" { capabilities = ["read"] }' },
  ],
  ['value matches no glob', 'PUT', 'sys/policies/acl/p-three', { policy: 'path "y" { capabilities = ["list"] }' }],
  ['required present', 'POST', 'auth/approle/role/setup-a', { token_policies: 'default' }],
  ['denied boolean value', 'POST', 'auth/approle/role/setup-a', { token_policies: 'default', bind_secret_id: false }],
  ['denied string value', 'POST', 'auth/approle/role/setup-a', { token_policies: 'x', bind_secret_id: 'false' }],
  ['allowed boolean value', 'POST', 'auth/approle/role/setup-a', { token_policies: 'x', bind_secret_id: true }],
  ['denied glob', 'POST', 'auth/approle/role/setup-a', { token_policies: 'team-admin' }],
  ['list value against a string glob', 'POST', 'auth/approle/role/setup-a', { token_policies: ['admin'] }],
  ['required missing', 'POST', 'auth/approle/role/setup-a', { token_ttl: '1h' }],
  ['required missing on a read', 'GET', 'auth/approle/role/setup-a'],
  ['list value equal to a list', 'POST', 'auth/token/create', { policies: ['default'], ttl: '1m' }],
  ['list value not in the list', 'POST', 'auth/token/create', { policies: ['default', 'params'] }],
  ['any other field by *', 'POST', 'auth/token/create', { ttl: '1m', display_name: 'x' }],
  ['denied field', 'POST', 'auth/token/create', { no_parent: true }],
  ['JSON number against a policy number', 'POST', 'auth/token/create', { num_uses: 1 }],
  ['every field denied', 'POST', 'cubbyhole/x', { a: 1 }],
  ['no field when every field is denied', 'POST', 'cubbyhole/x', {}],
  ['read when every field is denied', 'GET', 'cubbyhole/x'],
  ['capabilities of a constrained path', 'POST', 'sys/capabilities-self', { paths: ['secret/data/params/opts'] }],
];

export const ACL_PARAMETER_STEPS: Step[] = [
  { name: 'write parameters policy', method: 'PUT', path: 'sys/policies/acl/params', body: { policy: PARAMS_POLICY } },
  { name: 'read parameters policy', method: 'GET', path: 'sys/policies/acl/params' },
  {
    name: 'write merged parameters policy',
    method: 'PUT',
    path: 'sys/policies/acl/params2',
    body: { policy: MORE_PARAMS_POLICY },
  },
  {
    name: 'token with the parameters policy',
    method: 'POST',
    path: 'auth/token/create',
    body: { policies: ['params'] },
    save: (b: any, v: Vars) => (v.tokParams = b.auth.client_token),
  },
  {
    name: 'token with both parameters policies',
    method: 'POST',
    path: 'auth/token/create',
    body: { policies: ['params', 'params2'] },
    save: (b: any, v: Vars) => (v.tokParams2 = b.auth.client_token),
  },
  ...REQUESTS.map(([name, method, path, body]) => asParams(name, method, path, body)),
  asParams(
    'merged: data value listed by the second policy',
    'POST',
    'secret/data/params/opts',
    { data: 'x' },
    'tokParams2',
  ),
  asParams('merged: data value not listed', 'POST', 'secret/data/params/opts', { data: 'y' }, 'tokParams2'),
  asParams('merged: options still allowed', 'POST', 'secret/data/params/opts', { options: {} }, 'tokParams2'),
  // Errors of the policy endpoints themselves.
  { name: 'HCL that is not HCL', method: 'PUT', path: 'sys/policies/acl/bad', body: { policy: 'this is = not hcl ]' } },
  { name: 'capabilities-self without paths', method: 'POST', path: 'sys/capabilities-self', body: {} },
  { name: 'capabilities without paths', method: 'POST', path: 'sys/capabilities', body: { token: 'root' } },
  {
    name: 'capabilities-accessor without paths',
    method: 'POST',
    path: 'sys/capabilities-accessor',
    body: { accessor: 'x' },
  },
];
