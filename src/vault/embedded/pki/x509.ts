import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/**
 * X.509 certificates as the PKI engine issues them (Vault's certutil): node:crypto makes the keys
 * and signs; node-forge lays out the certificate, which node:crypto cannot build. forge only
 * knows RSA public keys, so the structure is laid out around a placeholder key whose
 * SubjectPublicKeyInfo and signature algorithm are then replaced by the real ones before signing —
 * the same for RSA, EC and Ed25519 keys.
 */
export type KeyType = 'rsa' | 'ec' | 'ed25519';

export interface KeyPair {
  type: KeyType;
  bits: number;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const CURVES: Record<number, string> = { 224: 'P-224', 256: 'P-256', 384: 'P-384', 521: 'P-521' };

export function generateKey(type: KeyType, bits: number): KeyPair {
  const pair =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: bits })
      : type === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: CURVES[bits]! })
        : generateKeyPairSync('ed25519');
  return { type, bits, ...pair };
}

/** The private key as Vault returns it: PKCS#1 for RSA, SEC 1 for EC, PKCS#8 for Ed25519. */
export function privateKeyPem(key: KeyPair): string {
  const type = key.type === 'rsa' ? 'pkcs1' : key.type === 'ec' ? 'sec1' : 'pkcs8';
  return (key.privateKey.export({ type, format: 'pem' }) as string).trimEnd();
}

export interface CertificateSpec {
  serial: Buffer;
  commonName: string;
  /** The issuer's subject; the certificate's own for a root. */
  issuerCommonName: string;
  notBefore: number;
  notAfter: number;
  subjectKey: KeyPair;
  /** The key that signs (the subject's own for a root). */
  signingKey: KeyPair;
  ca: boolean;
  dnsNames: string[];
  ipAddresses: string[];
  issuingCertificates: string[];
  crlDistributionPoints: string[];
}

/** Vault's serial numbers: 20 random bytes, positive, shown as colon-separated hex pairs. */
export function newSerial(): Buffer {
  const serial = randomBytes(20);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return serial;
}

export function formatSerial(serial: Buffer): string {
  return [...serial].map((byte) => byte.toString(16).padStart(2, '0')).join(':');
}

/** The key identifier of RFC 5280 §4.2.1.2 (1): SHA-1 of the subjectPublicKey bits. */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = spkiAsn1(publicKey);
  const bits = (spki.value as forge.asn1.Asn1[])[1]!.value as string;
  return createHash('sha1')
    .update(Buffer.from(bits.slice(1), 'binary'))
    .digest();
}

/** A SubjectPublicKeyInfo as forge ASN.1, its key bits left as the raw BIT STRING. */
function spkiAsn1(publicKey: KeyObject): forge.asn1.Asn1 {
  const der = publicKey.export({ type: 'spki', format: 'der' }).toString('binary');
  // @types/node-forge knows only the old boolean argument; forge takes these options.
  return forge.asn1.fromDer(forge.util.createBuffer(der), { decodeBitStrings: false } as unknown as boolean);
}

const SIGNATURE_ALGORITHMS: Record<KeyType, string> = {
  rsa: '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
  ec: '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
  ed25519: '1.3.101.112',
};

