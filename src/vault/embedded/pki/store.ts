import { rfc3339Nano } from '../core/clock.js';
import { uuid } from '../core/ids.js';
import type { KeyPair } from './x509.js';

/**
 * What a PKI mount keeps: its issuers (the first one made is the default), every certificate it
 * issued by serial number, revocations, and the URLs it writes into certificates.
 */
export interface Issuer {
  id: string;
  keyId: string;
  commonName: string;
  key: KeyPair;
  certificate: string;
  serial: string;
  /** Unix seconds. */
  notAfter: number;
}

export interface StoredCertificate {
  certificate: string;
  issuerId: string;
  /** Unix ms of the revocation. */
  revokedAt?: number;
}

export interface UrlConfig {
  issuing_certificates: string[];
  crl_distribution_points: string[];
  ocsp_servers: string[];
  delta_crl_distribution_points: string[];
  enable_templating: boolean;
}

export class PkiStore {
  readonly issuers: Issuer[] = [];
  readonly certificates = new Map<string, StoredCertificate>();
  urls: UrlConfig = {
    issuing_certificates: [],
    crl_distribution_points: [],
    ocsp_servers: [],
    delta_crl_distribution_points: [],
    enable_templating: false,
  };

  get defaultIssuer(): Issuer | undefined {
    return this.issuers[0];
  }

  addIssuer(fields: Omit<Issuer, 'id' | 'keyId'>): Issuer {
    const issuer = { ...fields, id: uuid(), keyId: uuid() };
    this.issuers.push(issuer);
    this.certificates.set(issuer.serial, { certificate: issuer.certificate, issuerId: issuer.id });
    return issuer;
  }

  /** A serial as the API accepts it: colons or dashes, any case. */
  static normaliseSerial(serial: string): string {
    return serial.trim().toLowerCase().replaceAll('-', ':');
  }

  /** `cert/<serial>`'s answer, or undefined for a serial the mount never issued. */
  certificateData(serial: string): Record<string, unknown> | undefined {
    const stored = this.certificates.get(PkiStore.normaliseSerial(serial));
    if (!stored) return undefined;
    const data: Record<string, unknown> = {
      certificate: stored.certificate,
      revocation_time: stored.revokedAt === undefined ? 0 : Math.floor(stored.revokedAt / 1000),
      revocation_time_rfc3339: stored.revokedAt === undefined ? '' : rfc3339Nano(stored.revokedAt),
    };
    if (stored.revokedAt !== undefined) data.issuer_id = stored.issuerId;
    return data;
  }
}
