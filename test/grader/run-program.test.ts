import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { programEnvironment } from '../../src/grader/program/environment.js';
import { runProgram } from '../../src/grader/program/run-program.js';

/** Real processes: the learner's program runs in its own group and nothing outlives it. */
function survivors(marker: string): string[] {
  return execFileSync('ps', ['-eo', 'args'])
    .toString()
    .split('\n')
    .filter((line) => line.includes(marker));
}

describe('running a program', () => {
  it('gives it only the allowlisted environment plus the Vault variables, and closed stdin', async () => {
    const env = programEnvironment(
      { VAULT_ADDR: 'http://127.0.0.1:1', VAULT_ROLE_ID: 'r', VAULT_SECRET_ID: 's' },
      {
        from: {
          PATH: process.env.PATH,
          HOME: '/home/learner',
          VAULT_TOKEN: 'root-token',
          AWS_SECRET_ACCESS_KEY: 'k',
          LC_ALL: 'C.UTF-8',
          GOCACHE: '/c',
        },
      },
    );
    let output = '';
    const running = runProgram({
      command: 'env; cat',
      cwd: process.cwd(),
      env,
      timeoutMs: 5_000,
      onOutput: (_stream, chunk) => (output += chunk),
    });
    const result = await running.result;
    expect(result.exitCode).toBe(0);
    const names = output
      .trim()
      .split('\n')
      .map((line) => line.split('=')[0])
      .sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'GOCACHE',
        'HOME',
        'LC_ALL',
        'PATH',
        'PYTHONUNBUFFERED',
        'VAULT_ADDR',
        'VAULT_ROLE_ID',
        'VAULT_SECRET_ID',
      ]),
    );
    expect(names).not.toContain('VAULT_TOKEN');
    expect(names).not.toContain('AWS_SECRET_ACCESS_KEY');
  });

  it('stops a hanging program and its children at the timeout', async () => {
    const marker = `298.${Math.floor(Math.random() * 1e6)}`;
    const result = await runProgram({
      command: `sleep ${marker} & sleep ${marker}`,
      cwd: process.cwd(),
      env: programEnvironment(undefined),
      timeoutMs: 300,
    }).result;
    expect(result.timedOut).toBe(true);
    expect(survivors(marker)).toEqual([]);
  });

  // How long these take is measured in bench/grader-limits.ts; a hang here would hit the test's timeout.
  it('kills what a program leaves behind when it exits, without waiting for its pipes', async () => {
    const marker = `297.${Math.floor(Math.random() * 1e6)}`;
    const result = await runProgram({
      command: `(sleep ${marker} &) ; echo done`,
      cwd: process.cwd(),
      env: programEnvironment(undefined),
      timeoutMs: 10_000,
    }).result;
    expect(result).toMatchObject({ exitCode: 0, timedOut: false, stoppedByGrader: false });
    expect(survivors(marker)).toEqual([]);
  });

  it('stop() ends a server early and says the grader stopped it', async () => {
    let ready: () => void;
    const readyPrinted = new Promise<void>((resolve) => (ready = resolve));
    const running = runProgram({
      command: 'echo ready; exec sleep 30',
      cwd: process.cwd(),
      env: programEnvironment(undefined),
      timeoutMs: 10_000,
      onOutput: (_stream, chunk) => chunk.includes('ready') && ready(),
    });
    await readyPrinted;
    await running.stop();
    const result = await running.result;
    expect(result).toMatchObject({ stoppedByGrader: true, timedOut: false, signal: 'SIGTERM' });
  });

  it('reports a command that cannot start', async () => {
    const result = await runProgram({
      command: 'definitely-not-a-command-xyz',
      cwd: process.cwd(),
      env: programEnvironment(undefined),
      timeoutMs: 5_000,
    }).result;
    expect(result.exitCode).toBe(127);
  });
});
