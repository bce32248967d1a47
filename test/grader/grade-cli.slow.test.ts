import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schema from '../schemas/grade-report.schema.json' with { type: 'json' };
import { availableProviders, nodeProgram, programDir } from './helpers.js';

/** `secrets-workbook grade` as CI runs it: the built CLI, no TTY, exit codes, --json, --junit. */
const providers = await availableProviders();
const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const validate = new Ajv({ allErrors: true }).compile(schema);
let work: string;

// dist/ is built by `npm test` (or test/global-setup.ts when it is older than src/).
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sw-cli-'));
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      env: { ...process.env, SECRETS_WORKBOOK_HOME: join(work, 'home'), NO_COLOR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(providers.length === 0)('the grade command', () => {
  for (const provider of providers) {
    it(`${provider}: --json validates against the schema, exit 1 on failure, and no secret reaches the report, the JUnit file or the progress file`, async () => {
      const capture = join(work, `captured-${provider}.txt`);
      const dir = await programDir(
        nodeProgram(`import { writeFileSync } from 'node:fs';
const token = await login();
const { password } = await data(token, 'secret/data/database/backend');
writeFileSync(${JSON.stringify(capture)}, password);
console.log('password: ' + password);
console.error('hex: ' + Buffer.from(password).toString('hex'));`),
        work,
      );
      const junit = join(work, `report-${provider}.xml`);
      const home = join(work, `home-${provider}`);
      const run = await runCli(['grade', 'approle', dir, '--vault', provider, '--json', '--junit', junit], {
        SECRETS_WORKBOOK_HOME: home,
      });
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout);
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
      expect(report).toMatchObject({ challenge: 'approle', passed: false, vault: provider });
      expect(
        report.checks.filter((check: { passed: boolean }) => !check.passed).map((check: { id: string }) => check.id),
      ).toEqual(['no-leak']);
      // The commentary (detection, Vault) goes to stderr so stdout stays one JSON object.
      expect(run.stderr).toMatch(/command: main\.mjs: node main\.mjs/);

      const secret = await readFile(capture, 'utf8');
      expect(secret).toMatch(/^[A-Za-z0-9]{32}$/);
      const forms = [secret, Buffer.from(secret).toString('hex'), Buffer.from(secret).toString('base64').slice(0, 40)];
      const junitText = await readFile(junit, 'utf8');
      const progressText = await readFile(join(home, 'progress.json'), 'utf8');
      for (const form of forms) {
        expect(run.stdout).not.toContain(form);
        expect(run.stderr).not.toContain(form);
        expect(junitText).not.toContain(form);
        expect(progressText).not.toContain(form);
      }
      expect(junitText).toMatch(/<testsuite name="approle" tests="6" failures="1"/);
      expect(junitText).toMatch(/<failure message="it printed secret\/database\/backend password/);
      const progress = JSON.parse(progressText);
      expect(progress.challenges.approle).toMatchObject({
        status: 'in-progress',
        attempts: 1,
        lastFailedChecks: ['no-leak'],
      });
    });

    it(`${provider}: plain text without a TTY, exit 0 on a pass, and --no-progress leaves progress alone`, async () => {
      const home = join(work, 'home-plain');
      const run = await runCli(
        [
          'grade',
          'approle',
          join(root, 'challenges', 'approle', 'solutions', 'node'),
          '--vault',
          provider,
          '--no-progress',
        ],
        {
          SECRETS_WORKBOOK_HOME: home,
        },
      );
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(/\u001B\[/);
      expect(run.stdout).toMatch(/^command: package\.json start script: node main\.js$/m);
      expect(run.stdout).toMatch(/^PASS {2}login {2}/m);
      expect(run.stdout).toMatch(/^PASSED: approle, 6 of 6 checks passed/m);
      await expect(stat(join(home, 'progress.json'))).rejects.toThrow();
    });

    // The grader's memory for 20 MB and 80 MB of output is measured in bench/grader-limits.ts.
    it(`${provider}: a 20 MB writer and an 80 MB writer pass`, async () => {
      const writer = async (megabytes: number) =>
        programDir(
          nodeProgram(`const token = await login();
await data(token, 'secret/data/database/backend');
const block = ('y'.repeat(99) + '\\n').repeat(10_000);
for (let i = 0; i < ${megabytes}; i++) { if (!process.stdout.write(block)) await new Promise((resolve) => process.stdout.once('drain', resolve)); }`),
          work,
        );
      const twenty = await runCli([
        'grade',
        'approle',
        await writer(20),
        '--vault',
        provider,
        '--json',
        '--no-progress',
      ]);
      const eighty = await runCli([
        'grade',
        'approle',
        await writer(80),
        '--vault',
        provider,
        '--json',
        '--no-progress',
      ]);
      expect(twenty.code).toBe(0);
      expect(JSON.parse(twenty.stdout).passed).toBe(true);
      expect(eighty.code).toBe(0);
      expect(JSON.parse(eighty.stdout).passed).toBe(true);
    });
  }

  it('--watch grades again when a file changes, and Ctrl-C stops it without leaving a Vault behind', async () => {
    const dir = await programDir(
      nodeProgram(`const token = await login();\nawait data(token, 'secret/database/backend');`),
      work,
    );
    const child = spawn(
      process.execPath,
      [cli, 'grade', 'approle', dir, '--watch', '--vault', providers[0]!, '--no-progress'],
      {
        cwd: root,
        env: { ...process.env, SECRETS_WORKBOOK_HOME: join(work, 'home-watch') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    const waiting = new Set<() => void>();
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const wake of waiting) wake();
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Resolves on the output event that makes the pattern match (or fails after 30 s).
    const waitFor = (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!pattern.test(stdout)) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`not seen within 30 s: ${pattern}; output so far: ${stdout.slice(-2000)}`));
        }, 30_000);
        waiting.add(check);
        check();
      });
    let children: number[];
    try {
      await waitFor(/FAILED: approle[\s\S]*watching .* for changes \((file events|polling)\)/);
      await writeFile(
        join(dir, 'main.mjs'),
        (await readFile(join(dir, 'main.mjs'), 'utf8')).replace(
          "'secret/database/backend'",
          "'secret/data/database/backend'",
        ),
      );
      await waitFor(/main\.mjs changed: grading again[\s\S]*PASSED: approle/);
      // Between grades nothing of ours runs; start a third grade and stop it in the middle.
      await writeFile(
        join(dir, 'main.mjs'),
        `${await readFile(join(dir, 'main.mjs'), 'utf8')}\nawait new Promise((resolve) => setTimeout(resolve, 60_000));\n`,
      );
      await waitFor(/running: [\s\S]*running: [\s\S]*running: /);
      children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)])
        .toString()
        .split('\n')
        .filter(Boolean)
        .map(Number);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(130);
    expect(children.length).toBeGreaterThan(0);
    const alive = () =>
      children.filter((pid) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      });
    // A killed process can take a moment to be reaped: wait for it, up to 5 s.
    for (const deadline = Date.now() + 5_000; alive().length > 0 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive()).toEqual([]);
  });

  it("--submit sends the result to the class Vault with the student's own credentials", async () => {
    const { startClassVault } = await import('../classroom/helpers/class-vault.js');
    const { INSTRUCTOR_POLICY_NAME, resultPath } = await import('../../src/classroom/layout.js');
    const { setupClass } = await import('../../src/classroom/setup.js');
    const { VaultAdmin } = await import('../../src/vault/admin-client.js');
    const classVault = await startClassVault('binary');
    try {
      const admin = new VaultAdmin(classVault.address, classVault.rootToken);
      await setupClass(admin);
      const teacher = await admin.write('auth/token/create', { policies: [INSTRUCTOR_POLICY_NAME], ttl: '1h' });
      const classroom = await mkdtemp(join(work, 'class-'));
      await writeFile(join(classroom, 'roster.csv'), 'id,name,email\nada,Ada,\n');
      const instructor = { VAULT_ADDR: classVault.address, VAULT_TOKEN: teacher!.auth!.client_token };
      const provisioned = await runCli(
        [
          'classroom',
          'provision',
          '--roster',
          join(classroom, 'roster.csv'),
          '--out',
          join(classroom, 'handouts'),
          '--address',
          classVault.address,
        ],
        instructor,
      );
      expect(provisioned.code).toBe(0);
      // The student: their own home, no Vault variables of the class in the environment.
      const student = { SECRETS_WORKBOOK_HOME: join(classroom, 'ada-home'), VAULT_ADDR: '', VAULT_TOKEN: '' };
      expect((await runCli(['classroom', 'join', join(classroom, 'handouts', 'ada.txt')], student)).code).toBe(0);
      const graded = await runCli(
        [
          'grade',
          'approle',
          join(root, 'challenges', 'approle', 'solutions', 'node'),
          '--vault',
          providers[0]!,
          '--submit',
        ],
        student,
      );
      expect(graded.stderr).toBe('');
      expect(graded.code).toBe(0);
      expect(graded.stdout).toMatch(/^submitted approle \(passed, attempt 1\) to the class Vault at .* as ada$/m);
      const stored = await admin.kvGet('secret', resultPath('ada', 'approle'));
      expect(stored?.data).toMatchObject({ student: 'ada', challenge: 'approle', passed: true, attempts: 1 });
    } finally {
      await classVault.stop();
    }
  });

  it('exits 2 with one line when it cannot grade, and says so in --junit', async () => {
    const junit = join(work, 'error.xml');
    const unknown = await runCli(['grade', 'no-such-challenge', '.', '--junit', junit]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(
      /no challenge called "no-such-challenge" \(there are: approle, [a-z, -]*mini-project[a-z, -]*\)/,
    );
    expect(await readFile(junit, 'utf8')).toMatch(/<error message="no challenge called/);

    const empty = await mkdtemp(join(work, 'empty-'));
    const nothing = await runCli(['grade', 'approle', empty, '--vault', 'binary']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/nothing to run in .*--cmd/);
    // Nothing was graded, so nothing says "grading …": the error is the only line.
    expect(unknown.stdout).toBe('');
    expect(nothing.stdout).toBe('');
    const missing = await runCli(['grade', 'approle', join(work, 'no-such-folder')]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim()).toBe(`error: ${join(work, 'no-such-folder')} is not a folder`);

    const badTimeout = await runCli(['grade', 'approle', empty, '--timeout', 'soon']);
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.stderr).toMatch(/--timeout needs a positive number/);

    const both = await runCli(['grade', 'approle', empty, '--watch', '--json']);
    expect(both.code).toBe(2);

    const badVault = await runCli(['grade', 'approle', empty, '--vault', 'cloud']);
    expect(badVault.code).toBe(2);
    expect(badVault.stderr).toMatch(/cloud/);
  });

  it('init copies a starter and refuses to overwrite', async () => {
    const target = join(work, 'my-approle');
    const first = await runCli(['init', 'approle', target, '--lang', 'python']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/app\.py/);
    await writeFile(join(target, 'app.py'), '# my work\n');
    const second = await runCli(['init', 'approle', target, '--lang', 'python']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/already has .*app\.py.*nothing was copied/);
    expect(await readFile(join(target, 'app.py'), 'utf8')).toBe('# my work\n');
    const noLang = await runCli(['init', 'approle', join(work, 'x')]);
    expect(noLang.code).toBe(2);
  });
});
