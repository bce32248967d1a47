/**
 * bench:classroom — what each classroom operation costs as the class grows, on one `bao server
 * -dev` node (no audit device): for 100, 1,000 and 2,000 students, a fresh server each, where
 * every student has joined, logged in once and submitted a result:
 *   provision    the whole roster, from nothing
 *   rerun +10    provision again with 10 more students (reads no record it does not need)
 *   report       everyone's results, concurrency 32
 *   report @200  the same under an OpenBao rate-limit quota of 200 requests/s
 *   revoke-one   one student (median of several), now: that student's secret_ids, handout and login
 *                identity; and, side by side, the way it was done before (list and look up every
 *                token in Vault), the baseline
 *
 * With --cluster, the same on a 3-node bao raft cluster on 127.0.0.1 (integrated storage, every
 * node's address in VAULT_ADDR, requests through whichever node answers, reads after writes
 * forwarded by X-Vault-Index), started and initialised for each size.
 *
 *   npm run bench:classroom [-- --sizes 100,1000,2000 --revokes 5 --no-quota --cluster]
 */
import { performance } from 'node:perf_hooks';
import { collectClassReport } from '../src/classroom/class-report.js';
import { revokeStudents } from '../src/classroom/revoke.js';
import { VaultAdmin } from '../src/vault/admin-client.js';
import { BinaryProvider } from '../src/vault/binary-provider.js';
import { startBaoCluster } from '../test/helpers/bao-cluster.js';
import {
  everyoneLogsIn,
  everyoneSubmits,
  instructorToken,
  provision,
  scratchFolder,
  students,
} from './classroom-setup.js';
import { revokeByTokenScan } from './classroom-token-scan.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] ? args[index + 1]! : fallback;
};
const SIZES = option('sizes', '100,1000,2000').split(',').map(Number);
const REVOKES = Number(option('revokes', '5'));
const QUOTA = !args.includes('--no-quota');
const CLUSTER = args.includes('--cluster');

const provider = new BinaryProvider();
const availability = await provider.availability();
if (!availability.available) {
  console.error(`bench:classroom needs bao or vault on PATH: ${availability.reason}`);
  process.exit(2);
}
const where = CLUSTER
  ? `a 3-node ${availability.reason} raft cluster on 127.0.0.1 (no audit device)`
  : `one ${availability.reason} node (server -dev, no audit device)`;
console.log(`bench:classroom — ${where}, Node ${process.version}`);

/** A fresh Vault for one class size: a dev node, or a 3-node cluster initialised and unsealed. */
async function freshVault(): Promise<{ addresses: string[]; rootToken: string; stop(): Promise<void> }> {
  if (!CLUSTER) {
    const vault = await provider.start({ audit: false });
    return { addresses: [vault.address], rootToken: vault.rootToken, stop: () => vault.stop() };
  }
  const found = await provider.locate();
  if ('error' in found) throw new Error(found.error);
  const cluster = await startBaoCluster(3, { binary: found.path });
  try {
    const { rootToken } = await cluster.initAndUnseal();
    await cluster.waitForPeers(rootToken, 3);
    return { addresses: cluster.nodes.map((node) => node.address), rootToken, stop: () => cluster.stop() };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

const seconds = async <T>(work: () => Promise<T>): Promise<[number, T]> => {
  const started = performance.now();
  const result = await work();
  return [(performance.now() - started) / 1000, result];
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Row {
  students: number;
  provision: number;
  provisionRequests: number;
  rerun: number;
  rerunRequests: number;
  report: number;
  reportQuota?: number;
  revoke: number;
  revokeRequests: number;
  tokenScan: number;
  tokens: number;
}
const rows: Row[] = [];

for (const size of SIZES) {
  const vault = await freshVault();
  const root = new VaultAdmin(vault.addresses, vault.rootToken);
  const folder = await scratchFolder();
  try {
    const instructor = await instructorToken(root);
    const roster = students(size);
    const [provisionSeconds, provisioned] = await seconds(() => provision(instructor, roster, folder.path));
    await everyoneLogsIn(vault.addresses, roster, folder.path);
    await everyoneSubmits(root, roster);
    const [rerunSeconds, rerun] = await seconds(() =>
      provision(instructor, [...roster, ...students(10, size)], folder.path),
    );
    const challenges = ['approle'];
    const [reportSeconds, report] = await seconds(() =>
      collectClassReport(instructor, { concurrency: 32, challenges }),
    );
    if (report.students.length !== size + 10) throw new Error('report incomplete');

    const step = Math.max(1, Math.floor(size / (2 * REVOKES + 1)));
    const revokeTimes: number[] = [];
    const scanTimes: number[] = [];
    let revokeRequests = 0;
    for (let index = 0; index < REVOKES; index++) {
      const [revokeSeconds, summary] = await seconds(() =>
        revokeStudents(instructor, { studentId: roster[2 * index * step]!.id, concurrency: 32 }),
      );
      if (summary.identities !== 1) throw new Error('the revoked student had no login identity');
      revokeTimes.push(revokeSeconds);
      revokeRequests = summary.requests;
      const [scanSeconds, revoked] = await seconds(() =>
        revokeByTokenScan(root, roster[(2 * index + 1) * step]!.id, 32),
      );
      if (revoked < 1) throw new Error('the token scan found none of the student’s tokens');
      scanTimes.push(scanSeconds);
    }
    const tokens = (await root.tokenAccessors()).length;

    let reportQuota: number | undefined;
    if (QUOTA) {
      await root.write('sys/quotas/rate-limit/bench', { rate: 200, interval: '1s' });
      [reportQuota] = await seconds(() => collectClassReport(instructor, { concurrency: 32, challenges }));
    }
    rows.push({
      students: size,
      provision: provisionSeconds,
      provisionRequests: provisioned.requests,
      rerun: rerunSeconds,
      rerunRequests: rerun.requests,
      report: reportSeconds,
      ...(reportQuota === undefined ? {} : { reportQuota }),
      revoke: median(revokeTimes),
      revokeRequests,
      tokenScan: median(scanTimes),
      tokens,
    });
    console.log(`  ${size} students done`);
  } finally {
    await folder.remove();
    await vault.stop();
  }
}

const cell = (value: number | undefined, width: number) =>
  (value === undefined ? '—' : value.toFixed(value < 10 ? 3 : 1)).padStart(width);
console.log('');
console.log(
  'seconds (requests)      provision        rerun +10        report   report @200/s   revoke-one (now)   revoke-one (token scan, before)   before/now',
);
for (const row of rows) {
  console.log(
    `${String(row.students).padStart(8)} students  ${cell(row.provision, 7)} (${String(row.provisionRequests).padStart(5)})  ${cell(row.rerun, 7)} (${String(row.rerunRequests).padStart(3)})  ${cell(row.report, 8)}  ${cell(row.reportQuota, 13)}  ${cell(row.revoke, 9)} (${String(row.revokeRequests).padStart(3)})  ${cell(row.tokenScan, 14)} (${String(row.tokens).padStart(5)} tokens)      ${(row.tokenScan / row.revoke).toFixed(0).padStart(6)} ×`,
  );
}
console.log('');
console.log(
  `revoke-one: median of ${REVOKES}; "now" stays flat as the class grows, the token scan grows with every token in Vault. ${CLUSTER ? 'On the cluster' : 'One node; --cluster measures a 3-node raft cluster'}.`,
);
