import { describe, expect, it } from 'vitest';
import { compareAudit, loginLinks } from './conformance/audit-compare.js';
import { SCENARIO } from './conformance/scenario.js';
import { HELP_SCENARIO } from './conformance/scenario-sys.js';
import { baoPath } from './helpers/dev-bao.js';
import { responseMismatches, runOnBaoAndEmbedded } from './helpers/run-both.js';

const bao = await baoPath();

describe.skipIf(!bao)('embedded server vs bao server -dev (differential)', () => {
  it('answers the whole scenario exactly like OpenBao', async () => {
    const { real, embedded } = await runOnBaoAndEmbedded(SCENARIO, {
      afterReal: (bao) => auditHash(bao.address, bao.rootToken, 'app-role-id'),
      afterEmbedded: (server) => server.auditTrail.hash('app-role-id'),
    });
    const [realResults, realAudit, realRoleIdHash] = [real.results, real.audit, real.extra];
    const [embeddedAudit, embeddedRoleIdHash] = [embedded.audit, embedded.extra];
    const mismatches = responseMismatches(realResults, embedded.results);
    const matched = realResults.length - mismatches.length;
    console.log(`differential conformance: ${matched}/${realResults.length} requests matched ${real.version}`);
    if (mismatches.length) console.log(mismatches.join('\n'));
    expect(realResults.length).toBeGreaterThanOrEqual(80);
    expect(mismatches).toEqual([]);

    // The audit trail of the same run, entry by entry (request and response entries).
    const { compared, mismatches: auditMismatches } = compareAudit(realAudit, embeddedAudit);
    console.log(
      `audit entries: ${compared[0] - auditMismatches.length}/${compared[0]} matched (embedded wrote ${compared[1]} for the scenario)`,
    );
    if (auditMismatches.length) console.log(auditMismatches.slice(0, 200).join('\n'));
    expect(auditMismatches).toEqual([]);
    expect(compared[1]).toBe(compared[0]);

    // The links the grader follows exist on both servers.
    const realLinks = loginLinks(realAudit, realRoleIdHash);
    const embeddedLinks = loginLinks(embeddedAudit, embeddedRoleIdHash);
    expect(realLinks.loginAccessor).toMatch(/^hmac-sha256:/);
    expect(embeddedLinks.loginAccessor).toMatch(/^hmac-sha256:/);
    expect(embeddedLinks.usedBy).toBe(realLinks.usedBy);
    expect(embeddedLinks.usedBy).toBeGreaterThan(0);
    expect(realLinks.roleIdSeen && embeddedLinks.roleIdSeen).toBe(true);
  }, 120_000);
});

describe.skipIf(!bao)('path help (bao path-help) vs bao server -dev', () => {
  it('answers help for the roots of the mounts a course uses with OpenBao texts', async () => {
    const { real, embedded } = await runOnBaoAndEmbedded(HELP_SCENARIO);
    const [realResults, embeddedResults] = [real.results, embedded.results];
    for (const observed of [...realResults, ...embeddedResults]) settleUnorderedOperations(observed.body);
    const mismatches = responseMismatches(realResults, embeddedResults);
    expect(mismatches).toEqual([]);
    expect(realResults.filter((observed) => observed.status === 200)).toHaveLength(5);
  }, 60_000);
});

/**
 * KV v2's `detailed-metadata/{path}` is served by two operations (list and scan) that OpenBao keeps
 * in a Go map: which one names the path's GET, and the order of its two parameters, change from one
 * server start to the next. Both servers' answers are put in one order before comparing.
 */
function settleUnorderedOperations(body: unknown): void {
  const paths = (body as { openapi?: { paths?: Record<string, { get?: Record<string, unknown> }> } } | null)?.openapi
    ?.paths;
  const get = paths?.['/detailed-metadata/{path}']?.get;
  if (!get) return;
  if (typeof get.operationId === 'string') get.operationId = get.operationId.replace(/^scan-/, 'list-');
  const parameters = get.parameters as { name: string; description?: string }[] | undefined;
  if (!parameters) return;
  parameters.sort((a, b) => a.name.localeCompare(b.name));
  for (const parameter of parameters)
    if (parameter.description)
      parameter.description = parameter.description.replace(/or else `(list|scan)`/, 'or else `list or scan`');
}

async function auditHash(address: string, token: string, input: string): Promise<string> {
  const response = await fetch(`${address}/v1/sys/audit-hash/file`, {
    method: 'POST',
    headers: { 'X-Vault-Token': token },
    body: JSON.stringify({ input }),
  });
  return ((await response.json()) as { data: { hash: string } }).data.hash;
}
