import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TmuxTerminal, tmuxAvailable } from './tmux.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const tmux = tmuxAvailable();
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

const terminals: TmuxTerminal[] = [];
afterEach(() => {
  for (const terminal of terminals.splice(0)) terminal.kill();
});

/** The shipped course (no SECRETS_WORKBOOK_COURSE_DIR), a fresh progress folder, no Vault variables. */
function terminal(): { t: TmuxTerminal; home: string } {
  const home = mkdtempSync(join(tmpdir(), 'sw-e2e-home-'));
  const env: NodeJS.ProcessEnv = { ...process.env, SECRETS_WORKBOOK_HOME: home };
  for (const name of ['SECRETS_WORKBOOK_COURSE_DIR', 'VAULT_ADDR', 'VAULT_TOKEN', 'NO_COLOR', 'FORCE_COLOR'])
    delete env[name];
  const t = new TmuxTerminal(env);
  terminals.push(t);
  return { t, home };
}

describe.skipIf(!existsSync(cli) || !tmux)(
  'the course in a real terminal: options, ids, the home list, grading errors',
  () => {
    it('--plain works before and after `start`; --vault before any command picks the playground provider, named once', async () => {
      for (const command of [`node ${cli} start --plain`, `node ${cli} --plain`]) {
        const { t, home } = terminal();
        await t.start(command, { cwd: home });
        const screen = await t.waitFor('Playground Vault: down');
        expect(screen, command).toMatch(/> \[ \] 1\. Why secrets management matters/);
        expect(screen, command).not.toMatch(/[○◐✓›·]/);
        await t.keys('q');
        expect(await t.exitCode()).toBe(0);
      }
      const { t, home } = terminal();
      await t.start(`node ${cli} --vault embedded`, { cwd: home });
      await t.waitFor('Playground Vault: down');
      await t.keys('v');
      const screen = await t.waitFor(
        /Playground Vault: up · embedded \(OpenBao [\d.]+ API\) · http:\/\/127\.0\.0\.1:\d+/,
        30_000,
      );
      expect(screen).not.toContain('embedded (embedded');
      await t.keys('q', 'q');
      expect(await t.exitCode()).toBe(0);
    });

    it('at 60 columns the home list says how many rows are above and below what fits', async () => {
      const { t, home } = terminal();
      await t.start(`node ${cli}`, { cwd: home, columns: 60, rows: 24 });
      let screen = await t.waitFor('Playground Vault: down');
      expect(screen).toMatch(/↓ \d+ more/);
      expect(screen).not.toMatch(/↑ \d+ more/);
      for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
      await t.keys('G');
      screen = await t.waitFor(/↑ \d+ more/);
      expect(screen).toContain('A pre-commit hook that finds secrets');
      expect(screen).not.toMatch(/↓ \d+ more/);
      await t.keys('q');
      expect(await t.exitCode()).toBe(0);
    });

    it('at 60×24, a corrupt progress file: the notice wraps and the home screen still fits, header on top', async () => {
      const { t, home } = terminal();
      writeFileSync(join(home, 'progress.json'), '{"version": 1, "lessons": {');
      await t.start(`node ${cli}`, { cwd: home, columns: 60, rows: 24 });
      const screen = await t.waitFor('Playground Vault: down');
      const lines = screen.split('\n');
      expect(lines[0]).toMatch(/^secrets-workbook · secrets management/);
      expect(screen).toMatch(/^! Your progress file is not valid JSON; it was kept as/m);
      expect(screen).toMatch(/q quit\s*$/);
      expect(readdirSync(home).some((name) => /^progress\.json\..*\.bak$/.test(name))).toBe(true);
      await t.keys('q');
      expect(await t.exitCode()).toBe(0);
    });

    it('start approle opens the challenge; g names a missing work folder; a Vault that cannot start ends the checklist', async () => {
      const { t } = terminal();
      const work = mkdtempSync(join(tmpdir(), 'sw-e2e-work-'));
      await t.start(`node ${cli} start approle --vault binary --vault-binary /nonexistent/bao`, { cwd: work });
      await t.waitFor('Challenge: Log in with AppRole and read the database password');
      await t.keys('g');
      let screen = await t.waitFor('does not exist yet');
      expect(screen.replace(/\s+/g, ' ')).toContain(
        `${join(work, 'approle')} does not exist yet: press i to create it`,
      );
      await t.keys('i');
      await t.waitFor('from a starter in which language?');
      await t.keys('1');
      await t.waitFor(/Created .*approle \(python\)/);
      await t.keys('g');
      screen = await t.waitFor(/Could not grade: .*binary provider unavailable/, 30_000);
      // Nothing keeps spinning once the grade has ended (two captures, a spinner frame apart).
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(t.screen()).not.toMatch(SPINNER);
      expect(screen).toContain(`Folder: ${join(work, 'approle')}`);
      await t.keys('q', 'q');
      expect(await t.exitCode()).toBe(0);
    });
  },
);
