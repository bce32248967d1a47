import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/vault/audit/entry.js';
import { compareAudit } from './conformance/audit-compare.js';
import { pkiScenario } from './conformance/pki-scenario.js';
import { PkiView } from './conformance/pki-view.js';
import type { Observed } from './conformance/runner.js';
import { baoPath } from './helpers/dev-bao.js';
import { responseMismatches, runOnBaoAndEmbedded } from './helpers/run-both.js';

/**
 * The embedded server's PKI secrets engine against `bao server -dev`, request by request and audit
 * entry by audit entry: status codes, field names and types, error texts, TTLs capped by max_ttl
 * and by the CA's own expiry, domain refusals — certificates compared by what they say (issuer,
 * names, lifetime, key, the CA that signed them), not by their bytes.
 */
const bao = await baoPath();

const viewed = (results: Observed[], view: PkiView) =>
  results.map((observed) => ({ ...observed, body: view.view(observed.body) }));

describe.skipIf(!bao)('embedded PKI engine vs bao server -dev (differential)', () => {
  it('answers the PKI scenario exactly like OpenBao', async () => {
    const { real, embedded } = await runOnBaoAndEmbedded(pkiScenario());
    const [realAudit, embeddedAudit] = [real.audit, embedded.audit];
    const realView = viewed(real.results, new PkiView());
    const mismatches = responseMismatches(realView, viewed(embedded.results, new PkiView()));
    console.log(`pki conformance: ${realView.length - mismatches.length}/${realView.length} requests matched`);
    if (mismatches.length) console.log(mismatches.join('\n'));
    expect(realView.length).toBeGreaterThanOrEqual(60);
    expect(mismatches).toEqual([]);

    // Polls for the background tidy to finish are not part of the comparison: their number depends
    // on timing, and the embedded server (which tidies before it answers) has no status endpoint.
    const notPolling = (entry: AuditEntry) => entry.request?.path !== 'pki/tidy-status';
    const auditView = (entries: AuditEntry[]) => new PkiView().view(entries.filter(notPolling)) as AuditEntry[];
    const { compared, mismatches: auditMismatches } = compareAudit(auditView(realAudit), auditView(embeddedAudit));
    console.log(`pki audit entries: ${compared[0] - auditMismatches.length}/${compared[0]} matched`);
    if (auditMismatches.length) console.log(auditMismatches.slice(0, 100).join('\n'));
    expect(auditMismatches).toEqual([]);
    expect(compared[1]).toBe(compared[0]);
  }, 180_000);
});
