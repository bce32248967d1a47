import { describe, expect, it } from 'vitest';
import { ExternalProvider } from '../../src/vault/external-provider.js';
import { freePort } from '../../src/util/net.js';

describe('external provider: configuration errors, one line each', () => {
  it('needs VAULT_ADDR, a URL, http(s), and VAULT_TOKEN', async () => {
    expect((await new ExternalProvider({ env: {} }).check()).message).toBe('VAULT_ADDR is not set');
    expect((await new ExternalProvider({ env: { VAULT_ADDR: 'not a url' } }).check()).message).toBe(
      'VAULT_ADDR is not a URL: not a url',
    );
    expect((await new ExternalProvider({ env: { VAULT_ADDR: 'ftp://x' } }).check()).message).toBe(
      'VAULT_ADDR must start with http:// or https://, got ftp://x',
    );
    expect((await new ExternalProvider({ env: { VAULT_ADDR: 'http://127.0.0.1:8200/' } }).check()).message).toBe(
      'VAULT_TOKEN is not set (needed for the Vault at http://127.0.0.1:8200)',
    );
    const availability = await new ExternalProvider({ env: {} }).availability();
    expect(availability).toEqual({ available: false, reason: 'VAULT_ADDR is not set' });
  });

  it('says "connection refused" when nothing listens there, and start() fails with it', async () => {
    const port = await freePort();
    const provider = new ExternalProvider({ env: { VAULT_ADDR: `http://127.0.0.1:${port}`, VAULT_TOKEN: 'x' } });
    expect((await provider.check()).message).toBe(
      `nothing answered at http://127.0.0.1:${port} (connection refused): is the server running?`,
    );
    await expect(provider.start()).rejects.toThrow(
      `external Vault: nothing answered at http://127.0.0.1:${port} (connection refused)`,
    );
  });

  it('names a port fetch refuses to use instead of a bare "bad port"', async () => {
    const check = await new ExternalProvider({ env: { VAULT_ADDR: 'http://127.0.0.1:1', VAULT_TOKEN: 'x' } }).check();
    expect(check.message).toBe(
      'http://127.0.0.1:1 uses a port that HTTP clients refuse to connect to (a blocked port); use another',
    );
  });
});
