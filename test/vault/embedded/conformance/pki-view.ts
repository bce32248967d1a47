import { createPrivateKey, X509Certificate } from 'node:crypto';

/**
 * Makes the PKI engine's answers comparable between two servers: a certificate becomes what it
 * says (subject, issuer, names, lifetime, CA or not, key, usages, AIA, serial and which CA signed
 * it), a private key its type and size, a serial number a placeholder numbered in order of first
 * appearance, a clock reading a placeholder. Bytes differ by nature; these must not.
 */
const SERIAL = /\b[0-9a-f]{2}(?:[:-][0-9a-f]{2}){15,}\b/g;
const TIME_IN_TEXT = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;
const CLOCK_FIELDS = new Set(['expiration', 'not_before', 'revocation_time']);

export class PkiView {
  readonly #serials = new Map<string, string>();
  readonly #cas: X509Certificate[] = [];

  view(value: unknown, key = ''): unknown {
    if (typeof value === 'string') return this.#string(value);
    if (typeof value === 'number' && CLOCK_FIELDS.has(key)) return value === 0 ? 0 : '<unix-time>';
    if (Array.isArray(value)) {
      const items = value.map((item) => this.view(item, key));
      // A list of serials (certs/) is sorted by serial: its order is as random as the serials.
      return key === 'keys' && items.every((item) => typeof item === 'string' && item.startsWith('<serial#'))
        ? items.sort()
        : items;
    }
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [name, item] of Object.entries(value)) out[this.#string(name) as string] = this.view(item, name);
      return out;
    }
    return value;
  }

  #serial(serial: string): string {
    const normal = serial.toLowerCase().replaceAll('-', ':');
    let placeholder = this.#serials.get(normal);
    if (!placeholder) {
      placeholder = `<serial#${this.#serials.size + 1}>`;
      this.#serials.set(normal, placeholder);
    }
    return placeholder;
  }

  #string(value: string): unknown {
    if (value.startsWith('-----BEGIN CERTIFICATE-----')) return this.#certificate(value);
    if (/^-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) {
      const key = createPrivateKey(value);
      return { privateKey: key.asymmetricKeyType, details: key.asymmetricKeyDetails, pem: value.split('\n')[0] };
    }
    return value.replace(SERIAL, (serial) => this.#serial(serial)).replace(TIME_IN_TEXT, '<time>');
  }

  #certificate(pem: string): Record<string, unknown> {
    const cert = new X509Certificate(pem);
    if (cert.ca && !this.#cas.some((ca) => ca.fingerprint256 === cert.fingerprint256)) this.#cas.push(cert);
    const signer = this.#cas.findIndex((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey));
    const serial = cert.serialNumber.toLowerCase().match(/../g)!.join(':');
    return {
      subject: cert.subject,
      issuer: cert.issuer,
      subjectAltName: cert.subjectAltName,
      // notBefore is backdated 30 s; bao reads the clock for notAfter before it makes the key and
      // for notBefore after, so an RSA key that takes a while can cost a second: to within 5 s.
      ttl: Math.round(((Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 1000 - 30) / 5) * 5,
      ca: cert.ca,
      key: { type: cert.publicKey.asymmetricKeyType, details: cert.publicKey.asymmetricKeyDetails },
      extKeyUsage: cert.keyUsage,
      infoAccess: cert.infoAccess,
      serial: this.#serial(serial),
      signedBy: signer < 0 ? 'no CA seen' : `ca#${signer + 1}`,
      endsWithNewline: pem.endsWith('\n'),
    };
  }
}
