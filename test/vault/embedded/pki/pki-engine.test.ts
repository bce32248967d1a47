import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, createServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer, type EmbeddedServer } from '../../../../src/vault/embedded/index.js';

/**
 * The PKI engine's certificates are real: they verify against the CA that `ca/pem` serves, a TLS
 * server can serve them to a client that trusts only that CA, and their lifetimes follow the
 * server's (virtual) clock. Field-by-field agreement with bao is pki-conformance.slow.test.ts.
 */
let server: EmbeddedServer;

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.address}/v1/${path}`, {
    method,
    headers: { 'X-Vault-Token': server.rootToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: text.startsWith('{') ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  server = await startEmbeddedServer({ audit: false });
  await api('POST', 'sys/mounts/pki', { type: 'pki' });
  await api('POST', 'pki/root/generate/internal', { common_name: 'Test Root', ttl: '720h', key_type: 'ec' });
  await api('POST', 'pki/roles/app', {
    allowed_domains: 'localhost',
    allow_bare_domains: true,
    key_type: 'ec',
    ttl: '30s',
    max_ttl: '2m',
  });
});

afterAll(() => server.stop());

describe('embedded PKI engine', () => {
  it('issues a certificate that a TLS client trusting only ca/pem accepts', async () => {
    const issued = (await api('POST', 'pki/issue/app', { common_name: 'localhost', ip_sans: '127.0.0.1' })).body.data;
    const caPem = (await api('GET', 'pki/ca/pem')).text;
    const tls = createServer({ cert: issued.certificate, key: issued.private_key }, (socket) => socket.end('hello'));
    tls.listen(0, '127.0.0.1');
    await once(tls, 'listening');
    try {
      const socket = connect({
        port: (tls.address() as AddressInfo).port,
        host: '127.0.0.1',
        servername: 'localhost',
        ca: caPem,
      });
      await once(socket, 'secureConnect');
      expect(socket.authorized).toBe(true);
      const served = socket.getPeerX509Certificate()!;
      expect(served.serialNumber.toLowerCase()).toBe(issued.serial_number.replaceAll(':', ''));
      expect(served.checkIssued(new X509Certificate(caPem))).toBe(true);
      socket.destroy();
    } finally {
      tls.close();
    }
  });

  it('takes lifetimes from the server clock: a certificate issued after advance starts later', async () => {
    const first = (await api('POST', 'pki/issue/app', { common_name: 'localhost' })).body.data;
    expect(first.expiration - first.not_before).toBe(60); // ttl 30 s + 30 s backdating
    server.clock.advance(3600_000);
    const later = (await api('POST', 'pki/issue/app', { common_name: 'localhost', ttl: '10m' })).body;
    expect(later.warnings).toEqual(['TTL "10m0s" is longer than permitted maxTTL "2m0s", so maxTTL is being used']);
    expect(later.data.not_before - first.not_before).toBeGreaterThanOrEqual(3600);
    expect(later.data.expiration - later.data.not_before).toBe(150);
    const cert = new X509Certificate(later.data.certificate);
    expect(Date.parse(cert.validTo) / 1000).toBe(later.data.expiration);
  });

  it('knows every serial it issued and refuses names outside the role', async () => {
    const issued = (await api('POST', 'pki/issue/app', { common_name: 'localhost' })).body.data;
    const read = await api('GET', `pki/cert/${issued.serial_number}`);
    expect(read.body.data.certificate).toBe(issued.certificate);
    expect((await api('GET', 'pki/cert/01:02:03')).status).toBe(404);
    const refused = await api('POST', 'pki/issue/app', { common_name: 'evil.example.com' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual(['common name evil.example.com not allowed by this role']);
  });

  it('issues RSA and Ed25519 keys too, each signed by the CA', async () => {
    const caPem = (await api('GET', 'pki/ca/pem')).text;
    for (const [keyType, expected] of [
      ['rsa', 'rsa'],
      ['ed25519', 'ed25519'],
    ]) {
      await api('POST', `pki/roles/${keyType}`, {
        allowed_domains: 'localhost',
        allow_bare_domains: true,
        key_type: keyType,
        ttl: '1h',
      });
      const response = await api('POST', `pki/issue/${keyType}`, { common_name: 'localhost' });
      expect(response.status, response.text).toBe(200);
      const issued = response.body.data;
      const cert = new X509Certificate(issued.certificate);
      expect(cert.publicKey.asymmetricKeyType).toBe(expected);
      expect(issued.private_key_type).toBe(keyType);
      expect(cert.verify(new X509Certificate(caPem).publicKey)).toBe(true);
    }
  });
});
