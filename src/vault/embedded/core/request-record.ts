import type { AuditRecord } from '../audit/format.js';
import type { TokenEntry } from '../auth/token/store.js';
import { remoteAddrIsOk } from './cidr.js';
import type { Request } from './logical.js';

/** A token used from outside its bound CIDRs counts as no token (non-expiring root tokens are never bound). */
export function usableToken(record: AuditRecord, token: TokenEntry | undefined): TokenEntry | undefined {
  if (!token || token.ttl === 0 || remoteAddrIsOk(record.request.remoteAddress, token.boundCidrs)) return token;
  record.outOfBounds = token;
  return undefined;
}

/** Every field present from the start: one object shape for all requests. */
export function newRecord(request: Request): AuditRecord {
  return {
    request,
    token: undefined,
    granting: undefined,
    allowed: false,
    clientId: undefined,
    existenceChecked: false,
    routed: false,
    denied: false,
    remainingUses: undefined,
    anonymous: false,
    outOfBounds: undefined,
  };
}
