import { X509Certificate, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadVaultChallenge } from '../../src/course/challenges.js';
import { generateSecrets } from '../../src/grader/kinds/vault-app/secrets.js';

describe('secret generators', () => {
  it('makes fresh values every time, with a real matching TLS pair, and lists what must not be printed', async () => {
    const { definition } = await loadVaultChallenge('mini-project');
    const first = await generateSecrets(definition);
    const second = await generateSecrets(definition);
    const byPath = (generated: typeof first) =>
      Object.fromEntries(generated.secrets.map((secret) => [secret.path, secret.data]));
    const a = byPath(first);
    const b = byPath(second);
    expect(Object.keys(a).sort()).toEqual(['mini/api', 'mini/database', 'mini/tls']);
    for (const path of Object.keys(a))
      for (const key of Object.keys(a[path]!)) expect(a[path]![key]).not.toBe(b[path]![key]);

    expect(a['mini/database']!.url).toMatch(/^postgres:\/\/mini_app:[A-Za-z0-9]{32}@db\.mini\.internal:5432\/mini$/);
    expect(a['mini/api']!.key).toMatch(/^mini_[A-Za-z0-9]{40}$/);
    const certificate = new X509Certificate(a['mini/tls']!.certificate!);
    expect(certificate.subject).toBe('CN=api.mini.internal');
    expect(certificate.checkPrivateKey(createPrivateKey(a['mini/tls']!.private_key!))).toBe(true);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    const days = (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / 86_400_000;
    expect(Math.round(days)).toBe(90);

    const labels = first.sensitive.map((secret) => secret.name);
    expect(labels).toEqual([
      'secret/mini/database url',
      'secret/mini/database url (its password)',
      'secret/mini/api key',
      'secret/mini/tls private_key',
      'secret/mini/tls private_key (its key material)',
    ]);
    // The certificate is public by nature: printing it (or its fingerprint) is not a leak.
    expect(first.sensitive.some((secret) => secret.value === a['mini/tls']!.certificate)).toBe(false);
  });
});
