import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectClassReport } from '../../../src/classroom/class-report.js';
import { packageRoot } from '../../../src/util/package-info.js';
import { VaultAdmin } from '../../../src/vault/admin-client.js';
import { hasGo } from '../../grader/helpers.js';
import { cli } from '../helpers/class-vault.js';
import { attackProviders, startClass, type Class } from './class-fixture.js';

/**
 * `classroom grade-all` on a class of Go submissions, graded one after the other: amir's program
 * attacks the Go module cache that the next builds compile (chmod a file of vault/api, plant an
 * init() that makes every program using it exit 3; failing that, move the folder above the cache
 * away for an edited copy) and writes into the instructor's home, where toolchains live; bea
 * submits the course's solution; carl's program reads the password and prints it. Each gets the
 * result of their own program: bea passes, carl fails on the leak alone, amir fails, and the
 * module cache is as downloaded afterwards.
 *
 * The module cache is one of the test's own, filled from this machine's (offline, its download
 * cache as a GOPROXY): the attack must never land in the real one, whatever the grader does.
 */
const providers = hasGo ? await attackProviders() : [];
const SOLUTION = join(packageRoot, 'challenges/approle/solutions/go');
const VAULT_API = 'github.com/hashicorp/vault/api@v1.23.0';

let modules = '';
let cache = '';

beforeAll(async () => {
  if (!hasGo) return;
  modules = await mkdtemp(join(tmpdir(), 'sw-class-modcache-'));
  cache = join(modules, 'pkg', 'mod');
  const source = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const fill = await mkdtemp(join(tmpdir(), 'sw-class-modfill-'));
  await cp(SOLUTION, fill, { recursive: true });
  execFileSync('go', ['mod', 'download'], {
    cwd: fill,
    stdio: 'ignore',
    env: {
      ...process.env,
      GOMODCACHE: cache,
      GOPROXY: `file://${join(source, 'cache', 'download')}`,
      GOFLAGS: '-mod=mod',
      GOTOOLCHAIN: 'local',
      GOWORK: 'off',
    },
  });
  await rm(fill, { recursive: true, force: true });
}, 300_000);

afterAll(async () => {
  if (!modules) return;
  execFileSync('chmod', ['-R', 'u+w', modules]);
  await rm(modules, { recursive: true, force: true });
});

/** amir's program: what it managed goes to `drop`, outside the class folder it cannot see. */
function attackerProgram(drop: string): string {
  const target = join(cache, VAULT_API);
  const planted = 'package api\n\nimport "os"\n\nfunc init() { os.Exit(3) }\n';
  return `package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	report := ""
	target := ${JSON.stringify(target)}
	os.Chmod(target, 0o755)
	err := os.WriteFile(filepath.Join(target, "zz_planted.go"), []byte(${JSON.stringify(planted)}), 0o644)
	report += fmt.Sprintf("planted: %v\\n", err == nil)
	err = os.Rename(${JSON.stringify(join(modules, 'pkg'))}, ${JSON.stringify(join(modules, 'pkg-moved'))})
	report += fmt.Sprintf("moved: %v\\n", err == nil)
	err = os.WriteFile(filepath.Join(os.Getenv("HOME"), "planted-by-amir"), []byte("x"), 0o644)
	report += fmt.Sprintf("home: %v\\n", err == nil)
	os.WriteFile(${JSON.stringify(join(drop, 'amir.txt'))}, []byte(report), 0o644)
}
`;
}

describe.skipIf(providers.length === 0)('classroom grade-all of Go submissions', () => {
  for (const provider of providers) {
    describe(provider, () => {
      let klass: Class;
      let drop: string;
      let env: Record<string, string>;
      beforeAll(async () => {
        klass = await startClass(provider, ['amir', 'bea', 'carl']);
        drop = await mkdtemp(join(tmpdir(), 'sw-amir-drop-'));
        env = {
          ...klass.env,
          HOME: await mkdtemp(join(tmpdir(), 'sw-instructor-home-')),
          GOMODCACHE: cache,
          // The grader's base build cache stays where it was built (minutes to make again).
          XDG_CACHE_HOME: process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
        };
        const folder = join(klass.work, 'submissions');
        for (const id of ['amir', 'bea', 'carl']) await cp(SOLUTION, join(folder, id), { recursive: true });
        await writeFile(join(folder, 'amir', 'main.go'), attackerProgram(drop));
        await writeFile(join(folder, 'amir', 'go.mod'), 'module example.com/amir\n\ngo 1.24.0\n');
        await rm(join(folder, 'amir', 'go.sum'));
        const solution = await readFile(join(SOLUTION, 'main.go'), 'utf8');
        const leaking = solution.replace(
          /\tfmt\.Printf\("read the database password.*\n/,
          '\tfmt.Println("password:", password)\n',
        );
        expect(leaking).not.toBe(solution);
        await writeFile(join(folder, 'carl', 'main.go'), leaking);
      }, 120_000);

      afterAll(async () => {
        await klass?.stop();
        await rm(drop, { recursive: true, force: true });
        if (env?.HOME) await rm(env.HOME, { recursive: true, force: true });
      });

      it("grades each student on their own program: an attack on the module cache changes nobody else's result", async () => {
        const result = await cli(
          ['classroom', 'grade-all', 'submissions', '--challenge', 'approle', '--vault', provider, '--parallel', '1'],
          env,
          klass.work,
          600_000,
        );
        expect(result.stderr).toBe('');
        expect(result.exitCode).toBe(0);
        const lines = result.stdout.trim().split('\n');
        expect(lines.find((line) => line.startsWith('amir: '))).toMatch(/^amir: failing \(.*login/);
        expect(lines).toContain('bea: passed');
        expect(lines).toContain('carl: failing (no-leak)');
        expect(lines.at(-1)).toMatch(/^Graded 3 submissions of approle: 1 passed, 2 failing/);
        // The attack ran, and neither way of changing the cache worked.
        expect(await readFile(join(drop, 'amir.txt'), 'utf8')).toBe('planted: false\nmoved: false\nhome: false\n');
        expect(execFileSync('find', [modules, '-name', 'zz_planted.go'], { encoding: 'utf8' })).toBe('');
        const verified = execFileSync('go', ['mod', 'verify'], {
          cwd: SOLUTION,
          encoding: 'utf8',
          env: { ...process.env, GOMODCACHE: cache, GOPROXY: 'off', GOFLAGS: '-mod=readonly', GOWORK: 'off' },
        });
        expect(verified).toContain('all modules verified');

        // What is recorded as verified, per student, is what their own program did.
        const instructor = new VaultAdmin(klass.vault.address, klass.env.VAULT_TOKEN);
        const report = await collectClassReport(instructor, { concurrency: 4, challenges: ['approle'] });
        const cell = (id: string) => report.students.find((row) => row.id === id)!.results.approle!;
        expect(cell('bea')).toMatchObject({ state: 'passed', source: 'verified' });
        expect(cell('carl')).toMatchObject({ state: 'failing', source: 'verified', failedChecks: ['no-leak'] });
        expect(cell('amir')).toMatchObject({ state: 'failing', source: 'verified' });
        const carl = await instructor.kvGet('secret', 'classroom/verified/carl/approle');
        expect(carl?.data).toMatchObject({ passed: false, report: { vault: provider } });
      }, 600_000);
    });
  }
});
