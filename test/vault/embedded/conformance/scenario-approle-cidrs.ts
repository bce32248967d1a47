import type { Step, Vars } from './runner.js';

/**
 * AppRole's CIDR bindings, token types and per-field endpoints. Every request comes from
 * 127.0.0.1, so a binding to 10.0.0.0/8 is the "elsewhere" case and 127.0.0.1/32 the allowed one.
 */
const role = (name: string) => `auth/approle/role/${name}`;
const secretIdOf = (key: string) => (b: any, v: Vars) => (v[key] = b.data.secret_id);
const tokenOf = (key: string) => (b: any, v: Vars) => (v[key] = b.auth.client_token);
const login = (name: string, roleId: string, secretKey: string | null, save?: string): Step => ({
  name,
  method: 'POST',
  path: 'auth/approle/login',
  token: null,
  body: (v: Vars) => (secretKey ? { role_id: roleId, secret_id: v[secretKey] } : { role_id: roleId }),
  save: save ? tokenOf(save) : undefined,
});

/** Role bodies that bao refuses or rewrites, each written to a scratch role and read back. */
const ROLE_BODIES: Array<[string, Record<string, unknown>]> = [
  ['secret_id_bound_cidrs not a CIDR', { secret_id_bound_cidrs: 'notacidr' }],
  ['secret_id_bound_cidrs bare IP', { secret_id_bound_cidrs: '127.0.0.1' }],
  ['secret_id_bound_cidrs leading zero', { secret_id_bound_cidrs: '010.0.0.0/8' }],
  ['secret_id_bound_cidrs list with a bad one', { secret_id_bound_cidrs: ['10.0.0.0/8', 'a'] }],
  ['secret_id_bound_cidrs blank item', { secret_id_bound_cidrs: ',' }],
  ['secret_id_bound_cidrs mask 33', { secret_id_bound_cidrs: '10.0.0.0/33' }],
  ['token_bound_cidrs not an address', { token_bound_cidrs: 'notacidr' }],
  ['token_bound_cidrs blank item', { token_bound_cidrs: 'a,' }],
  [
    'CIDR forms as stored',
    {
      secret_id_bound_cidrs: ' 127.0.0.1/32, 10.1.2.3/8,fe80::/10,::1/128',
      token_bound_cidrs: ['127.0.0.1', '127.0.0.1/32', '10.1.2.3/8', '::1', '::1/128', 'FE80:0:0::1/64'],
    },
  ],
  ['token_bound_cidrs taken for a socket path', { token_bound_cidrs: ['010.0.0.0/8', '10.0.0.0/33'] }],
  ['empty CIDR lists', { secret_id_bound_cidrs: '', token_bound_cidrs: [] }],
  ['batch with token_num_uses', { token_type: 'batch', token_num_uses: 3 }],
  ['batch with token_period', { token_type: 'batch', token_period: '1h' }],
  ['default-batch', { token_type: 'default-batch' }],
  ['default-service', { token_type: 'default-service' }],
  ['strictly bind with bound CIDRs', { token_strictly_bind_ip: true, token_bound_cidrs: '127.0.0.1' }],
  ['strictly bind', { token_strictly_bind_ip: true }],
  ['empty role_id', { role_id: '' }],
  ['negative secret_id_num_uses', { secret_id_num_uses: -1 }],
  ['policies with blanks', { token_policies: 'a,,B, ' }],
  ['no constraint left', { bind_secret_id: false, secret_id_bound_cidrs: '', token_bound_cidrs: '' }],
  ['only a CIDR constraint', { bind_secret_id: false, token_bound_cidrs: '127.0.0.1' }],
  ['local_secret_ids on update', { local_secret_ids: true }],
];

const roleBodies: Step[] = [
  { name: 'cidr scratch role', method: 'POST', path: role('scratch'), body: {} },
  ...ROLE_BODIES.flatMap(([name, body]): Step[] => [
    { name: `role: ${name}`, method: 'POST', path: role('scratch'), body },
    { name: `role after: ${name}`, method: 'GET', path: role('scratch') },
  ]),
];

