import { isIP } from 'node:net';
import type { ServerClock } from '../core/clock.js';
import { rfc3339Nano } from '../core/clock.js';
import { formatGoDuration } from '../core/duration.js';
import { VaultError } from '../core/errors.js';
import { getDuration, getInt, getString, getStringList } from '../core/fields.js';
import type { Request } from '../core/logical.js';
import { isHostname, nameAllowed } from './names.js';
import { badRequest, validKeyBits, type RoleView } from './roles.js';
import type { Issuer, PkiStore } from './store.js';
import { buildCertificate, formatSerial, generateKey, newSerial, privateKeyPem, type KeyPair } from './x509.js';

/** The system's default and maximum lease TTL of a dev server (768h), used when the mount sets none. */
const SYSTEM_TTL = 768 * 3600;
/** Vault backdates notBefore by 30 s (the role's not_before_duration) for clocks that lag. */
const BACKDATE = 30;

export interface Lifetime {
  notBefore: number;
  notAfter: number;
  warnings: string[];
}

/** The certificate's lifetime: the request's ttl, else the role's, else the mount's; capped by max_ttl with a warning. */
export function lifetime(request: Request, clock: ServerClock, roleTtl: number, roleMaxTtl: number): Lifetime {
  const mount = request.mount?.config;
  let ttl = getDuration(request.data, 'ttl') || roleTtl || mount?.defaultLeaseTtl || SYSTEM_TTL;
  const maxTtl = roleMaxTtl || mount?.maxLeaseTtl || SYSTEM_TTL;
  const warnings: string[] = [];
  if (ttl > maxTtl) {
    warnings.push(
      `TTL ${JSON.stringify(formatGoDuration(ttl))} is longer than permitted maxTTL ${JSON.stringify(formatGoDuration(maxTtl))}, so maxTTL is being used`,
    );
    ttl = maxTtl;
  }
  const now = clock.now() / 1000;
  return { notBefore: Math.floor(now) - BACKDATE, notAfter: Math.floor(now + ttl), warnings };
}

const AIA_WARNING =
  "This mount hasn't configured any authority information access (AIA) fields; this may make it harder for systems to find missing certificates in the chain or to validate revocation status of certificates. Consider updating /config/urls or the newly generated issuer with this information.";

/** `root/generate/:type`: a self-signed CA, the mount's default issuer if it is the first. */
export function generateRoot(request: Request, clock: ServerClock, store: PkiStore, exported: boolean) {
  const data = request.data;
  const keyType = getString(data, 'key_type', 'rsa');
  const bits = validKeyBits(keyType, getInt(data, 'key_bits'));
  const commonName = getString(data, 'common_name');
  // cert_util.go generateCreationBundle: a root's SANs are checked like a leaf's (its role allows any).
  const altNames = (getStringList(data, 'alt_names') ?? []).filter((name) => name !== '');
  const ipSans = validIpSans(data);
  const { notBefore, notAfter, warnings } = lifetime(request, clock, 0, 0);
  const key = generateKey(keyType as KeyPair['type'], bits);
  const serial = newSerial();
  const certificate = buildCertificate({
    serial,
    commonName,
    issuerCommonName: commonName,
    notBefore,
    notAfter,
    subjectKey: key,
    signingKey: key,
    ca: true,
    dnsNames: [...new Set([...(isHostname(commonName) ? [commonName] : []), ...altNames])],
    ipAddresses: ipSans,
    issuingCertificates: store.urls.issuing_certificates,
    crlDistributionPoints: store.urls.crl_distribution_points,
  });
  const issuer = store.addIssuer({ commonName, key, certificate, serial: formatSerial(serial), notAfter });
  if (commonName === '')
    warnings.push(
      'This issuer certificate was generated without a Subject; this makes it likely that issuing leaf certs with this certificate will cause TLS validation libraries to reject this certificate.',
    );
  if (store.urls.issuing_certificates.length === 0 && store.urls.crl_distribution_points.length === 0)
    warnings.push(AIA_WARNING);
  const out: Record<string, unknown> = {
    certificate,
    expiration: notAfter,
    issuer_id: issuer.id,
    issuer_name: '',
    issuing_ca: certificate,
    key_id: issuer.keyId,
    key_name: '',
    serial_number: issuer.serial,
  };
  if (exported) Object.assign(out, { private_key: privateKeyPem(key), private_key_type: keyType });
  return { data: out, warnings };
}

