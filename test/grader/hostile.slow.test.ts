import { execFileSync, spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { gradeChallenge } from '../../src/grader/index.js';
import { availableProviders, failedIds, programDir } from './helpers.js';

/**
 * The grader's corpus of hostile programs (test/fixtures/grader/hostile/): programs that attack
 * the grade itself rather than fail it. Each attack worked once; each must fail now, on every
 * provider the grader runs on.
 */
const providers = await availableProviders();
const root = join(import.meta.dirname, '..', '..');
const HOSTILE = join(root, 'test', 'fixtures', 'grader', 'hostile');
const cli = join(root, 'dist', 'cli.js');
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function hostileDir(fixture: string): Promise<string> {
  const dir = await programDir({ 'app.py': await readFile(join(HOSTILE, fixture), 'utf8') });
  made.push(dir);
  return dir;
}

function alive(markers: readonly string[]): string[] {
  const lines = execFileSync('ps', ['-eo', 'args']).toString().split('\n');
  return markers.filter((marker) => lines.some((line) => line.includes(`sleep ${marker}`)));
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(50);
  }
  return condition();
}

describe.skipIf(providers.length === 0)('hostile programs do not fool the grader', () => {
  for (const provider of providers) {
    it.concurrent(
      `${provider}: forged audit entries (a copied role_id HMAC, a made-up login and read) do not pass`,
      async () => {
        const dir = await hostileDir('forge_audit.py');
        const report = await gradeChallenge({ challengeId: 'approle', dir, vault: provider, timeoutSeconds: 60 });
        expect(report.passed).toBe(false);
        expect(failedIds(report)).toEqual(expect.arrayContaining(['login', 'read-password']));
      },
    );

    it.concurrent(`${provider}: no working root token in any environment the program can read`, async () => {
      const dir = await hostileDir('root_token_hunt.py');
      await gradeChallenge({ challengeId: 'approle', dir, vault: provider, timeoutSeconds: 60 });
      const [root, tried] = (await readFile(join(dir, 'root-found.txt'), 'utf8')).trim().split(' ').map(Number);
      expect(tried).toBeGreaterThan(0);
      expect(root).toBe(0);
    });

    it.concurrent(
      `${provider}: nothing the program starts outlives the grade (setsid, double fork, nohup)`,
      async () => {
        const dir = await hostileDir('escape.py');
        await gradeChallenge({ challengeId: 'approle', dir, vault: provider, timeoutSeconds: 20 });
        const markers = (await readFile(join(dir, 'markers.txt'), 'utf8')).trim().split('\n');
        expect(markers).toHaveLength(3);
        expect(await until(() => alive(markers).length === 0, 2_000)).toBe(true);
      },
    );

    it.concurrent(`${provider}: nothing the program starts outlives the grader killed with kill -9`, async () => {
      const dir = await hostileDir('escape.py');
      const grader = spawn(
        process.execPath,
        [cli, 'grade', 'approle', dir, '--vault', provider, '--cmd', 'python3 app.py --hang', '--no-progress'],
        { cwd: root, stdio: 'ignore', env: { ...process.env, SECRETS_WORKBOOK_HOME: join(dir, '.home') } },
      );
      try {
        const started = await until(
          () =>
            readFile(join(dir, 'markers.txt')).then(
              () => true,
              () => false,
            ),
          40_000,
        );
        expect(started).toBe(true);
        const markers = (await readFile(join(dir, 'markers.txt'), 'utf8')).trim().split('\n');
        expect(alive(markers)).toEqual(markers);
        grader.kill('SIGKILL');
        expect(await until(() => alive(markers).length === 0, 5_000)).toBe(true);
        expect(execFileSync('ps', ['-eo', 'args']).toString()).not.toContain(`${dir}`);
      } finally {
        grader.kill('SIGKILL');
      }
    });
  }
});
