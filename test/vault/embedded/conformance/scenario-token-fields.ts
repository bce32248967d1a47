import type { Step } from './runner.js';

/** `auth/token/create` field checks: the framework's "Field validation failed: " and its unknown-field warning. */
const create = (name: string, body: unknown, path = 'auth/token/create'): Step => ({
  name: `token fields: ${name}`,
  method: 'POST',
  path,
  body,
  loose: ['client_token', 'accessor'],
});

export const TOKEN_FIELD_STEPS: Step[] = [
  create('num_uses not a number', { num_uses: 'x' }),
  create('renewable not a bool', { renewable: 'x' }),
  create('no_parent not a bool', { no_parent: 'x' }),
  create('meta not pairs', { meta: 'x' }),
  create('meta as one pair', { meta: 'a=b', policies: 'default', ttl: 60 }),
  create('meta as a list of pairs', { meta: ['a=b', 'c=d=e'], policies: ['default', ' x '], ttl: 60 }),
  create('policies an object', { policies: { a: 1 } }),
  create('policies with bad items', { policies: [{ a: 1 }, [2]] }),
  create('display_name an object', { display_name: { a: 1 } }),
  create('display_name a list', { display_name: [1] }),
  create('ttl not a duration (a string field: no prefix)', { ttl: 'x' }),
  create('unknown fields', { ttl: '1h', zeta: 1, alpha: 2, policies: ['default'] }),
  create('orphan with a bad num_uses', { num_uses: 'x' }, 'auth/token/create-orphan'),
  create('custom id (the SHA1 warning)', { id: 'orphan-parent', policies: ['root'] }),
  { ...create('child of the custom-id token', { id: 'orphan-child', policies: ['default'] }), token: 'orphan-parent' },
  ...(
    [
      ['renew without a token', 'auth/token/renew', {}],
      ['renew with an empty token', 'auth/token/renew', { token: '' }],
      ['renew-accessor without an accessor', 'auth/token/renew-accessor', {}],
      ['lookup-accessor without an accessor', 'auth/token/lookup-accessor', {}],
      ['revoke-accessor without an accessor', 'auth/token/revoke-accessor', {}],
      ['revoke-accessor with an empty accessor', 'auth/token/revoke-accessor', { accessor: '' }],
      ['revoke-orphan without a token', 'auth/token/revoke-orphan', {}],
      ['revoke-orphan of a missing token', 'auth/token/revoke-orphan', { token: 'nope' }],
      ['revoke-orphan keeps the children', 'auth/token/revoke-orphan', { token: 'orphan-parent' }],
      ['the child is now an orphan', 'auth/token/lookup', { token: 'orphan-child' }],
      ['the parent is gone', 'auth/token/lookup', { token: 'orphan-parent' }],
    ] as const
  ).map(([name, path, body]): Step => ({ ...create(name, body, path), loose: ['accessor', 'creation_time'] })),
];