/** `issue/:role`: a key pair and a certificate for the names the role allows, signed by the default issuer. */
export function issueCertificate(request: Request, clock: ServerClock, store: PkiStore, role: RoleView) {
  const issuer = store.defaultIssuer;
  if (!issuer)
    throw new VaultError(500, [
      '1 error occurred:\n\t* could not fetch the CA certificate (was one set?): no default issuer currently configured\n\n',
    ]);
  const data = request.data;
  const commonName = getString(data, 'common_name');
  if (commonName === '' && role.requireCn)
    throw badRequest(
      'the common_name field is required, or must be provided in a CSR with "use_csr_common_name" set to true, unless "require_cn" is set to false',
    );
  if (commonName !== '' && !nameAllowed(role, commonName))
    throw badRequest(`common name ${commonName} not allowed by this role`);
  const altNames = (getStringList(data, 'alt_names') ?? []).filter((name) => name !== '');
  const refused = altNames.find((name) => !nameAllowed(role, name));
  if (refused !== undefined) throw badRequest(`subject alternate name ${refused} not allowed by this role`);
  const ipSans = validIpSans(data);
  if (ipSans.length && !role.allowIpSans)
    throw badRequest('IP Subject Alternative Names are not allowed in this role, but was provided via the API');

  const { notBefore, notAfter, warnings } = lifetime(request, clock, role.ttl, role.maxTtl);
  beforeIssuerExpiry(issuer, notAfter);
  const key = generateKey(role.keyType, role.keyBits);
  const serial = newSerial();
  const dnsNames = [...new Set([...(isHostname(commonName.replace(/^\*\./, '')) ? [commonName] : []), ...altNames])];
  const certificate = buildCertificate({
    serial,
    commonName,
    issuerCommonName: issuer.commonName,
    notBefore,
    notAfter,
    subjectKey: key,
    signingKey: issuer.key,
    ca: false,
    dnsNames,
    ipAddresses: ipSans,
    issuingCertificates: store.urls.issuing_certificates,
    crlDistributionPoints: store.urls.crl_distribution_points,
  });
  const serialNumber = formatSerial(serial);
  if (!role.noStore) store.certificates.set(serialNumber, { certificate, issuerId: issuer.id });
  return {
    data: {
      ca_chain: [issuer.certificate],
      certificate,
      expiration: notAfter,
      issuing_ca: issuer.certificate,
      not_before: notBefore,
      private_key: privateKeyPem(key),
      private_key_type: role.keyType,
      serial_number: serialNumber,
    },
    warnings,
  };
}

/** leaf_not_after_behavior=err (the default): no certificate outlives its issuer. */
function beforeIssuerExpiry(issuer: Issuer, notAfter: number): void {
  if (notAfter <= issuer.notAfter) return;
  throw badRequest(
    `cannot satisfy request, as TTL would result in notAfter of ${rfc3339Nano(notAfter * 1000)} that is beyond the expiration of the CA certificate at ${rfc3339Nano(issuer.notAfter * 1000)}`,
  );
}

/** The `ip_sans` of a request, each a valid IP address (cert_util.go). */
function validIpSans(data: Request['data']): string[] {
  const ipSans = (getStringList(data, 'ip_sans') ?? []).filter((ip) => ip !== '');
  const badIp = ipSans.find((ip) => isIP(ip) === 0);
  if (badIp !== undefined) throw badRequest(`the value ${JSON.stringify(badIp)} is not a valid IP address`);
  return ipSans;
}