export function buildCertificate(spec: CertificateSpec): string {
  const { asn1 } = forge;
  const cert = forge.pki.createCertificate();
  const jsbn = forge.jsbn.BigInteger;
  cert.publicKey = forge.pki.setRsaPublicKey(new jsbn('3', 10), new jsbn('3', 10));
  cert.serialNumber = spec.serial.toString('hex');
  cert.validity.notBefore = new Date(spec.notBefore * 1000);
  cert.validity.notAfter = new Date(spec.notAfter * 1000);
  cert.setSubject([commonName(spec.commonName)]);
  cert.setIssuer([commonName(spec.issuerCommonName)]);
  cert.setExtensions(extensions(spec));

  const algorithm = () =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(
        asn1.Class.UNIVERSAL,
        asn1.Type.OID,
        false,
        asn1.oidToDer(SIGNATURE_ALGORITHMS[spec.signingKey.type]).getBytes(),
      ),
      ...(spec.signingKey.type === 'rsa' ? [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')] : []),
    ]);
  // getTBSCertificate reads the signature algorithm that sign() would set; it is replaced below.
  (cert as unknown as { siginfo: { algorithmOid: string } }).siginfo.algorithmOid =
    forge.pki.oids.sha256WithRSAEncryption!;
  // Exported by forge but missing from @types/node-forge.
  const tbs = (
    forge.pki as unknown as { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 }
  ).getTBSCertificate(cert);
  const fields = tbs.value as forge.asn1.Asn1[];
  // TBSCertificate: [0] version, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, [3] extensions.
  fields[2] = algorithm();
  fields[6] = spkiAsn1(spec.subjectKey.publicKey);
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign(spec.signingKey.type === 'ed25519' ? null : 'sha256', tbsDer, spec.signingKey.privateKey);
  const certificate = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    algorithm(),
    // BIT STRING: a leading 0 for "no unused bits", then the signature.
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature.toString('binary')}`),
  ]);
  const pem = forge.pem.encode({ type: 'CERTIFICATE', body: asn1.toDer(certificate).getBytes() }, { maxline: 64 });
  return pem.replaceAll('\r\n', '\n').trimEnd();
}

/** Go's encoding of a name: PrintableString when every character allows it, else UTF8String. */
function commonName(value: string) {
  const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value);
  return {
    name: 'commonName',
    value: printable ? value : forge.util.encodeUtf8(value),
    // @types/node-forge types the tag as a class; forge reads it as the string type's tag.
    valueTagClass: (printable ? forge.asn1.Type.PRINTABLESTRING : forge.asn1.Type.UTF8) as unknown as forge.asn1.Class,
  };
}

/** The extensions Vault puts in a root (CA) or a leaf certificate, in its order. */
function extensions(spec: CertificateSpec): object[] {
  const subjectKeyId = keyIdentifier(spec.subjectKey.publicKey);
  const authorityKeyId =
    spec.ca && spec.signingKey === spec.subjectKey ? subjectKeyId : keyIdentifier(spec.signingKey.publicKey);
  const list: object[] = spec.ca
    ? [
        { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
        { name: 'basicConstraints', critical: true, cA: true },
      ]
    : [
        { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true, keyAgreement: true },
        { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
      ];
  // Given as values: forge would compute both identifiers from its placeholder key.
  const { asn1 } = forge;
  list.push(
    {
      id: '2.5.29.14',
      value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, subjectKeyId.toString('binary')),
    },
    {
      id: '2.5.29.35',
      value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, authorityKeyId.toString('binary')),
      ]),
    },
  );
  if (spec.issuingCertificates.length) list.push(authorityInfoAccess(spec.issuingCertificates));
  const altNames = [
    ...spec.dnsNames.map((value) => ({ type: 2, value })),
    ...spec.ipAddresses.map((ip) => ({ type: 7, ip })),
  ];
  if (altNames.length) list.push({ name: 'subjectAltName', altNames });
  if (spec.crlDistributionPoints.length) list.push(crlDistributionPoints(spec.crlDistributionPoints));
  return list;
}

/** id-pe-authorityInfoAccess with one caIssuers URI per issuing-certificate URL (forge has no builder for it). */
function authorityInfoAccess(urls: string[]): object {
  const { asn1 } = forge;
  const value = asn1.create(
    asn1.Class.UNIVERSAL,
    asn1.Type.SEQUENCE,
    true,
    urls.map((url) =>
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer('1.3.6.1.5.5.7.48.2').getBytes()),
        asn1.create(asn1.Class.CONTEXT_SPECIFIC, 6, false, url),
      ]),
    ),
  );
  return { id: '1.3.6.1.5.5.7.1.1', value };
}

/** cRLDistributionPoints: one DistributionPoint whose fullName lists every URL. */
function crlDistributionPoints(urls: string[]): object {
  const { asn1 } = forge;
  const names = urls.map((url) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 6, false, url));
  const point = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, names)]),
  ]);
  return { id: '2.5.29.31', value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [point]) };
}
