import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BinaryProvider } from '../../src/vault/binary-provider.js';
import { usable } from '../helpers/expected.js';
import { startFakeDocker, type FakeDocker, type FakeDockerBehaviour } from '../helpers/fake-docker.js';
import { TmuxTerminal, tmuxAvailable } from './tmux.js';

/**
 * `npm start` → `v` with a Docker engine that answers: the built CLI in a real terminal (tmux),
 * `auto` picking Docker, and an engine (a fake one on a real unix socket, test/helpers/fake-docker.ts)
 * that refuses the pull as a machine offline or behind a proxy does, or pulls slowly enough to
 * watch. The course must come up on the next provider saying why, or show the pull's progress,
 * and never leave a spinner turning.
 */
const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const tmux = tmuxAvailable();
const binary = await new BinaryProvider().availability();
const bao = usable('binary', binary.available, binary.reason);
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

const terminals: TmuxTerminal[] = [];
const engines: FakeDocker[] = [];
afterEach(async () => {
  for (const terminal of terminals.splice(0)) terminal.kill();
  for (const engine of engines.splice(0)) await engine.close();
});

/** `command` (default: the course) in a fresh config folder, with Docker reached at the fake engine only. */
async function terminalWith(
  behaviour: FakeDockerBehaviour,
  command = `node ${cli}`,
): Promise<{ t: TmuxTerminal; engine: FakeDocker }> {
  const engine = await startFakeDocker(behaviour);
  engines.push(engine);
  const home = mkdtempSync(join(tmpdir(), 'sw-e2e-home-'));
  const env: NodeJS.ProcessEnv = { ...process.env, SECRETS_WORKBOOK_HOME: home, DOCKER_HOST: engine.dockerHost };
  for (const name of [
    'SECRETS_WORKBOOK_COURSE_DIR',
    'SECRETS_WORKBOOK_DOCKER_IMAGE',
    'VAULT_ADDR',
    'VAULT_TOKEN',
    'NO_COLOR',
    'FORCE_COLOR',
  ])
    delete env[name];
  const t = new TmuxTerminal(env);
  terminals.push(t);
  await t.start(command, { cwd: home, columns: 120, rows: 30 });
  return { t, engine };
}

async function course(behaviour: FakeDockerBehaviour): Promise<{ t: TmuxTerminal; engine: FakeDocker }> {
  const opened = await terminalWith(behaviour);
  await opened.t.waitFor('Playground Vault: down');
  return opened;
}

/** No spinner on two captures a spinner frame apart: nothing is left turning. */
async function settled(t: TmuxTerminal): Promise<void> {
  expect(t.screen()).not.toMatch(SPINNER);
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(t.screen()).not.toMatch(SPINNER);
}

function serverOn(address: string): boolean {
  const port = new URL(address).port;
  const listing = execFileSync('sh', ['-c', `ps -eo args | grep -- "127.0.0.1:${port}" | grep -v grep || true`]);
  return listing.toString().trim() !== '';
}

describe.skipIf(!existsSync(cli) || !tmux)(
  'the course in a real terminal with a Docker engine (tmux, dist/cli.js)',
  () => {
    it.skipIf(!bao)(
      'an engine that refuses the pull: v brings the playground up on the binary, with the one-line reason',
      async () => {
        const { t, engine } = await course({ registry: 'ok', pull: 'refuse' });
        const started = Date.now();
        await t.keys('v');
        const screen = await t.waitFor(
          /Playground Vault: up · binary \(OpenBao v?[\d.]+\) · http:\/\/127\.0\.0\.1:\d+/,
          30_000,
        );
        expect(Date.now() - started).toBeLessThan(20_000);
        const text = screen.replace(/\s+/g, ' ');
        // The reason Docker was passed over, on the playground screen, in one sentence.
        expect(text).toMatch(
          /docker: could not pull hashicorp\/vault:2\.1\.1: registry unreachable \(https:\/\/registry-1\.docker\.io\/v2\/: dial tcp: .*no such host\)\)/,
        );
        expect(text).toContain('export VAULT_ADDR=');
        expect(engine.requests).toContain('POST /images/create?fromImage=hashicorp%2Fvault&tag=2.1.1');
        expect(engine.containers).toEqual([]);
        await settled(t);
        const address = /(http:\/\/127\.0\.0\.1:\d+)/.exec(screen)![1]!;
        expect(serverOn(address)).toBe(true);
        await t.keys('q', 'q');
        expect(await t.exitCode(20_000)).toBe(0);
        expect(t.screen()).toContain('Playground Vault stopped.');
        expect(serverOn(address)).toBe(false);
      },
    );

    it('a pull in progress shows its layers and bytes on the playground line, then the Vault comes up on Docker', async () => {
      const { t, engine } = await course({ registry: 'ok', pull: 'ok', pullPaceMs: 700 });
      await t.keys('v');
      const pulling = await t.waitFor(
        /pulling hashicorp\/vault:2\.1\.1: \d of 2 layers, [\d.]+ MB of [\d.]+ MB/,
        20_000,
      );
      expect(pulling).toMatch(SPINNER);
      const screen = await t.waitFor(/Playground Vault: up · docker/, 30_000);
      expect(screen.replace(/\s+/g, ' ')).toMatch(/hashicorp\/vault:2\.1\.1, container [0-9a-f]{12}/);
      await settled(t);
      expect(engine.containers).toHaveLength(1);
      await t.keys('q', 'q');
      expect(await t.exitCode(20_000)).toBe(0);
      // Quitting stops what the course started: the container is removed.
      expect(engine.containers[0]!.removed).toBe(true);
    });

    it('vault up on a terminal: the pull rewrites one progress line on stderr, then the Vault runs on Docker', async () => {
      const { t, engine } = await terminalWith(
        { registry: 'ok', pull: 'ok', pullPaceMs: 700 },
        `node ${cli} vault up --vault docker`,
      );
      const pulling = await t.waitFor(
        /pulling hashicorp\/vault:2\.1\.1: \d of 2 layers, [\d.]+ MB of [\d.]+ MB/,
        20_000,
      );
      expect(pulling).toContain('pulling hashicorp/vault:2.1.1 (first use only)…');
      const screen = await t.waitFor('Press Ctrl-C to stop', 30_000);
      expect(screen).toContain('pulled hashicorp/vault:2.1.1: 2 of 2 layers, 5.0 MB of 5.0 MB');
      // One line, rewritten in place: no running count left behind on the screen.
      expect(screen).not.toMatch(/pulling hashicorp\/vault:2\.1\.1: /);
      expect(screen).toMatch(/^export VAULT_ADDR='http:\/\/127\.0\.0\.1:\d+'$/m);
      await t.keys('C-c');
      expect(await t.exitCode(20_000)).toBe(0);
      expect(engine.containers[0]!.removed).toBe(true);
    });
  },
);
