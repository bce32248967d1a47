/**
 * bench:classroom — provision 300 students against `bao server -dev` at several concurrency
 * levels (each on a fresh server), then collect the class report over 300 submitted results.
 * Prints the figures side by side; concurrency 1 (one request at a time) is the baseline. The
 * levels are run in rounds, in a rotating order, and the median is shown (with the spread), so a
 * noisy shared machine does not favour whichever level ran at a quiet moment.
 *
 *   npm run bench:classroom [-- --students 300 --levels 1,4,16,64 --rounds 3]
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
const ROUNDS = Number(option('rounds', '3'));
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
console.log(
  `bench:classroom — ${STUDENTS} students against ${availability.reason} (server -dev, no audit device), Node ${process.version}`,
);
console.log('');

interface Row {
  concurrency: number;
  seconds: number[];
  requests: number;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const spread = (values: number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
const provisionRows: Row[] = LEVELS.map((concurrency) => ({ concurrency, seconds: [], requests: 0 }));

for (let round = 0; round < ROUNDS; round++) {
  for (let step = 0; step < LEVELS.length; step++) {
    const row = provisionRows[(step + round) % LEVELS.length]!;
    const vault = await provider.start({ audit: false });
    const admin = new VaultAdmin(vault.address, vault.rootToken);
    const outDir = await mkdtemp(join(tmpdir(), 'bench-handouts-'));
    const started = performance.now();
    const summary = await provisionClass(admin, {
      students,
      outDir,
      address: vault.address,
      wrapTtl: '72h',
      secretIdTtl: '720h',
      concurrency: row.concurrency,
    });
    row.seconds.push((performance.now() - started) / 1000);
    if (summary.added.length !== STUDENTS) throw new Error(`only ${summary.added.length} of ${STUDENTS} provisioned`);
    row.requests = summary.requests;
    await rm(outDir, { recursive: true, force: true });
    await vault.stop();
  }
}

const baseline = median(provisionRows[0]!.seconds);
console.log(
  `provision ${STUDENTS} students (policy + AppRole + role_id + wrapped secret_id + record each, and a 0600 handout file); median of ${ROUNDS}`,
);
console.log(`concurrency   median s   (min–max s)   requests   requests/s   students/s   vs concurrency ${LEVELS[0]}`);
for (const row of provisionRows) {
  const seconds = median(row.seconds);
  console.log(
    `${String(row.concurrency).padStart(11)}   ${seconds.toFixed(2).padStart(8)}   ${spread(row.seconds).padStart(11)}   ${String(row.requests).padStart(8)}   ${(row.requests / seconds).toFixed(0).padStart(10)}   ${(STUDENTS / seconds).toFixed(0).padStart(10)}   ${(baseline / seconds).toFixed(2).padStart(8)}×`,
  );
}
const best = provisionRows.reduce((a, b) => (median(b.seconds) < median(a.seconds) ? b : a));
const worst = Math.max(...provisionRows.flatMap((row) => row.seconds));
console.log(
  `target ≤ ${TARGET_SECONDS} s for ${STUDENTS} students: ${median(best.seconds) <= TARGET_SECONDS ? 'met' : 'NOT met'} (best median ${median(best.seconds).toFixed(2)} s at concurrency ${best.concurrency}; slowest single run ${worst.toFixed(2)} s)`,
);
console.log('');

// 300 students and 300 results (one per student, written with the root token to keep the setup
// short; the submission path itself is exercised by the test suite), then the report.
const vault = await provider.start({ audit: false });
const admin = new VaultAdmin(vault.address, vault.rootToken);
const reportHandouts = await mkdtemp(join(tmpdir(), 'bench-handouts-'));
await provisionClass(admin, {
  students,
  outDir: reportHandouts,
  address: vault.address,
  wrapTtl: '72h',
  secretIdTtl: '720h',
  concurrency: 32,
});
await rm(reportHandouts, { recursive: true, force: true });
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
      report: {
        challenge: 'approle',
        passed,
        vault: 'binary',
        durationMs: 900,
        checks: [{ id: 'login', title: 'Logged in', passed, detail: '', hint: '' }],
      },
    };
    return admin.kvPut(KV_MOUNT, resultPath(student.id, 'approle'), document);
  },
  { concurrency: 32 },
);
console.log(
  `report over ${STUDENTS} results (list + read every record and result; then the HTML page); median of ${ROUNDS}`,
);
console.log(`concurrency   median s   (min–max s)   requests/s   html ms   vs concurrency ${LEVELS[0]}`);
// Requests: 1 registry list + per student (record read + results list + 1 result read).
const reportRequests = 1 + STUDENTS * 3;
const reportRows = LEVELS.map((concurrency) => ({ concurrency, seconds: [] as number[], html: [] as number[] }));
for (let round = 0; round < ROUNDS; round++) {
  for (let step = 0; step < LEVELS.length; step++) {
    const row = reportRows[(step + round) % LEVELS.length]!;
    const started = performance.now();
    const report = await collectClassReport(admin, {
      concurrency: row.concurrency,
      challenges: ['approle', 'mini-project'],
    });
    row.seconds.push((performance.now() - started) / 1000);
    const htmlStarted = performance.now();
    formatHtml(report);
    row.html.push(performance.now() - htmlStarted);
    if (report.students.length !== STUDENTS) throw new Error('report incomplete');
  }
}
const reportBaseline = median(reportRows[0]!.seconds);
for (const row of reportRows) {
  const seconds = median(row.seconds);
  console.log(
    `${String(row.concurrency).padStart(11)}   ${seconds.toFixed(2).padStart(8)}   ${spread(row.seconds).padStart(11)}   ${(reportRequests / seconds).toFixed(0).padStart(10)}   ${median(row.html).toFixed(1).padStart(7)}   ${(reportBaseline / seconds).toFixed(2).padStart(8)}×`,
  );
}
await vault.stop();
