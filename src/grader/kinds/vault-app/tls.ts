import { generateKeyPair, randomBytes, sign } from 'node:crypto';
import { promisify } from 'node:util';
import type Forge from 'node-forge';

const generateKeyPairAsync = promisify(generateKeyPair);

export interface TlsPair {
  /** PEM `CERTIFICATE`. */
  certificate: string;
  /** PEM `PRIVATE KEY` (PKCS#8). */
  privateKey: string;
}

/** ecdsa-with-SHA256 (RFC 5758: its AlgorithmIdentifier has no parameters). */
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

/**
 * A fresh self-signed TLS certificate (ECDSA P-256, SHA-256) and its private key, both PEM.
 * node:crypto makes the key (about a millisecond, where RSA-2048 takes hundreds) and signs;
 * node-forge lays out the X.509 structure, which node:crypto cannot build. forge only knows RSA
 * public keys, so the certificate is laid out with a placeholder key whose SubjectPublicKeyInfo
 * and signature algorithm are then swapped for the real ECDSA ones before signing.
 */
export async function generateTlsPair(commonName: string, days: number): Promise<TlsPair> {
  // node-forge (1.8 MB) loads with the one challenge that needs a certificate, not with the grader.
  const [{ privateKey, publicKey }, { default: forge }] = await Promise.all([
    generateKeyPairAsync('ec', { namedCurve: 'P-256' }),
    import('node-forge'),
  ]);
  const cert = forge.pki.createCertificate();
  const jsbn = forge.jsbn.BigInteger;
  cert.publicKey = forge.pki.setRsaPublicKey(new jsbn('3', 10), new jsbn('3', 10));
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f; // a positive serial number
  cert.serialNumber = serial.toString('hex');
  const notBefore = new Date(Date.now() - 60_000);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = new Date(notBefore.getTime() + days * 86_400_000);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: commonName }] },
  ]);

  const { asn1 } = forge;
  const algorithm = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(ECDSA_WITH_SHA256).getBytes()),
  ]);
  // getTBSCertificate reads the signature algorithm that sign() would set; it is replaced below.
  (cert as unknown as { siginfo: { algorithmOid: string } }).siginfo.algorithmOid =
    forge.pki.oids.sha256WithRSAEncryption!;
  // Exported by forge but missing from @types/node-forge.
  const tbs = (
    forge.pki as unknown as { getTBSCertificate(cert: Forge.pki.Certificate): Forge.asn1.Asn1 }
  ).getTBSCertificate(cert);
  const fields = tbs.value as Forge.asn1.Asn1[];
  // TBSCertificate: [0] version, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, [3] extensions.
  fields[2] = algorithm;
  fields[6] = asn1.fromDer(
    forge.util.createBuffer(publicKey.export({ type: 'spki', format: 'der' }).toString('binary')),
  );
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign('sha256', tbsDer, privateKey);
  const certificate = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(ECDSA_WITH_SHA256).getBytes()),
    ]),
    // BIT STRING: a leading 0 for "no unused bits", then the DER ECDSA signature.
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature.toString('binary')}`),
  ]);
  const der = asn1.toDer(certificate).getBytes();
  return {
    certificate: forge.pem.encode({ type: 'CERTIFICATE', body: der }, { maxline: 64 }),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
