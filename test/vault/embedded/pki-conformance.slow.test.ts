import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/vault/audit/entry.js';
import { startEmbeddedServer } from '../../../src/vault/embedded/index.js';
import { compareAudit } from './conformance/audit-compare.js';
import { compareObserved, Normaliser } from './conformance/normalise.js';
import { pkiScenario } from './conformance/pki-scenario.js';
import { PkiView } from './conformance/pki-view.js';
import { runScenario, type Observed } from './conformance/runner.js';
import { baoPath, startDevBao } from './helpers/dev-bao.js';

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
    const scenario = pkiScenario();
    const real = await startDevBao();
    let realResults;
    let realAudit;
    try {
      realResults = await runScenario(scenario, {
        address: real.address,
        rootToken: real.rootToken,
        advance: (s) => sleep(s * 1000),
      });
      realAudit = await real.auditEntries();
    } finally {
      await real.stop();
    }
    const embedded = await startEmbeddedServer({
      rootToken: 'root',
      auditStdout: new Writable({ write: (_c, _e, done) => done() }),
    });
    let embeddedResults;
    let embeddedAudit;
    try {
      embeddedResults = await runScenario(scenario, {
        address: embedded.address,
        rootToken: embedded.rootToken,
        advance: async (s) => embedded.clock.advance(s * 1000),
      });
      embeddedAudit = await embedded.auditTrail.entries();
    } finally {
      await embedded.stop();
    }
    const realView = viewed(realResults, new PkiView());
    const embeddedView = viewed(embeddedResults, new PkiView());
    const realN = new Normaliser();
    const embeddedN = new Normaliser();
    const mismatches: string[] = [];
    realView.forEach((observed, i) => {
      const differences = compareObserved(observed, embeddedView[i]!, realN, embeddedN);
      if (differences.length) mismatches.push(`#${i + 1} ${observed.name}:\n    ${differences.join('\n    ')}`);
    });
    console.log(`pki conformance: ${realView.length - mismatches.length}/${realView.length} requests matched`);
    if (mismatches.length) console.log(mismatches.join('\n'));
    expect(realView.length).toBeGreaterThanOrEqual(60);
    expect(mismatches).toEqual([]);

    const auditView = (entries: AuditEntry[]) => new PkiView().view(entries) as AuditEntry[];
    const { compared, mismatches: auditMismatches } = compareAudit(auditView(realAudit), auditView(embeddedAudit));
    console.log(`pki audit entries: ${compared[0] - auditMismatches.length}/${compared[0]} matched`);
    if (auditMismatches.length) console.log(auditMismatches.slice(0, 100).join('\n'));
    expect(auditMismatches).toEqual([]);
    expect(compared[1]).toBe(compared[0]);
  }, 180_000);
});