const loginBindings: Step[] = [
  // The role's secret_id_bound_cidrs.
  {
    name: 'role bound elsewhere',
    method: 'POST',
    path: role('cidr-out'),
    body: { role_id: 'cidr-out-id', secret_id_bound_cidrs: '10.0.0.0/8', token_policies: 'default' },
  },
  {
    name: 'secret-id of role bound elsewhere',
    method: 'POST',
    path: `${role('cidr-out')}/secret-id`,
    save: secretIdOf('sOut'),
  },
  login('login from outside the role CIDRs', 'cidr-out-id', 'sOut'),
  {
    name: 'rebind role to 127.0.0.1/32',
    method: 'POST',
    path: `${role('cidr-out')}/secret-id-bound-cidrs`,
    body: { secret_id_bound_cidrs: '127.0.0.1/32' },
  },
  login('login from inside the role CIDRs', 'cidr-out-id', 'sOut'),
  // A secret ID's cidr_list.
  {
    name: 'secret-id cidr_list not a CIDR',
    method: 'POST',
    path: `${role('cidr-out')}/secret-id`,
    body: { cidr_list: 'notacidr' },
  },
  {
    name: 'secret-id cidr_list bare IP',
    method: 'POST',
    path: `${role('cidr-out')}/secret-id`,
    body: { cidr_list: '127.0.0.1' },
  },
  {
    name: 'secret-id cidr_list outside the role',
    method: 'POST',
    path: `${role('cidr-out')}/secret-id`,
    body: { cidr_list: '10.0.0.0/8' },
  },
  {
    name: 'secret-id token_bound_cidrs invalid',
    method: 'POST',
    path: `${role('cidr-out')}/secret-id`,
    body: { token_bound_cidrs: 'notacidr' },
  },
  {
    name: 'role for secret-id CIDRs',
    method: 'POST',
    path: role('cidr-sid'),
    body: { role_id: 'cidr-sid-id', token_policies: 'default', token_bound_cidrs: '127.0.0.1,10.0.0.0/8' },
  },
  {
    name: 'secret-id token_bound_cidrs outside the role',
    method: 'POST',
    path: `${role('cidr-sid')}/secret-id`,
    body: { token_bound_cidrs: '192.168.0.0/16' },
  },
  {
    name: 'secret-id token_bound_cidrs within the role',
    method: 'POST',
    path: `${role('cidr-sid')}/secret-id`,
    body: { token_bound_cidrs: '10.0.0.0/8' },
    save: secretIdOf('sTokOut'),
  },
  {
    name: 'secret-id bound elsewhere (unlimited uses)',
    method: 'POST',
    path: `${role('cidr-sid')}/secret-id`,
    body: { cidr_list: '10.0.0.0/8' },
    save: secretIdOf('sOut0'),
  },
  {
    name: 'secret-id bound elsewhere (2 uses)',
    method: 'POST',
    path: `${role('cidr-sid')}/secret-id`,
    body: { cidr_list: '10.0.0.0/8', num_uses: 2 },
    save: secretIdOf('sOut2'),
  },
  {
    name: 'secret-id bound here',
    method: 'POST',
    path: `${role('cidr-sid')}/secret-id`,
    body: { cidr_list: '127.0.0.1/32, 10.0.0.0/8' },
    save: secretIdOf('sIn'),
  },
  login('login with a secret-id bound elsewhere', 'cidr-sid-id', 'sOut0'),
  login('login with a counted secret-id bound elsewhere', 'cidr-sid-id', 'sOut2'),
  {
    name: 'refused login used no use',
    method: 'POST',
    path: `${role('cidr-sid')}/secret-id/lookup`,
    body: (v: Vars) => ({ secret_id: v.sOut2 }),
  },
  login('login with a secret-id bound here', 'cidr-sid-id', 'sIn', 'tokSidIn'),
  { name: 'token of a login bound by role', method: 'GET', path: 'auth/token/lookup-self', token: 'tokSidIn' },
  {
    name: 'secret-id lookup shows CIDRs',
    method: 'POST',
    path: `${role('cidr-sid')}/secret-id/lookup`,
    body: (v: Vars) => ({ secret_id: v.sIn }),
  },
  // token_bound_cidrs: the login works, the token only from inside.
  login('login with secret-id token CIDRs elsewhere', 'cidr-sid-id', 'sTokOut', 'tokOut'),
  { name: 'token used from outside its CIDRs', method: 'GET', path: 'auth/token/lookup-self', token: 'tokOut' },
  { name: 'token used from outside: a KV read', method: 'GET', path: 'secret/data/app/config', token: 'tokOut' },
  {
    name: 'lookup of the bound token',
    method: 'POST',
    path: 'auth/token/lookup',
    body: (v: Vars) => ({ token: v.tokOut }),
  },
  {
    name: 'role token CIDRs elsewhere',
    method: 'POST',
    path: role('cidr-tok'),
    body: { role_id: 'cidr-tok-id', bind_secret_id: false, token_bound_cidrs: '10.0.0.0/8', token_policies: 'default' },
  },
  login('login of a role with token CIDRs elsewhere', 'cidr-tok-id', null, 'tokRoleOut'),
  { name: 'role-bound token used from outside', method: 'POST', path: 'auth/token/renew-self', token: 'tokRoleOut' },
  {
    name: 'role token CIDRs here',
    method: 'POST',
    path: `${role('cidr-tok')}/token-bound-cidrs`,
    body: { token_bound_cidrs: '127.0.0.1' },
  },
  login('login of a role with token CIDRs here', 'cidr-tok-id', null, 'tokRoleIn'),
  { name: 'role-bound token used from inside', method: 'GET', path: 'auth/token/lookup-self', token: 'tokRoleIn' },
];

