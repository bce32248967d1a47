import { X509Certificate } from 'node:crypto';
import type { PkiScenarioDefinition } from '../../../course/scenario-schema.js';
import { randomBase62 } from '../../../util/random.js';
import type { GradingVault } from '../vault-app/grading-vault.js';

/**
 * The grader's own CA for one grade: the PKI engine mounted, a root made inside Vault (its key
 * never leaves it), and the role the app issues from — its name only, its lifetimes short.
 */
export interface GradingCa {
  certificate: X509Certificate;
  commonName: string;
}

export async function provisionPki(vault: GradingVault, scenario: PkiScenarioDefinition): Promise<GradingCa> {
  const { admin } = vault;
  const commonName = `secrets-workbook grading CA ${randomBase62(8)}`;
  await admin.write(`sys/mounts/${scenario.mount}`, { type: 'pki', config: { max_lease_ttl: '24h' } });
  const root = await admin.write<{ certificate: string }>(`${scenario.mount}/root/generate/internal`, {
    common_name: commonName,
    ttl: '24h',
    key_type: 'ec',
  });
  await admin.write(`${scenario.mount}/roles/${scenario.role}`, {
    allowed_domains: scenario.commonName,
    allow_bare_domains: true,
    allow_subdomains: false,
    allow_localhost: scenario.commonName === 'localhost',
    allow_ip_sans: true,
    key_type: 'ec',
    ttl: `${scenario.ttlSeconds}s`,
    max_ttl: `${scenario.maxTtlSeconds}s`,
  });
  if (!root?.data.certificate) throw new Error(`${scenario.mount}/root/generate/internal returned no certificate`);
  return { certificate: new X509Certificate(root.data.certificate), commonName };
}

/** The certificate Vault keeps under a serial, or undefined when it never issued it. */
export async function issuedBySerial(
  vault: GradingVault,
  mount: string,
  serial: string,
): Promise<X509Certificate | undefined> {
  const found = await vault.admin
    .readIfExists<{ certificate: string }>(`${mount}/cert/${serial}`)
    .catch(() => undefined);
  return found?.data.certificate ? new X509Certificate(found.data.certificate) : undefined;
}
