/**
 * bench:classroom — provision 300 students against `bao server -dev` at several concurrency
 * levels (each on a fresh server), then collect the class report over 300 submitted results.
 * Prints the figures side by side; concurrency 1 (one request at a time) is the baseline.
 *
 *   npm run bench:classroom [-- --students 300 --levels 1,4,16,64]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { collectClassReport } from '../src/classroom/class-report.js';
import { KV_MOUNT, resultPath } from '../src/classroom/layout.js';
import { provisionClass } from '../src/classroom/provision.js';
import { formatHtml } from '../src/classroom/report-html.js';
import type { ResultDocument } from '../src/classroom/results.js';
import type { Student } from '../src/classroom/roster.js';
import { VaultAdmin } from '../src/vault/admin-client.js';
import { BinaryProvider } from '../src/vault/binary-provider.js';
import pMap from 'p-map';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] ? args[index + 1]! : fallback;
};
const STUDENTS = Number(option('students', '300'));
const LEVELS = option('levels', '1,4,16,64').split(',').map(Number);
const TARGET_SECONDS = 10;

const students: Student[] = Array.from({ length: STUDENTS }, (_, index) => ({
  id: `s${String(index + 1).padStart(4, '0')}`,
  name: `Student ${index + 1}`,
  email: `s${index + 1}@example.org`,
  line: index + 2,
}));

const provider = new BinaryProvider();
const availability = await provider.availability();
if (!availability.available) {
  console.error(`bench:classroom needs bao or vault on PATH: ${availability.reason}`);
  process.exit(2);
}
console.log(`bench:classroom — ${STUDENTS} students against ${availability.reason} (server -dev, no audit device), Node ${process.version}`);
console.log('');

interface Row {
  concurrency: number;
  seconds: number;
  requests: number;
}
const provisionRows: Row[] = [];
let reportVault: { vault: Awaited<ReturnType<BinaryProvider['start']>>; admin: VaultAdmin } | undefined;

for (const concurrency of LEVELS) {
  const vault = await provider.start({ audit: false });
  const admin = new VaultAdmin(vault.address, vault.rootToken);
  const outDir = await mkdtemp(join(tmpdir(), 'bench-handouts-'));
  const started = performance.now();
  const summary = await provisionClass(admin, { students, outDir, address: vault.address, wrapTtl: '72h', secretIdTtl: '720h', concurrency });
  const seconds = (performance.now() - started) / 1000;
  if (summary.added.length !== STUDENTS) throw new Error(`only ${summary.added.length} of ${STUDENTS} provisioned`);
  provisionRows.push({ concurrency, seconds, requests: summary.requests });
  await rm(outDir, { recursive: true, force: true });
  if (concurrency === Math.max(...LEVELS)) reportVault = { vault, admin };
  else await vault.stop();
}

const baseline = provisionRows[0]!;
console.log(`provision ${STUDENTS} students (policy + AppRole + role_id + wrapped secret_id + record each, and a 0600 handout file)`);
console.log('concurrency   total s   requests   requests/s   students/s   vs concurrency ' + baseline.concurrency);
for (const row of provisionRows) {
  console.log(
    `${String(row.concurrency).padStart(11)}   ${row.seconds.toFixed(2).padStart(7)}   ${String(row.requests).padStart(8)}   ${(row.requests / row.seconds).toFixed(0).padStart(10)}   ${(STUDENTS / row.seconds).toFixed(0).padStart(10)}   ${(baseline.seconds / row.seconds).toFixed(2).padStart(8)}×`,
  );
}
const best = provisionRows.reduce((a, b) => (b.seconds < a.seconds ? b : a));
console.log(`target ≤ ${TARGET_SECONDS} s for ${STUDENTS} students: ${best.seconds <= TARGET_SECONDS ? 'met' : 'NOT met'} (best ${best.seconds.toFixed(2)} s at concurrency ${best.concurrency})`);
console.log('');

// 300 results (one per student, written with the root token to keep the setup short; the
// submission path itself is exercised by the test suite), then the report at each level.
const { vault, admin } = reportVault!;
const now = new Date().toISOString();
await pMap(
  students,
  (student, index) => {
    const passed = index % 3 !== 0;
    const document: ResultDocument = {
      format: 1,
      student: student.id,
      challenge: 'approle',
      passed,
      attempts: 1 + (index % 4),
      submittedAt: now,
      firstSubmittedAt: now,
      ...(passed ? { passedAt: now } : {}),
      report: { challenge: 'approle', passed, vault: 'binary', durationMs: 900, checks: [{ id: 'login', title: 'Logged in', passed: true, detail: '', hint: '' }] },
    };
    return admin.kvPut(KV_MOUNT, resultPath(student.id, 'approle'), document);
  },
  { concurrency: 32 },
);
console.log(`report over ${STUDENTS} results (list + read every record and result; then the HTML page)`);
console.log('concurrency   collect s   requests/s   html ms   vs concurrency ' + LEVELS[0]);
const reportRows: { concurrency: number; seconds: number; html: number }[] = [];
for (const concurrency of LEVELS) {
  const started = performance.now();
  const report = await collectClassReport(admin, { concurrency, challenges: ['approle', 'mini-project'] });
  const seconds = (performance.now() - started) / 1000;
  const htmlStarted = performance.now();
  formatHtml(report);
  const html = performance.now() - htmlStarted;
  if (report.students.length !== STUDENTS) throw new Error('report incomplete');
  reportRows.push({ concurrency, seconds, html });
}
// Requests: 1 registry list + per student (record read + results list + 1 result read).
const reportRequests = 1 + STUDENTS * 3;
for (const row of reportRows) {
  console.log(
    `${String(row.concurrency).padStart(11)}   ${row.seconds.toFixed(2).padStart(9)}   ${(reportRequests / row.seconds).toFixed(0).padStart(10)}   ${row.html.toFixed(1).padStart(7)}   ${(reportRows[0]!.seconds / row.seconds).toFixed(2).padStart(8)}×`,
  );
}
await vault.stop();
