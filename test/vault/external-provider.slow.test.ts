import { execFileSync } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { ExternalProvider } from '../../src/vault/external-provider.js';
import { locateBao, startTestBao, type TestBao } from '../helpers/bao.js';
import { randomBase62 } from '../../src/util/random.js';

// Made at run time: no password-looking literal in the repository (secrets-workbook scan . stays clean).
const beforeValue = `before-${randomBase62(12)}`;
const afterValue = `after-${randomBase62(12)}`;

const bao = await locateBao();

describe.skipIf(!bao)('external provider against a bao started by the test', () => {
  let server: TestBao;
  beforeAll(async () => {
    server = await startTestBao(bao!);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('uses VAULT_ADDR/VAULT_TOKEN, follows the local audit log from now on, and never stops the server', async () => {
    const admin = new VaultAdmin(server.address, server.token);
    await admin.kvPut('secret', 'external/before', { password: beforeValue });
    await appendFile(server.auditPath, ''); // the log exists and already holds entries
    const env = {
      VAULT_ADDR: `${server.address}/`,
      VAULT_TOKEN: server.token,
      SECRETS_WORKBOOK_AUDIT_LOG: server.auditPath,
    };
    const provider = new ExternalProvider({ env });
    const availability = await provider.availability();
    expect(availability).toEqual({
      available: true,
      reason: `${server.address} (token accepted, policies root); audit log ${server.auditPath}`,
    });

    const vault = await provider.start();
    expect(vault.provider).toBe('external');
    expect(vault.address).toBe(server.address);
    await admin.kvPut('secret', 'external/after', { password: afterValue });
    const paths = (await vault.auditTrail!.entries()).map((entry) => entry.request.path);
    expect(paths).toContain('secret/data/external/after');
    expect(paths).not.toContain('secret/data/external/before');
    expect(JSON.stringify(await vault.auditTrail!.entries())).toContain(await vault.auditTrail!.hash(afterValue));
    await vault.stop();
    expect((await fetch(`${server.address}/v1/sys/health`)).status).toBe(200);
  });

  it('has no audit trail without a readable log, and says so', async () => {
    const env = { VAULT_ADDR: server.address, VAULT_TOKEN: server.token };
    const provider = new ExternalProvider({ env });
    expect((await provider.availability()).reason).toMatch(/no audit log \(set SECRETS_WORKBOOK_AUDIT_LOG/);
    const vault = await provider.start();
    expect(vault.auditTrail).toBeUndefined();
    await vault.stop();
    const missing = new ExternalProvider({ env: { ...env, SECRETS_WORKBOOK_AUDIT_LOG: '/nonexistent/audit.log' } });
    await expect(missing.start()).rejects.toThrow(
      'external Vault: audit log /nonexistent/audit.log is not readable here',
    );
  });

  it('rejects a bad token with one clear line (403)', async () => {
    const provider = new ExternalProvider({ env: { VAULT_ADDR: server.address, VAULT_TOKEN: 'wrongTokenValue' } });
    const check = await provider.check();
    expect(check).toMatchObject({
      ok: false,
      message: `the Vault at ${server.address} refused VAULT_TOKEN (403 permission denied): check the token`,
    });
    await expect(provider.start()).rejects.toThrow(
      /^external Vault: the Vault at .* refused VAULT_TOKEN \(403 permission denied\): check the token$/,
    );
  });

  it('says the server is sealed (503) — last, as sealing a dev server is for good', async () => {
    execFileSync(bao!, ['operator', 'seal'], {
      env: { PATH: process.env.PATH, VAULT_ADDR: server.address, VAULT_TOKEN: server.token },
      stdio: 'ignore',
    });
    const check = await new ExternalProvider({
      env: { VAULT_ADDR: server.address, VAULT_TOKEN: server.token },
    }).check();
    expect(check.message).toBe(`the Vault at ${server.address} is sealed (503): unseal it, or ask whoever runs it`);
  });
});