/** Per-field endpoints: [suffix, a body it accepts, bodies it refuses]. */
const FIELDS: Array<[string, Record<string, unknown>, Array<Record<string, unknown>>]> = [
  ['policies', { token_policies: 'b, A,a' }, [{}, { policies: 'legacy' }, { token_policies: 'x', policies: 'y' }]],
  [
    'secret-id-bound-cidrs',
    { secret_id_bound_cidrs: '127.0.0.1/32' },
    [{ secret_id_bound_cidrs: 'notacidr' }, { secret_id_bound_cidrs: '' }, {}],
  ],
  ['bound-cidr-list', { bound_cidr_list: '127.0.0.0/8' }, [{ bound_cidr_list: '1.2.3.4' }]],
  ['token-bound-cidrs', { token_bound_cidrs: '127.0.0.1,10.0.0.0/8' }, [{ token_bound_cidrs: 'notacidr' }, {}]],
  ['secret-id-num-uses', { secret_id_num_uses: 5 }, [{ secret_id_num_uses: -1 }, {}, { secret_id_num_uses: 'x' }]],
  ['secret-id-ttl', { secret_id_ttl: '10m' }, [{}, { secret_id_ttl: 'abc' }]],
  ['period', { token_period: '1h' }, [{}, { period: '2h' }, { token_period: '99999h' }]],
  ['token-num-uses', { token_num_uses: 3 }, [{}, { token_num_uses: -2 }]],
  ['token-max-ttl', { token_max_ttl: '2h' }, [{}]],
  ['token-ttl', { token_ttl: '1h' }, [{ token_ttl: '3h' }, {}]],
  ['local-secret-ids', { local_secret_ids: true }, []],
  ['role-id', { role_id: 'fields-id' }, [{}]],
];

