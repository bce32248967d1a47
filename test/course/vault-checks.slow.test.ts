import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import type { RunningVault } from '../../src/vault/provider.js';
import { startVault } from '../../src/vault/select.js';
import { runVaultCheck, type VaultCheck } from '../../src/course/vault-checks.js';
import { randomBase62 } from '../../src/util/random.js';
import { availableLessonProviders } from './sample-harness.js';

const providers = await availableLessonProviders();

// The check kinds the lessons use (forbidden capabilities, role settings, issued and wrapped
// secret_ids, KV versions, composed policies, tokens), each seen failing and passing, on bao and
// on the embedded server.
describe.each(providers)('vault checks of the hands-on steps on %s', (provider) => {
  let vault: RunningVault;
  let admin: VaultAdmin;
  beforeAll(async () => {
    ({ vault } = await startVault(provider, { audit: false }));
    admin = new VaultAdmin(vault.address, vault.rootToken);
  });
  afterAll(async () => {
    await vault?.stop();
  });

  it('policy-allows with forbiddenCapabilities fails for a policy that also writes', async () => {
    const check: VaultCheck = {
      type: 'policy-allows',
      name: 'app',
      path: 'secret/data/app/config',
      capabilities: ['read'],
      deniedPath: 'secret/data/database/backend',
      forbiddenCapabilities: ['create', 'update', 'delete'],
    };
    await admin.writePolicy('app', 'path "secret/data/app/*" { capabilities = ["read", "update"] }');
    const tooMuch = await runVaultCheck(admin, check);
    expect(tooMuch).toEqual({
      done: false,
      detail: expect.stringContaining('also grants update on secret/data/app/config'),
    });
    await admin.writePolicy('app', 'path "secret/data/app/*" { capabilities = ["read"] }');
    const exact = await runVaultCheck(admin, check);
    expect(exact.done).toBe(true);
  });

  it('approle-role settings compare what Vault reports (TTLs in seconds)', async () => {
    await admin.enableAuth('approle', 'approle');
    const check: VaultCheck = {
      type: 'approle-role',
      role: 'backend',
      policies: ['backend'],
      settings: { token_ttl: 3600, secret_id_num_uses: 5 },
    };
    await admin.write('auth/approle/role/backend', { token_policies: 'backend', token_ttl: '2h' });
    const wrongTtl = await runVaultCheck(admin, check);
    expect(wrongTtl).toEqual({ done: false, detail: 'role "backend" has token_ttl = 7200, expected 3600' });
    await admin.write('auth/approle/role/backend', {
      token_policies: 'backend',
      token_ttl: '1h',
      secret_id_num_uses: 5,
    });
    expect((await runVaultCheck(admin, check)).done).toBe(true);
  });

  it('approle-secret-id sees an issued (also a wrapped) secret_id and reports no value', async () => {
    const check: VaultCheck = { type: 'approle-secret-id', role: 'backend' };
    expect(await runVaultCheck(admin, { type: 'approle-secret-id', role: 'nobody' })).toEqual({
      done: false,
      detail: 'there is no AppRole role "nobody" at auth/approle/',
    });
    expect(await runVaultCheck(admin, check)).toEqual({
      done: false,
      detail: 'no secret_id has been issued for role "backend" yet',
    });
    const wrapped = await admin.newWrappedSecretId('backend', '60s');
    const outcome = await runVaultCheck(admin, check);
    expect(outcome).toEqual({ done: true, detail: 'role "backend" has 1 secret_id issued' });
    expect(outcome.detail).not.toContain(wrapped.token);
  });

  it('kv-secret minVersion and maxVersions', async () => {
    const check: VaultCheck = {
      type: 'kv-secret',
      mount: 'secret',
      path: 'database/backend',
      keys: ['password'],
      minVersion: 2,
    };
    // Made at run time: no password-looking literal in the repository (secrets-workbook scan . stays clean).
    const [firstValue, secondValue] = [`first-${randomBase62(12)}`, `second-${randomBase62(12)}`];
    await admin.kvPut('secret', 'database/backend', { password: firstValue });
    const first = await runVaultCheck(admin, check);
    expect(first).toEqual({
      done: false,
      detail: 'secret/database/backend is at version 1; write a new version (at least 2)',
    });
    await admin.kvPut('secret', 'database/backend', { password: secondValue });
    expect((await runVaultCheck(admin, check)).done).toBe(true);

    const kept: VaultCheck = {
      type: 'kv-secret',
      mount: 'secret',
      path: 'database/backend',
      keys: ['password'],
      maxVersions: 5,
    };
    expect(await runVaultCheck(admin, kept)).toEqual({
      done: false,
      detail: 'secret/database/backend keeps the default number of versions, not at most 5',
    });
    await admin.write('secret/metadata/database/backend', { max_versions: 20 });
    expect((await runVaultCheck(admin, kept)).detail).toBe('secret/database/backend keeps 20 versions, not at most 5');
    await admin.write('secret/metadata/database/backend', { max_versions: 5 });
    const done = await runVaultCheck(admin, kept);
    expect(done.done).toBe(true);
    expect(done.detail).not.toContain(firstValue);
    expect(done.detail).not.toContain(secondValue);
  });

  it('policy-grants judges a composed policy by the exact capabilities a token with it gets', async () => {
    const check: VaultCheck = {
      type: 'policy-grants',
      name: 'reports',
      grants: [
        { path: 'secret/data/reports/q1', capabilities: ['read'] },
        { path: 'secret/metadata/reports/', capabilities: ['list'] },
      ],
      denied: ['secret/data/database/backend'],
    };
    expect(await runVaultCheck(admin, check)).toEqual({
      done: false,
      detail: 'there is no policy named "reports" yet',
    });
    await admin.writePolicy('reports', 'path "secret/data/reports/*" { capabilities = ["read", "list"] }');
    expect((await runVaultCheck(admin, check)).detail).toBe(
      '"reports" also grants list on secret/data/reports/q1: only read is needed there',
    );
    await admin.writePolicy('reports', 'path "secret/data/reports/*" { capabilities = ["read"] }');
    expect((await runVaultCheck(admin, check)).detail).toBe(
      '"reports" does not grant list on secret/metadata/reports/',
    );
    await admin.writePolicy(
      'reports',
      'path "secret/data/*" { capabilities = ["read"] }\npath "secret/metadata/reports/*" { capabilities = ["list"] }',
    );
    expect((await runVaultCheck(admin, check)).detail).toMatch(/grants read on secret\/data\/database\/backend/);
    // Another spelling of the right answer passes too: a + segment and an exact LIST path.
    await admin.writePolicy(
      'reports',
      'path "secret/data/reports/+" { capabilities = ["read"] }\npath "secret/metadata/reports/" { capabilities = ["list"] }',
    );
    expect(await runVaultCheck(admin, check)).toEqual({
      done: true,
      detail: '"reports" grants exactly read on secret/data/reports/q1; list on secret/metadata/reports/',
    });
  });

  it('approle-role compares lists as sets and a one-address CIDR with or without /32', async () => {
    const check: VaultCheck = {
      type: 'approle-role',
      role: 'billing',
      settings: { token_policies: ['billing', 'audit-reader'], secret_id_bound_cidrs: ['127.0.0.1/32'] },
    };
    await admin.write('auth/approle/role/billing', {
      token_policies: 'audit-reader,billing',
      secret_id_bound_cidrs: '127.0.0.1/32',
    });
    expect((await runVaultCheck(admin, check)).done).toBe(true);
    await admin.write('auth/approle/role/billing', {
      token_policies: 'billing',
      secret_id_bound_cidrs: '127.0.0.1/32',
    });
    expect((await runVaultCheck(admin, check)).detail).toBe(
      'role "billing" has token_policies = ["billing"], expected ["billing","audit-reader"]',
    );
  });

  it('approle-wrapped-secret-id needs a live wrapping token of that role, short enough', async () => {
    const check: VaultCheck = { type: 'approle-wrapped-secret-id', role: 'wrapped', maxTtl: 300 };
    await admin.write('auth/approle/role/wrapped', { token_policies: 'default' });
    const { secretId } = await admin.newSecretId('wrapped');
    const plain = await runVaultCheck(admin, check);
    expect(plain).toEqual({
      done: false,
      detail: 'role "wrapped" has secret_ids, but none is waiting response-wrapped (issue one with -wrap-ttl)',
    });
    await admin.newWrappedSecretId('wrapped', '1h');
    expect((await runVaultCheck(admin, check)).detail).toBe(
      'the wrapped secret_id of "wrapped" lives 3600s: wrap it for at most 300s',
    );
    const wrapped = await admin.newWrappedSecretId('wrapped', '120s');
    const outcome = await runVaultCheck(admin, check);
    expect(outcome.done).toBe(true);
    expect(outcome.detail).not.toContain(wrapped.token);
    expect(outcome.detail).not.toContain(secretId);
    // Unwrapped (used), it no longer waits: only the hour-long one is left.
    await new VaultAdmin(vault.address, wrapped.token).write('sys/wrapping/unwrap');
    expect((await runVaultCheck(admin, check)).done).toBe(false);
  });

  it('token-exists needs an explicit max TTL within the limit, and the policies asked for', async () => {
    const check: VaultCheck = { type: 'token-exists', displayName: 'laptop', maxTtl: 86400, policies: ['default'] };
    expect((await runVaultCheck(admin, check)).detail).toBe('no token named "laptop" exists yet');
    await admin.write('auth/token/create', { display_name: 'laptop', policies: ['default'], ttl: '1h' });
    expect((await runVaultCheck(admin, check)).detail).toMatch(/has no explicit max TTL/);
    await admin.write('auth/token/create', {
      display_name: 'laptop',
      policies: ['default'],
      ttl: '1h',
      explicit_max_ttl: '24h',
    });
    expect(await runVaultCheck(admin, check)).toEqual({
      done: true,
      detail: 'token "laptop" exists and dies within 86400s at the latest',
    });
  });
  it('approle-role with onlyPolicies and limits: one policy, TTLs set and short (what Vault reports, in seconds)', async () => {
    await admin.enableAuth('approle', 'approle');
    const check: VaultCheck = {
      type: 'approle-role',
      role: 'limited',
      policies: ['limited'],
      onlyPolicies: true,
      limits: {
        token_ttl: { min: 1, max: 3600 },
        token_max_ttl: { min: 1, max: 86400 },
        secret_id_ttl: { min: 1, max: 2592000 },
      },
    };
    await admin.write('auth/approle/role/limited', { token_policies: 'limited,admin', token_ttl: '10m' });
    expect((await runVaultCheck(admin, check)).detail).toBe(
      'role "limited" also carries admin: one role, one policy (limited)',
    );
    await admin.write('auth/approle/role/limited', { token_policies: 'limited,default', token_ttl: '10m' });
    expect((await runVaultCheck(admin, check)).detail).toBe(
      `role "limited" leaves token_max_ttl at 0 (the server's default: 32 days): set it, at most 24h`,
    );
    await admin.write('auth/approle/role/limited', { token_max_ttl: '48h' });
    expect((await runVaultCheck(admin, check)).detail).toBe('role "limited" has token_max_ttl = 2d: at most 24h');
    await admin.write('auth/approle/role/limited', { token_max_ttl: '30m' });
    expect((await runVaultCheck(admin, check)).detail).toBe(
      'role "limited" leaves secret_id_ttl at 0 (never expires): set it, at most 30d',
    );
    await admin.write('auth/approle/role/limited', { secret_id_ttl: '24h' });
    expect(await runVaultCheck(admin, check)).toEqual({
      done: true,
      detail: 'role "limited" exists with limited (token_ttl 10m, token_max_ttl 30m, secret_id_ttl 24h)',
    });
  });

  it('kv-secret values are judged in memory and never shown', async () => {
    const password = randomBase62(8);
    await admin.kvPut('secret', 'mini/database', { url: `postgres://mini_app:${password}@db.mini.internal:5432/mini` });
    const check: VaultCheck = {
      type: 'kv-secret',
      mount: 'secret',
      path: 'mini/database',
      keys: ['url'],
      values: { url: { format: 'postgres-url', minPasswordLength: 16 } },
    };
    const short = await runVaultCheck(admin, check);
    expect(short.detail).toBe('the password in secret/mini/database url is 8 characters: generate one of at least 16');
    expect(short.detail).not.toContain(password);
    await admin.kvPut('secret', 'mini/database', {
      url: `postgres://mini_app:${randomBase62(32)}@db.mini.internal:5432/mini`,
    });
    expect(await runVaultCheck(admin, check)).toEqual({
      done: true,
      detail: 'secret/mini/database url is a postgres URL for db.mini.internal with a generated password (version 2)',
    });
  });
});
