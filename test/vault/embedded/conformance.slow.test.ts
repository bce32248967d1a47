import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startEmbeddedServer } from '../../../src/vault/embedded/index.js';
import { compareObserved, Normaliser } from './conformance/normalise.js';
import { runScenario } from './conformance/runner.js';
import { SCENARIO } from './conformance/scenario.js';
import { baoPath, startDevBao } from './helpers/dev-bao.js';

const bao = await baoPath();

describe.skipIf(!bao)('embedded server vs bao server -dev (differential)', () => {
  it('answers the whole scenario exactly like OpenBao', async () => {
    const real = await startDevBao();
    let realResults;
    try {
      realResults = await runScenario(SCENARIO, { address: real.address, rootToken: real.rootToken, advance: (s) => sleep(s * 1000) });
    } finally {
      await real.stop();
    }
    const embedded = await startEmbeddedServer({ rootToken: 'root', auditStdout: new Writable({ write: (_c, _e, done) => done() }) });
    let embeddedResults;
    try {
      embeddedResults = await runScenario(SCENARIO, { address: embedded.address, rootToken: embedded.rootToken, advance: async (s) => embedded.clock.advance(s * 1000) });
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
  }, 120_000);
});
