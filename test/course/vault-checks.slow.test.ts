import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { BinaryProvider } from '../../src/vault/binary-provider.js';
import type { RunningVault } from '../../src/vault/provider.js';
import { startVault } from '../../src/vault/select.js';
import { runVaultCheck, type VaultCheck } from '../../src/course/vault-checks.js';
import { randomBase62 } from '../../src/util/random.js';

const availability = await new BinaryProvider().availability();

// The check kinds added for the lessons (forbidden capabilities, role settings, issued secret_ids,
// KV versions), each seen failing and passing against a real server.
describe.skipIf(!availability.available)(`vault checks added for the lessons (binary: ${availability.reason})`, () => {
  let vault: RunningVault;
  let admin: VaultAdmin;
  beforeAll(async () => {
    ({ vault } = await startVault('binary', { audit: false }));
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
});
