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
];
