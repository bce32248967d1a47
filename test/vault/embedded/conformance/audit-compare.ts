import type { AuditEntry } from '../../../../src/vault/audit/entry.js';
import { compareObserved, Normaliser } from './normalise.js';

/**
 * Compares two audit logs entry by entry with the same normalisation as the HTTP responses:
 * HMACs, ids and times become numbered placeholders, so "the accessor hash in the login
 * response equals the accessor hash of the next request" is compared, not the hash values.
 */
export function compareAudit(
  allReal: AuditEntry[],
  allEmbedded: AuditEntry[],
): { compared: [number, number]; mismatches: string[] } {
  // A real dev server audits its own start (root token creation, mounting secret/); both logs
  // are compared from the scenario's first audited request on.
  const real = fromFirst(allReal);
  const embedded = fromFirst(allEmbedded);
  return { compared: [real.length, embedded.length], mismatches: compareEntries(real, embedded) };
}

/**
 * What the grader relies on: a login's `response.auth.accessor` is the `auth.accessor` of the
 * requests made with the new token, and `sys/audit-hash` of a value equals its hash in entries.
 */
export function loginLinks(
  entries: AuditEntry[],
  roleIdHash: string,
): { loginAccessor?: string; usedBy: number; roleIdSeen: boolean } {
  const login = entries.find(
    (entry) =>
      entry.type === 'response' && entry.request.path === 'auth/approle/login' && entry.response?.auth?.accessor,
  );
  const accessor = login?.type === 'response' ? login.response?.auth?.accessor : undefined;
  const usedBy = entries.filter(
    (entry) => entry.type === 'request' && accessor && entry.auth?.accessor === accessor,
  ).length;
  const roleIdSeen = entries.some(
    (entry) => entry.request.path === 'auth/approle/login' && entry.request.data?.role_id === roleIdHash,
  );
  return { loginAccessor: accessor, usedBy, roleIdSeen };
}

function fromFirst(entries: AuditEntry[]): AuditEntry[] {
  const first = entries.findIndex((entry) => entry.request.path === 'sys/mounts' && entry.type === 'request');
  return first < 0 ? entries : entries.slice(first);
}

function compareEntries(real: AuditEntry[], embedded: AuditEntry[]): string[] {
  const mismatches: string[] = [];
  const key = (entry: AuditEntry) => `${entry.type} ${entry.request.operation} ${entry.request.path}`;
  // Pair entries in order; an entry only one side wrote is reported, without shifting the rest.
  let j = 0;
  for (let i = 0; i < real.length; i++) {
    const a = real[i]!;
    const name = key(a);
    let k = j;
    while (k < embedded.length && k < j + 8 && key(embedded[k]!) !== name) k++;
    if (k >= embedded.length || key(embedded[k]!) !== name) {
      mismatches.push(`audit #${i + 1} ${name}: only the real server wrote it`);
      continue;
    }
    for (let extra = j; extra < k; extra++)
      mismatches.push(`audit (embedded #${extra + 1}) ${key(embedded[extra]!)}: only the embedded server wrote it`);
    j = k + 1;
    const b = embedded[k]!;
    // Placeholders are numbered per entry pair: HMACs are compared within an entry (token vs
    // accessor, repeated values), and one extra hashed value cannot shift every later entry.
    const realN = new Normaliser();
    const embeddedN = new Normaliser();
    const differences = compareObserved(
      { name, status: 0, contentType: null, cacheControl: null, body: strip(a), loose: LOOSE[a.request.path] },
      { name, status: 0, contentType: null, cacheControl: null, body: strip(b) },
      realN,
      embeddedN,
    );
    if (differences.length) mismatches.push(`audit #${i + 1} ${name}:\n    ${differences.join('\n    ')}`);
  }
  for (let extra = j; extra < embedded.length; extra++)
    mismatches.push(`audit (embedded #${extra + 1}) ${key(embedded[extra]!)}: only the embedded server wrote it`);
  return mismatches;
}

/** Lists whose order is a Go map's iteration order on the real server. */
const LOOSE: Record<string, string[]> = { 'auth/token/accessors/': ['keys'] };

/** Fields that describe the connection, not the request (ports differ between runs). */
function strip(entry: AuditEntry): unknown {
  const copy = JSON.parse(JSON.stringify(entry)) as AuditEntry;
  delete copy.request.remote_port;
  return copy;
}
