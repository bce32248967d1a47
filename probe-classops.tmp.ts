import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pMap from 'p-map';
import { collectClassReport } from './src/classroom/class-report.js';
import { provisionClass } from './src/classroom/provision.js';
import { setupClass } from './src/classroom/setup.js';
import { KV_MOUNT, resultPath } from './src/classroom/layout.js';
import { VaultAdmin } from './src/vault/admin-client.js';
import { BinaryProvider } from './src/vault/binary-provider.js';
const N = Number(process.argv[3] ?? 300);
const vault = await new BinaryProvider().start({ audit: false });
const root = new VaultAdmin(vault.address, vault.rootToken);
await setupClass(root);
const students = Array.from({ length: N }, (_, i) => ({ id: `s${i}`, name: `S ${i}`, email: '', line: i + 2 }));
await provisionClass(root, { students, outDir: await mkdtemp(join(tmpdir(), 'p-')), address: vault.address, wrapTtl: '1h', secretIdTtl: '0', concurrency: 32 });
const now = new Date().toISOString();
await pMap(students, (s) => root.kvPut(KV_MOUNT, resultPath(s.id, 'approle'), { format: 1, student: s.id, challenge: 'approle', passed: true, attempts: 1, submittedAt: now, firstSubmittedAt: now, passedAt: now, report: { challenge: 'approle', passed: true, vault: 'binary', durationMs: 1, checks: [{ id: 'a', title: 'a', passed: true, detail: '', hint: '' }] } }), { concurrency: 32 });
await root.write('sys/quotas/rate-limit/class', { rate: 200, interval: '1s' });
for (const c of [32, 8]) {
  const t = Date.now();
  try { const r = await collectClassReport(root, { concurrency: c, challenges: ['approle'] }); console.log(c, 'ok', r.students.length, (Date.now() - t) / 1000); }
  catch (e) { console.log(c, 'FAIL', (e as Error).message, (Date.now() - t) / 1000); }
}
await vault.stop();