const fieldEndpoints: Step[] = [
  { name: 'fields role', method: 'POST', path: role('fields'), body: {} },
  ...FIELDS.flatMap(([suffix, good, bad]): Step[] => [
    { name: `${suffix}: read fresh`, method: 'GET', path: `${role('fields')}/${suffix}` },
    { name: `${suffix}: update`, method: 'POST', path: `${role('fields')}/${suffix}`, body: good },
    { name: `${suffix}: read after update`, method: 'GET', path: `${role('fields')}/${suffix}` },
    ...bad.map((body, i): Step => ({
      name: `${suffix}: refused update #${i + 1}`,
      method: 'POST',
      path: `${role('fields')}/${suffix}`,
      body,
    })),
    { name: `${suffix}: read after refusals`, method: 'GET', path: `${role('fields')}/${suffix}` },
    { name: `${suffix}: delete`, method: 'DELETE', path: `${role('fields')}/${suffix}` },
    { name: `${suffix}: read after delete`, method: 'GET', path: `${role('fields')}/${suffix}` },
    { name: `${suffix}: read of a missing role`, method: 'GET', path: `${role('nope')}/${suffix}` },
    { name: `${suffix}: update of a missing role`, method: 'POST', path: `${role('nope')}/${suffix}`, body: good },
    { name: `${suffix}: delete of a missing role`, method: 'DELETE', path: `${role('nope')}/${suffix}` },
  ]),
  { name: 'fields role after all', method: 'GET', path: role('fields') },
  {
    name: 'cidr-only role',
    method: 'POST',
    path: role('cidronly'),
    body: { bind_secret_id: false, secret_id_bound_cidrs: '127.0.0.1/32' },
  },
  { name: 'delete the last constraint', method: 'DELETE', path: `${role('cidronly')}/secret-id-bound-cidrs` },
  { name: 'cidr-only role after', method: 'GET', path: role('cidronly') },
];

const batchTokens: Step[] = [
  {
    name: 'batch token',
    method: 'POST',
    path: 'auth/token/create',
    body: { type: 'batch', policies: ['default'], ttl: '1h' },
    save: tokenOf('batch'),
  },
  { name: 'batch token lookup-self', method: 'GET', path: 'auth/token/lookup-self', token: 'batch' },
  { name: 'batch token lookup', method: 'POST', path: 'auth/token/lookup', body: (v: Vars) => ({ token: v.batch }) },
  { name: 'batch token renew-self', method: 'POST', path: 'auth/token/renew-self', token: 'batch' },
  { name: 'batch token renew', method: 'POST', path: 'auth/token/renew', body: (v: Vars) => ({ token: v.batch }) },
  { name: 'batch token revoke', method: 'POST', path: 'auth/token/revoke', body: (v: Vars) => ({ token: v.batch }) },
  { name: 'batch token revoke-self', method: 'POST', path: 'auth/token/revoke-self', token: 'batch' },
  {
    name: 'batch token as parent',
    method: 'POST',
    path: 'auth/token/create',
    token: 'batch',
    body: { policies: ['default'] },
  },
  {
    name: 'batch token with num_uses',
    method: 'POST',
    path: 'auth/token/create',
    body: { type: 'batch', num_uses: 2, policies: ['default'] },
  },
  {
    name: 'batch token with period',
    method: 'POST',
    path: 'auth/token/create',
    body: { type: 'batch', period: '1h', policies: ['default'] },
  },
  {
    name: 'batch token with explicit_max_ttl',
    method: 'POST',
    path: 'auth/token/create',
    body: { type: 'batch', explicit_max_ttl: '1h', policies: ['default'] },
  },
  { name: 'batch root token', method: 'POST', path: 'auth/token/create', body: { type: 'batch' } },
  { name: 'unknown token type', method: 'POST', path: 'auth/token/create', body: { type: 'nope' } },
  {
    name: 'batch orphan token',
    method: 'POST',
    path: 'auth/token/create-orphan',
    body: { type: 'batch', policies: 'default', renewable: true },
  },
  {
    name: 'batch role',
    method: 'POST',
    path: role('batchy'),
    body: {
      role_id: 'batchy-id',
      bind_secret_id: false,
      token_bound_cidrs: '127.0.0.1',
      token_type: 'batch',
      token_policies: 'default',
    },
  },
  login('batch login', 'batchy-id', null, 'batchLogin'),
  { name: 'batch login lookup-self', method: 'GET', path: 'auth/token/lookup-self', token: 'batchLogin' },
  { name: 'batch login renew-self', method: 'POST', path: 'auth/token/renew-self', token: 'batchLogin' },
];

export const APPROLE_CIDR_STEPS: Step[] = [...roleBodies, ...loginBindings, ...fieldEndpoints, ...batchTokens];
