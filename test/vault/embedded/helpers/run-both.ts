import { writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuditEntry } from '../../../../src/vault/audit/entry.js';
import { startEmbeddedServer, type EmbeddedServer } from '../../../../src/vault/embedded/index.js';
import { compareObserved, Normaliser } from '../conformance/normalise.js';
import { runScenario, type Observed, type ScenarioItem } from '../conformance/runner.js';
import { startDevBao, type DevBao } from './dev-bao.js';

export interface SideRun<T> {
  version: string;
  results: Observed[];
  audit: AuditEntry[];
  /** What `afterReal`/`afterEmbedded` read from the server before it stopped. */
  extra: T;
}

/**
 * One scenario run on `bao server -dev`, then on a fresh embedded server (its clock moved where
 * bao's sleeps), each stopped whatever happens; with CONFORMANCE_DUMP=<prefix>, both audit
 * trails are written to `<prefix>-real.jsonl` and `<prefix>-embedded.jsonl` to read side by side.
 */
export async function runOnBaoAndEmbedded<T = undefined>(
  scenario: ScenarioItem[],
  hooks: { afterReal?: (real: DevBao) => Promise<T>; afterEmbedded?: (embedded: EmbeddedServer) => Promise<T> } = {},
): Promise<{ real: SideRun<T>; embedded: SideRun<T> }> {
  const bao = await startDevBao();
  let real: SideRun<T>;
  try {
    const results = await runScenario(scenario, {
      address: bao.address,
      rootToken: bao.rootToken,
      advance: (seconds) => sleep(seconds * 1000),
    });
    real = {
      version: bao.version,
      results,
      audit: await bao.auditEntries(),
      extra: (await hooks.afterReal?.(bao)) as T,
    };
  } finally {
    await bao.stop();
  }
  const server = await startEmbeddedServer({
    rootToken: 'root',
    auditStdout: new Writable({ write: (_chunk, _encoding, done) => done() }),
  });
  let embedded: SideRun<T>;
  try {
    const results = await runScenario(scenario, {
      address: server.address,
      rootToken: server.rootToken,
      advance: async (seconds) => server.clock.advance(seconds * 1000),
    });
    embedded = {
      version: server.version,
      results,
      audit: await server.auditTrail.entries(),
      extra: (await hooks.afterEmbedded?.(server)) as T,
    };
  } finally {
    await server.stop();
  }
  const dump = process.env.CONFORMANCE_DUMP;
  if (dump) {
    for (const [side, run] of [
      ['real', real],
      ['embedded', embedded],
    ] as const)
      writeFileSync(`${dump}-${side}.jsonl`, run.audit.map((entry) => JSON.stringify(entry)).join('\n'));
  }
  return { real, embedded };
}

/** Each response of the embedded run that differs from bao's, as `#<n> <step>:` and the differences. */
export function responseMismatches(real: Observed[], embedded: Observed[]): string[] {
  const realNames = new Normaliser();
  const embeddedNames = new Normaliser();
  return real.flatMap((observed, i) => {
    const differences = compareObserved(observed, embedded[i]!, realNames, embeddedNames);
    return differences.length ? [`#${i + 1} ${observed.name}:\n    ${differences.join('\n    ')}`] : [];
  });
}
