import type { ServerClock } from '../core/clock.js';
import { rfc3339Nano } from '../core/clock.js';
import { envelope } from '../core/envelope.js';
import { getBool, getString } from '../core/fields.js';
import type { Request, Response, Route } from '../core/logical.js';
import { badRequest } from './roles.js';
import { PkiStore } from './store.js';

const PEM_CHAIN = 'application/pem-certificate-chain';
const TIDY_STARTED =
  "Tidy operation successfully started. Any information from the operation will be printed to OpenBao's server logs.";

/**
 * What a PKI mount answers about the certificates it made: the list, one by serial (no token
 * needed, as on the real server), the CA as PEM, revocation, and tidy.
 */
/** path_tidy.go: the tidy operations a manual tidy can be asked for (tidyConfig.AnyTidyConfig). */
const TIDY_OPERATIONS = [
  'tidy_cert_store',
  'tidy_revoked_certs',
  'tidy_invalid_certs',
  'tidy_revoked_cert_issuer_associations',
  'tidy_expired_issuers',
  'tidy_move_legacy_ca_bundle',
  'tidy_acme',
];
const TIDY_NOTHING = `Manual tidy requested but no tidy operations were set. Enable at least one tidy operation to be run (${TIDY_OPERATIONS.join(' / ')}).`;

export function certificateRoutes(clock: ServerClock, store: PkiStore): Route[] {
  return [
    { pattern: /^certs\/?$/, operations: { list: () => ({ data: { keys: [...store.certificates.keys()].sort() } }) } },
    {
      // path_fetch.go: `cert/(?P<serial>[0-9A-Fa-f-:]+)`, besides the named ca and ca_chain.
      pattern: /^cert\/(ca|ca_chain|[0-9A-Fa-f:-]+)$/,
      operations: {
        read: (_request, match) => {
          const which = match[1]!;
          const issuer = store.defaultIssuer;
          if (which === 'ca' || which === 'ca_chain') {
            if (!issuer) throw badRequest('no default issuer currently configured');
            const data = store.certificateData(issuer.serial)!;
            return { data: which === 'ca' ? data : { ca_chain: issuer.certificate, ...data } };
          }
          const data = store.certificateData(which);
          return data ? { data, auditRawKeys: revocationTime(data) } : null;
        },
      },
    },
    {
      pattern: /^ca\/pem$/,
      operations: {
        read: () => {
          const issuer = store.defaultIssuer;
          return { raw: { status: issuer ? 200 : 204, body: issuer?.certificate ?? '', contentType: PEM_CHAIN } };
        },
      },
    },
    { pattern: /^revoke$/, operations: { update: (request) => revoke(request, clock, store) } },
    {
      pattern: /^tidy$/,
      operations: {
        // Certificates here live in memory and are dropped with the mount: nothing to tidy.
        // logical.RespondWithStatusCode: the body is made afresh, without the request's id.
        update: (request) => {
          const warning = TIDY_OPERATIONS.some((field) => getBool(request.data, field)) ? TIDY_STARTED : TIDY_NOTHING;
          return { raw: { status: 202, body: envelope('', { data: null, warnings: [warning] }, false) } };
        },
      },
    },
  ];
}

/** A revocation's time is a Go time.Time, which the audit log does not hash (an empty one is a string). */
function revocationTime(data: Record<string, unknown>): string[] | undefined {
  return data.revocation_time_rfc3339 === '' ? undefined : ['revocation_time_rfc3339'];
}

function revoke(request: Request, clock: ServerClock, store: PkiStore): Response {
  const given = getString(request.data, 'serial_number');
  if (given === '') throw badRequest('The serial number or certificate to revoke must be provided.');
  const serial = PkiStore.normaliseSerial(given);
  const stored = store.certificates.get(serial);
  if (!stored) throw badRequest(`certificate with serial ${given} not found.`);
  const issuer = store.issuers.find((candidate) => candidate.serial === serial);
  if (issuer) throw badRequest(`adding issuer (id: ${issuer.id}) to its own CRL is not allowed`);
  stored.revokedAt ??= clock.now();
  return {
    data: {
      revocation_time: Math.floor(stored.revokedAt / 1000),
      revocation_time_rfc3339: rfc3339Nano(stored.revokedAt),
      state: 'revoked',
    },
    auditRawKeys: ['revocation_time_rfc3339'],
  };
}
