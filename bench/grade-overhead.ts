/**
 * What grading costs on top of the program itself: for each reference solution, the time of
 * `gradeChallenge` (start an isolated Vault, provision fresh secrets, build if needed, run, read
 * the audit trail, check, stop) against the same command run bare against an already-running,
 * already-provisioned server. Runs are interleaved (bare, grade, bare, grade, …) so machine load
 * hits both alike; medians are reported, with the overhead in ms and as a ratio, per provider.
 *
 * Challenges with a scenario (rotation, orchestrator) or a project (mini-project) have no bare run
 * to compare with — a rotation app and the mini project's HTTPS server run until they are stopped,
 * an orchestrator app needs the wrapped secret_id the grade makes — so for them only the grade's
 * own time is reported (how long a learner waits; for the project, its setup script included).
 *
 *   npm run bench:grade                 # BENCH_RUNS=5 for more runs (default 3)
 *   BENCH_ONLY=python npm run bench:grade
 *   BENCH_CHALLENGE=rotation npm run bench:grade
 */
import { execa } from 'execa';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChallenges } from '../src/course/challenges.js';
import { isVaultAppChallenge } from '../src/course/scanner-challenge-schema.js';
import { gradeChallenge } from '../src/grader/index.js';
import { provisionChallenge } from '../src/grader/kinds/vault-app/provision-challenge.js';
import { generateSecrets } from '../src/grader/kinds/vault-app/secrets.js';
import { detectCommand } from '../src/grader/program/detect.js';
import { programEnvironment } from '../src/grader/program/environment.js';
import { VaultAdmin } from '../src/vault/admin-client.js';
import type { ProviderName } from '../src/vault/provider.js';
import { selectProvider } from '../src/vault/select.js';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const ONLY = process.env.BENCH_ONLY;
const ONLY_CHALLENGE = process.env.BENCH_CHALLENGE;
const PROVIDERS: ProviderName[] = ['embedded', 'binary', 'docker'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface Row {
  provider: string;
  challenge: string;
  language: string;
  bare: number[];
  grade: number[];
  /** Time from the start of the grade to the program's start (Vault start, provisioning, build). */
  setup: number[];
}

// Programs that exit once they have their secrets: a bare run of them ends by itself (the
// scanner challenge needs no Vault; log-scrubbing programs run until the grader stops them).
const challenges = (await loadChallenges()).flatMap(({ summary, definition }) =>
  !isVaultAppChallenge(definition) || definition.logs ? [] : [{ summary, definition }],
);
const rows: Row[] = [];
const buildDir = await mkdtemp(join(tmpdir(), 'sw-bench-'));

for (const name of PROVIDERS) {
  const selection = await selectProvider(name, { allowExternal: false }).catch((error: Error) => error);
  if (selection instanceof Error) {
    console.log(`${name.padEnd(9)} skipped: ${selection.message.split('\n')[0]}`);
    continue;
  }
  let vault;
  try {
    vault = await selection.provider.start({ audit: true });
  } catch (error) {
    console.log(`${name.padEnd(9)} skipped: ${(error as Error).message.split('\n')[0]}`);
    continue;
  }
  try {
    for (const { summary, definition } of challenges) {
      if (ONLY_CHALLENGE && summary.id !== ONLY_CHALLENGE) continue;
      // The already-running server of the bare runs, provisioned like a grade would.
      const generated = await generateSecrets(definition);
      const credentials = await provisionChallenge(
        { admin: new VaultAdmin(vault.address, vault.rootToken), trail: vault.auditTrail! },
        definition,
        generated.secrets,
      );
      const env = {
        VAULT_ADDR: vault.address,
        VAULT_ROLE_ID: credentials.roleId,
        VAULT_SECRET_ID: credentials.secretId,
      };
      for (const language of summary.solutions) {
        if (ONLY && language !== ONLY) continue;
        const dir = join(summary.dir, 'solutions', language);
        const plan = (await detectCommand(dir, { buildDir }))!;
        // Bare runs use an already-built program, as a developer's second run would.
        if (plan.build) await execa(plan.build.command, { cwd: dir, shell: true });
        const row: Row = { provider: name, challenge: summary.id, language, bare: [], grade: [], setup: [] };
        for (let run = 0; run < RUNS + 1; run++) {
          // No bare run for a challenge with a scenario or a project (see above): only the grade is timed.
          let bareMs: number | undefined;
          if (!definition.scenario && !definition.project) {
            const bareStart = performance.now();
            const bare = await execa(plan.command, {
              cwd: dir,
              shell: true,
              env: programEnvironment(env, { pathPrefix: plan.pathPrefix }),
              extendEnv: false,
              stdin: 'ignore',
              reject: false,
            });
            bareMs = performance.now() - bareStart;
            if (bare.exitCode !== 0)
              throw new Error(`${summary.id}/${language} failed bare: ${bare.stderr.split('\n').slice(-2).join(' ')}`);
          }

          const gradeStart = performance.now();
          let programStart = 0;
          const report = await gradeChallenge({
            challengeId: summary.id,
            dir,
            vault: name,
            onEvent: (event) => {
              if (event.type === 'status' && event.message.startsWith('running:')) programStart = performance.now();
            },
          });
          const gradeMs = performance.now() - gradeStart;
          if (!report.passed)
            throw new Error(
              `${summary.id}/${language} did not pass on ${name}: ${JSON.stringify(report.checks.filter((check) => !check.passed))}`,
            );
          // The first round warms caches (the interpreter, the Go build cache): not counted.
          if (run === 0) continue;
          if (bareMs !== undefined) row.bare.push(bareMs);
          row.grade.push(gradeMs);
          row.setup.push(programStart - gradeStart);
        }
        rows.push(row);
      }
    }
  } finally {
    await vault.stop();
  }
}
await rm(buildDir, { recursive: true, force: true });

if (rows.length === 0) {
  console.log('no provider could be started here');
  process.exit(1);
}

console.log(`\ngrade overhead: median of ${RUNS} interleaved runs each (after one warm-up), in ms`);
console.log(
  ['provider', 'challenge', 'language', 'bare', 'grade', 'overhead', 'ratio', 'setup*']
    .map((cell, index) => (index < 3 ? cell.padEnd(index === 1 ? 14 : 12) : cell.padStart(9)))
    .join(''),
);
for (const row of rows) {
  const grade = median(row.grade);
  const bare = row.bare.length ? median(row.bare) : undefined;
  const compared =
    bare === undefined
      ? ['-', grade.toFixed(0), '-', '-']
      : [bare.toFixed(0), grade.toFixed(0), (grade - bare).toFixed(0), `${(grade / bare).toFixed(2)}x`];
  console.log(
    [row.provider, row.challenge, row.language].map((cell, index) => cell.padEnd(index === 1 ? 14 : 12)).join('') +
      [...compared, median(row.setup).toFixed(0)].map((cell) => cell.padStart(9)).join(''),
  );
}
for (const provider of [...new Set(rows.map((row) => row.provider))]) {
  const overheads = rows
    .filter((row) => row.provider === provider && row.bare.length > 0)
    .map((row) => median(row.grade) - median(row.bare));
  if (overheads.length === 0) continue;
  console.log(`${provider}: median overhead ${median(overheads).toFixed(0)} ms over ${overheads.length} solutions`);
}
console.log('* setup: from the start of the grade to the start of the program (Vault start, provisioning, a Go build)');
console.log(
  '- : a challenge with a scenario has no bare run; its grade time is what a learner waits (a rotation grade runs the whole scenario)',
);
