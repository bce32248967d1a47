import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { DockerProvider, type DockerFlavor } from '../../src/vault/docker-provider.js';
import { LABEL, LABEL_PID } from '../../src/vault/docker/ownership.js';
import { randomBase62 } from '../../src/util/random.js';
import { usable } from '../helpers/expected.js';
import { cliEnv, spawnCli } from '../helpers/cli.js';

/**
 * The docker provider on a real Docker engine, both flavours (on this project's machines the
 * images are the local stand-ins of scripts/build-test-images.sh, tagged with the pinned names):
 * dev mode on 127.0.0.1, the audit trail from the container's log stream, and cleanup — on stop,
 * on Ctrl-C of `vault up`, and after `kill -9` of our process (the watchdog). Where Docker is
 * expected (SECRETS_WORKBOOK_EXPECT_PROVIDERS) and cannot be used, this file fails.
 */
const smokeValue = `docker-smoke-${randomBase62(12)}`;
const flavours: DockerFlavor[] = ['vault', 'openbao'];
const reasons = await Promise.all(
  flavours.map(async (image) => {
    const availability = await new DockerProvider({ image }).availability();
    return availability.available ? '' : availability.reason;
  }),
);
const ready = usable(
  'docker',
  reasons.every((reason) => !reason),
  reasons.filter(Boolean).join('; '),
);

async function containersOf(pid: number): Promise<string[]> {
  const { stdout } = await execa('docker', ['ps', '-aq', '--filter', `label=${LABEL_PID}=${pid}`]);
  return stdout.split('\n').filter(Boolean);
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(200);
  }
  return false;
}

describe.skipIf(!ready)('docker provider against a real engine', () => {
  afterAll(async () => {
    expect(await containersOf(process.pid)).toEqual([]);
  });

  it.each(flavours)(
    '%s image: dev mode on 127.0.0.1, root token works, audit entries arrive from the log stream, removed on stop',
    async (flavor) => {
      const vault = await new DockerProvider({ image: flavor }).start();
      let anonymousVolumes: string[] | undefined;
      try {
        expect(vault.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const ids = await containersOf(process.pid);
        expect(ids).toHaveLength(1);
        const { stdout: volumes } = await execa('docker', [
          'inspect',
          '-f',
          '{{ range .Mounts }}{{ .Name }} {{ end }}',
          ids[0]!,
        ]);
        anonymousVolumes = volumes.trim().split(/\s+/).filter(Boolean);
        const { stdout: ports } = await execa('docker', ['port', ids[0]!, '8200/tcp']);
        expect(ports.trim()).toMatch(/^127\.0\.0\.1:\d+$/);
        const admin = new VaultAdmin(vault.address, vault.rootToken);
        await admin.kvPut('secret', 'docker/smoke', { password: smokeValue });
        expect((await admin.kvGet('secret', 'docker/smoke'))?.data).toEqual({ password: smokeValue });
        const entries = await vault.auditTrail!.entries();
        expect(
          entries.filter((entry) => entry.request.path === 'secret/data/docker/smoke').length,
        ).toBeGreaterThanOrEqual(2);
        const text = JSON.stringify(entries);
        expect(text).not.toContain(smokeValue);
        expect(text).toContain(await vault.auditTrail!.hash(smokeValue));
      } finally {
        await vault.stop();
      }
      expect(await containersOf(process.pid)).toEqual([]);
      // The images declare volumes (as the official ones do); they go with the container.
      expect(anonymousVolumes?.length).toBeGreaterThan(0);
      const { stdout: left } = await execa('docker', ['volume', 'ls', '-q']);
      for (const volume of anonymousVolumes ?? []) expect(left.split('\n')).not.toContain(volume);
    },
  );

  it.each(flavours)(
    'vault up --vault docker --image %s: exports that work; Ctrl-C removes the container',
    async (image) => {
      const cli = spawnCli(['vault', 'up', '--vault', 'docker', '--image', image]);
      try {
        await cli.waitFor(/Press Ctrl-C to stop/, 'stderr', 60_000);
        const address = /VAULT_ADDR='([^']+)'/.exec(cli.stdout())![1]!;
        const token = /VAULT_TOKEN='([^']+)'/.exec(cli.stdout())![1]!;
        expect(cli.stderr()).toMatch(/^docker: Docker engine .* image .* present/m);
        await new VaultAdmin(address, token).kvPut('secret', 'up/check', { greeting: 'hello' });
        expect(await containersOf(cli.child.pid!)).toHaveLength(1);
        cli.child.kill('SIGINT');
        expect(await cli.exited).toEqual({ code: 0, signal: null });
        expect(await containersOf(cli.child.pid!)).toEqual([]);
      } finally {
        cli.child.kill('SIGKILL');
      }
    },
  );

  it('after kill -9 of vault up, its container is removed (no reaper image needed)', async () => {
    const cli = spawnCli(['vault', 'up', '--vault', 'docker', '--image', 'openbao']);
    await cli.waitFor(/Press Ctrl-C to stop/, 'stderr', 60_000);
    const pid = cli.child.pid!;
    expect(await containersOf(pid)).toHaveLength(1);
    cli.child.kill('SIGKILL');
    await cli.exited;
    expect(await until(async () => (await containersOf(pid)).length === 0, 20_000)).toBe(true);
  });

  it('a second vault up says where the first one is, exit 2', async () => {
    const env = cliEnv();
    const first = spawnCli(['vault', 'up', '--vault', 'docker'], env);
    try {
      await first.waitFor(/Press Ctrl-C to stop/, 'stderr', 60_000);
      const address = /VAULT_ADDR='([^']+)'/.exec(first.stdout())![1]!;
      const second = spawnCli(['vault', 'up'], env);
      expect((await second.exited).code).toBe(2);
      expect(second.stderr()).toContain(
        `error: a playground Vault is already running at ${address} (docker, started by vault up, pid ${first.child.pid}`,
      );
      expect(second.stdout()).toBe('');
    } finally {
      first.child.kill('SIGINT');
      await first.exited;
    }
  });

  it('leaves containers of other live processes alone', async () => {
    const { stdout } = await execa('docker', ['ps', '-aq', '--filter', `label=${LABEL}`]);
    const before = stdout.split('\n').filter(Boolean);
    const vault = await new DockerProvider({ image: 'openbao' }).start({ audit: false });
    await vault.stop();
    const { stdout: after } = await execa('docker', ['ps', '-aq', '--filter', `label=${LABEL}`]);
    // Whatever other live runs had is still there (only containers of dead owners may go).
    for (const id of before) {
      const { stdout: owner } = await execa(
        'docker',
        ['inspect', '-f', `{{ index .Config.Labels "${LABEL_PID}" }}`, id],
        { reject: false },
      );
      const alive =
        owner &&
        (() => {
          try {
            process.kill(Number(owner), 0);
            return true;
          } catch {
            return false;
          }
        })();
      if (alive) expect(after).toContain(id);
    }
  });
});
