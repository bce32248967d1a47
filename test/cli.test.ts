import { describe, expect, it } from 'vitest';
import { packageVersion } from '../src/util/package-info.js';
import { runCli } from './helpers/cli.js';

// The conventions every command follows (README, Commands): --help and --version everywhere; an
// unknown command or flag is one line on stderr and exit 2; never a stack trace.
const COMMANDS = [['doctor'], ['vault'], ['vault', 'up']];

function expectOneLine(stderr: string): void {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('CLI conventions (dist/cli.js)', () => {
  it.each([[[]], ...COMMANDS.map((command) => [command])])(
    '%j --help prints usage on stdout and exits 0',
    async (command) => {
      const result = await runCli([...command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: secrets-workbook${command.length ? ` ${command.join(' ')}` : ''}`);
      expect(result.stderr).toBe('');
    },
  );

  it('vault up --help offers only the providers it can start (it listed external, then said "not external")', async () => {
    const result = await runCli(['vault', 'up', '--help']);
    const vaultLine = result.stdout.replace(/\n\s+/g, ' ');
    expect(vaultLine).toContain(
      'which Vault to run (this starts its own): auto, docker, binary, embedded (default: "auto")',
    );
    expect(vaultLine).not.toContain('external');
  });

  it.each([[[]], ...COMMANDS.map((command) => [command])])(
    '%j --version prints the version and exits 0',
    async (command) => {
      const result = await runCli([...command, '--version']);
      expect(result).toEqual({ code: 0, stdout: packageVersion(), stderr: '' });
    },
  );

  it('an unknown command is one line on stderr, exit 2', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("error: unknown command 'frobnicate'");
    const sub = await runCli(['vault', 'down']);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toBe("error: unknown command 'down'");
  });

  it.each(COMMANDS)('%s with an unknown flag is one line on stderr, exit 2', async (...command) => {
    const result = await runCli([...command, '--no-such-flag']);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr);
    expect(result.stderr).toMatch(/^error: unknown option '--no-such-flag'/);
  });

  it('bad option values are one line, exit 2, before anything starts', async () => {
    for (const args of [
      ['vault', 'up', '--port', 'eighty'],
      ['vault', 'up', '--port', '70000'],
      ['vault', 'up', '--root-token', 'hvs.abc'],
      ['vault', 'up', '--vault', 'podman'],
      ['vault', 'up', '--vault', 'external'],
      ['doctor', 'extra'],
    ]) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      expectOneLine(result.stderr);
      expect(result.stderr).toMatch(/^error: /);
    }
  });

  it("a command group without its subcommand shows that group's help on stderr, exit 2", async () => {
    const result = await runCli(['vault']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: secrets-workbook vault');
    expect(result.stderr).toContain('up [options]');
  });
});
