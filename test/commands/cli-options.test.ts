import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/util/color.js';
import { cliEnv, runCli } from '../helpers/cli.js';

const ANSI = /\u001B\[\d+m/;
const home = await mkdtemp(join(tmpdir(), 'sw-cli-options-'));
afterAll(() => rm(home, { recursive: true, force: true }));
const env = (extra: NodeJS.ProcessEnv = {}) => {
  const base = cliEnv({ SECRETS_WORKBOOK_HOME: home, ...extra });
  if (!('NO_COLOR' in extra)) delete base.NO_COLOR;
  for (const name of Object.keys(base)) if (name === 'CI' || name.startsWith('CI_')) delete base[name];
  return base;
};

describe('options where a user puts them (dist/cli.js)', () => {
  it('--vault is checked the same way before the command, after start, grade and vault up', async () => {
    for (const args of [
      ['--vault', 'podman'],
      ['start', '--vault', 'podman'],
      ['grade', 'approle', '--vault', 'podman'],
      ['vault', 'up', '--vault', 'podman'],
    ]) {
      const result = await runCli(args, env());
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toBe(
        "error: unknown --vault value 'podman' (choose auto, docker, binary, embedded, external)",
      );
    }
  });

  it('the course options work before or after `start`, and a command they mean nothing to refuses them', async () => {
    // Without a terminal the course prints its outline: the options were accepted.
    for (const args of [['--plain'], ['start', '--plain'], ['--plain', 'start'], ['--vault', 'embedded', 'start']]) {
      const result = await runCli(args, env());
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout, args.join(' ')).toContain('The interactive course needs a terminal');
    }
    const list = await runCli(['--vault', 'binary', 'list'], env());
    expect(list).toMatchObject({ code: 2, stderr: 'error: --vault does not apply to `list`' });
    const grade = await runCli(['grade', 'approle', '--plain'], env());
    expect(grade.code).toBe(2);
    expect(grade.stderr).toBe("error: unknown option '--plain'");
  });

  it("--timeout is checked where grade defines it, by the grader's one check", async () => {
    for (const value of ['0', 'soon', '90000']) {
      const result = await runCli(['grade', 'approle', home, '--timeout', value], env());
      expect(result.code, value).toBe(2);
      expect(result.stderr).toBe(
        `error: --timeout needs a positive number of seconds, at most 86400 (a day), not "${value}"`,
      );
    }
  });

  it('init --lang and classroom report --format list their choices from the code', async () => {
    const init = await runCli(['init', 'approle', '--lang', 'ruby'], env());
    expect(init.code).toBe(2);
    expect(init.stderr).toContain('Allowed choices are python, node, go.');
    const shell = await runCli(['init', 'approle', join(home, 'sh'), '--lang', 'shell', '--no-progress'], env());
    expect(shell).toMatchObject({
      code: 2,
      stderr:
        "error: option '--lang <language>' argument 'shell' is invalid. There are no shell starters: pick one of python, node, go, or write app.sh in an empty folder (grade runs it).",
    });
    expect(await readdir(home)).not.toContain('sh');
    const help = await runCli(['init', '--help'], env());
    expect(help.stdout).toContain('the language of the starter (python, node, go)');
    expect(help.stdout).not.toContain('shell');
    const report = await runCli(['classroom', 'report', '--format', 'xml'], env());
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('Allowed choices are table, csv, json, html.');
  });

  it('grade colours its verdicts only as util/color.ts decides: FORCE_COLOR=0 and NO_COLOR win, FORCE_COLOR=1 colours a pipe', async () => {
    const folder = await mkdtemp(join(home, 'program-'));
    const grade = (extra: NodeJS.ProcessEnv) =>
      runCli(['grade', 'approle', folder, '--cmd', 'true', '--vault', 'embedded', '--no-progress'], env(extra));
    const forced = await grade({ FORCE_COLOR: '1' });
    expect(forced.code).toBe(1);
    expect(forced.stdout).toMatch(ANSI);
    for (const off of [{ FORCE_COLOR: '0' }, { FORCE_COLOR: '1', NO_COLOR: '1' }, {}]) {
      const result = await grade(off);
      expect(result.code, JSON.stringify(off)).toBe(1);
      expect(result.stdout, JSON.stringify(off)).toContain('FAIL');
      expect(result.stdout, JSON.stringify(off)).not.toMatch(ANSI);
    }
  });
});

describe('colour, decided once', () => {
  it('NO_COLOR and FORCE_COLOR=0 turn it off, FORCE_COLOR on, else a terminal that is not dumb', () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect(colorEnabled({}, tty)).toBe(true);
    expect(colorEnabled({}, pipe)).toBe(false);
    expect(colorEnabled({ TERM: 'dumb' }, tty)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '1' }, tty)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' }, tty)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '0' }, tty)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: 'false' }, tty)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '1' }, pipe)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '1', NO_COLOR: 'x' }, pipe)).toBe(false);
    // The terminal UI passes no stream: it runs on a terminal by then.
    expect(colorEnabled({})).toBe(true);
  });
});
