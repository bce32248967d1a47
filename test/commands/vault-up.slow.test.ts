import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { freePort, isPortFree } from '../../src/util/net.js';
import { locateBao } from '../helpers/bao.js';
import { serversOnPort, spawnCli, runCli } from '../helpers/cli.js';

const bao = await locateBao();
const EXPORTS = /^export VAULT_ADDR='(http:\/\/127\.0\.0\.1:(\d+))'\nexport VAULT_TOKEN='([A-Za-z0-9]+)'\n$/;

async function gone(port: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await serversOnPort(port)).length === 0 && (await isPortFree(port))) return true;
    await sleep(100);
  }
  return false;
}

describe.skipIf(!bao)('secrets-workbook vault up (real child process, binary provider on bao)', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    'prints eval-able exports that work; %s stops it cleanly with exit 0, port freed',
    async (signal) => {
      const port = await freePort();
      const cli = spawnCli(['vault', 'up', '--vault', 'binary', '--port', String(port)]);
      try {
        await cli.waitFor(/VAULT_TOKEN='.*'\n/);
        await cli.waitFor(/Press Ctrl-C to stop/, 'stderr');
        const match = cli.stdout().match(EXPORTS);
        expect(match, cli.stdout()).not.toBeNull();
        const [, address, printedPort, token] = match!;
        expect(Number(printedPort)).toBe(port);
        expect(cli.stderr()).toMatch(/^binary: OpenBao v[\d.]+ at .*bao \(--vault binary\)$/m);
        expect(cli.stderr()).not.toContain(token); // the token is on stdout only

        // Use them the way a learner would: KV v2 is mounted at secret/, the token is root.
        const admin = new VaultAdmin(address!, token);
        await admin.kvPut('secret', 'playground/check', { greeting: 'hello' });
        expect((await admin.kvGet('secret', 'playground/check'))?.data).toEqual({ greeting: 'hello' });
        // …and the way the lessons say: eval the lines in a shell, then use the real CLI.
        const viaShell = await execa(
          'sh',
          ['-c', `eval "$EXPORTS"; exec "$BAO" kv get -field=greeting secret/playground/check`],
          {
            env: { PATH: process.env.PATH, HOME: process.env.HOME, EXPORTS: cli.stdout(), BAO: bao },
            extendEnv: false,
            reject: false,
          },
        );
        expect(viaShell.stdout).toBe('hello');

        cli.child.kill(signal);
        expect(await cli.exited).toEqual({ code: 0, signal: null });
        expect(cli.stderr()).toMatch(/stopped\.\n$/);
        expect(await gone(port)).toBe(true);
      } finally {
        cli.child.kill('SIGKILL');
      }
    },
  );

  it('a port already in use is one line on stderr and exit 2, nothing started', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const result = await runCli(['vault', 'up', '--vault', 'binary', '--port', String(port)]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `error: port ${port} on 127.0.0.1 is already in use; pick another with --port or leave it out for a free one`,
      );
      expect(await serversOnPort(port)).toEqual([]);
    } finally {
      holder.close();
    }
  });

  it('leaves nothing running even when it is killed with SIGKILL (the watchdog stops the server)', async () => {
    const port = await freePort();
    const cli = spawnCli(['vault', 'up', '--vault', 'binary', '--port', String(port)]);
    await cli.waitFor(/VAULT_TOKEN='.*'\n/);
    expect((await serversOnPort(port)).length).toBeGreaterThan(0);
    cli.child.kill('SIGKILL');
    await cli.exited;
    expect(await gone(port)).toBe(true);
  });

  it('--root-token sets the token it prints', async () => {
    const port = await freePort();
    const cli = spawnCli([
      'vault',
      'up',
      '--vault',
      'binary',
      '--port',
      String(port),
      '--root-token',
      'learner-playground-1',
    ]);
    try {
      await cli.waitFor(/VAULT_TOKEN='learner-playground-1'\n/);
      const response = await fetch(`http://127.0.0.1:${port}/v1/auth/token/lookup-self`, {
        headers: { 'X-Vault-Token': 'learner-playground-1' },
      });
      expect(response.status).toBe(200);
      cli.child.kill('SIGTERM');
      expect((await cli.exited).code).toBe(0);
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('a second vault up says only where the first one is (no word about ports), exit 2; --vault external is refused first', async () => {
    // No --port: the first takes 8200 (or a free port), so the second would see 8200 taken or not.
    const first = spawnCli(['vault', 'up', '--vault', 'binary']);
    try {
      await first.waitFor(/Press Ctrl-C to stop/, 'stderr');
      const address = /VAULT_ADDR='([^']+)'/.exec(first.stdout())![1]!;
      const second = await runCli(['vault', 'up', '--vault', 'binary']);
      expect(second.code).toBe(2);
      expect(second.stdout).toBe('');
      expect(second.stderr.split('\n')).toHaveLength(1);
      expect(second.stderr).toMatch(
        new RegExp(`^error: a playground Vault is already running at ${address} \\(binary, started by vault up`),
      );
      const external = await runCli(['vault', 'up', '--vault', 'external']);
      expect(external.code).toBe(2);
      expect(external.stderr).toBe(
        'error: --vault external cannot be used here: this command starts its own Vault (use auto, docker, binary or embedded)',
      );
    } finally {
      first.child.kill('SIGINT');
      await first.exited;
    }
  });
});
