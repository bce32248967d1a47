import { describe, expect, it } from 'vitest';
import { compareAudit } from './conformance/audit-compare.js';
import { jwtScenario } from './conformance/jwt-scenario.js';
import { baoPath } from './helpers/dev-bao.js';
import { responseMismatches, runOnBaoAndEmbedded } from './helpers/run-both.js';

/**
 * The embedded server's JWT auth method against `bao server -dev`, request by request and audit
 * entry by audit entry: the parts workload identity uses (config with jwt_validation_pubkeys,
 * role_type=jwt with bound_audiences, bound_claims and user_claim, token_policies, login), with
 * every way a CI token can be refused.
 */
const bao = await baoPath();

describe.skipIf(!bao)('embedded JWT auth vs bao server -dev (differential)', () => {
  it('answers the JWT scenario exactly like OpenBao', async () => {
    const { real, embedded } = await runOnBaoAndEmbedded(await jwtScenario());
    const [realResults, realAudit, embeddedAudit] = [real.results, real.audit, embedded.audit];
    const mismatches = responseMismatches(realResults, embedded.results);
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
