import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startEmbeddedServer } from '../../../src/vault/embedded/index.js';
import { compareAudit } from './conformance/audit-compare.js';
import { jwtScenario } from './conformance/jwt-scenario.js';
import { compareObserved, Normaliser } from './conformance/normalise.js';
import { runScenario } from './conformance/runner.js';
import { baoPath, startDevBao } from './helpers/dev-bao.js';

/**
 * The embedded server's JWT auth method against `bao server -dev`, request by request and audit
 * entry by audit entry: the parts workload identity uses (config with jwt_validation_pubkeys,
 * role_type=jwt with bound_audiences, bound_claims and user_claim, token_policies, login), with
 * every way a CI token can be refused.
 */
const bao = await baoPath();

describe.skipIf(!bao)('embedded JWT auth vs bao server -dev (differential)', () => {
  it('answers the JWT scenario exactly like OpenBao', async () => {
    const scenario = await jwtScenario();
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
    const realN = new Normaliser();
    const embeddedN = new Normaliser();
    const mismatches: string[] = [];
    realResults.forEach((observed, i) => {
      const differences = compareObserved(observed, embeddedResults[i]!, realN, embeddedN);
      if (differences.length) mismatches.push(`#${i + 1} ${observed.name}:\n    ${differences.join('\n    ')}`);
    });
    console.log(`jwt conformance: ${realResults.length - mismatches.length}/${realResults.length} requests matched`);
    if (mismatches.length) console.log(mismatches.join('\n'));
    expect(realResults.length).toBeGreaterThanOrEqual(35);
    expect(mismatches).toEqual([]);
    const { compared, mismatches: auditMismatches } = compareAudit(realAudit, embeddedAudit);
    console.log(`jwt audit entries: ${compared[0] - auditMismatches.length}/${compared[0]} matched`);
    if (auditMismatches.length) console.log(auditMismatches.slice(0, 100).join('\n'));
    expect(auditMismatches).toEqual([]);
    expect(compared[1]).toBe(compared[0]);
  }, 120_000);
});
