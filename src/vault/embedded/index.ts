import type { AuditTrail } from '../audit/trail.js';
import type { VirtualClock } from '../provider.js';

/**
 * The in-process Vault-compatible dev server (only what the course uses, behaving exactly like
 * the real server for it). Laid out like Vault's own code: http (envelope, routing, errors),
 * sys, auth/token, auth/approle, kv, acl, audit, wrapping.
 */
export interface EmbeddedServerOptions {
  /** 127.0.0.1 port; 0 or undefined = a random free port. */
  port?: number;
  /** Root token id; random when omitted. */
  rootToken?: string;
  /** Start time of the virtual clock (ms since epoch); defaults to Date.now(). */
  startTime?: number;
}

export interface EmbeddedServer {
  address: string;
  rootToken: string;
  /** Audit entries in Vault's JSON audit format, HMAC'd like a `file` device named `file`. */
  auditTrail: AuditTrail;
  /** Time as the server sees it: TTLs and expiry follow this clock; `advance` moves it forward. */
  clock: VirtualClock;
  version: string;
  stop(): Promise<void>;
}

export async function startEmbeddedServer(_options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  throw new Error('the embedded server is being built (issue 2)');
}
