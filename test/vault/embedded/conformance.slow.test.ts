import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startEmbeddedServer } from '../../../src/vault/embedded/index.js';
import { compareAudit, loginLinks } from './conformance/audit-compare.js';
import { compareObserved, Normaliser } from './conformance/normalise.js';
import { runScenario } from './conformance/runner.js';
import { SCENARIO } from './conformance/scenario.js';
import { HELP_SCENARIO } from './conformance/scenario-sys.js';
import { baoPath, startDevBao } from './helpers/dev-bao.js';

const bao = await baoPath();

describe.skipIf(!bao)('embedded server vs bao server -dev (differential)', () => {
  it('answers the whole scenario exactly like OpenBao', async () => {
    const real = await startDevBao();
    let realResults;
    let realAudit;
    let realRoleIdHash: string;
    try {
      realResults = await runScenario(SCENARIO, {
        address: real.address,
        rootToken: real.rootToken,
        advance: (s) => sleep(s * 1000),
      });
      realAudit = await real.auditEntries();
      realRoleIdHash = await auditHash(real.address, real.rootToken, 'app-role-id');
      if (process.env.CONFORMANCE_DUMP) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(
          `${process.env.CONFORMANCE_DUMP}-real.jsonl`,
          realAudit.map((entry) => JSON.stringify(entry)).join('\n'),
        );
      }
    } finally {
      await real.stop();
    }
    const embedded = await startEmbeddedServer({
      rootToken: 'root',
      auditStdout: new Writable({ write: (_c, _e, done) => done() }),
    });
    let embeddedResults;
    let embeddedAudit;
    let embeddedRoleIdHash: string;
    try {
      embeddedResults = await runScenario(SCENARIO, {
        address: embedded.address,
        rootToken: embedded.rootToken,
        advance: async (s) => embedded.clock.advance(s * 1000),
      });
      embeddedAudit = await embedded.auditTrail.entries();
      embeddedRoleIdHash = await embedded.auditTrail.hash('app-role-id');
      if (process.env.CONFORMANCE_DUMP) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(
          `${process.env.CONFORMANCE_DUMP}-embedded.jsonl`,
          embeddedAudit.map((entry) => JSON.stringify(entry)).join('\n'),
        );
      }
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
    const real = await startDevBao();
    let realResults;
    try {
      realResults = await runScenario(HELP_SCENARIO, {
        address: real.address,
        rootToken: real.rootToken,
        advance: sleep,
      });
    } finally {
      await real.stop();
    }
    const embedded = await startEmbeddedServer({ rootToken: 'root' });
    let embeddedResults;
    try {
      embeddedResults = await runScenario(HELP_SCENARIO, {
        address: embedded.address,
        rootToken: embedded.rootToken,
        advance: async () => undefined,
      });
    } finally {
      await embedded.stop();
    }
    for (const observed of [...realResults, ...embeddedResults]) settleUnorderedOperations(observed.body);
    const realN = new Normaliser();
    const embeddedN = new Normaliser();
    const mismatches = realResults.flatMap((observed, i) =>
      compareObserved(observed, embeddedResults[i]!, realN, embeddedN).map((d) => `${observed.name}: ${d}`),
    );
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
