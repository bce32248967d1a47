import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { DOCKER_IMAGES } from '../../src/vault/docker-provider.js';
import { freePort } from '../../src/util/net.js';
import { packageRoot } from '../../src/util/package-info.js';
import { randomBase62 } from '../../src/util/random.js';
import { usable } from '../helpers/expected.js';
import { cli } from './helpers/class-vault.js';

/**
 * docker-compose.yml brought up for real by Docker Compose v2 on the Docker engine, with the
 * pinned image (the local stand-in where no registry is reachable, see
 * scripts/build-test-images.sh): the dev profile answers with the instructor's token; the server
 * profile is initialised, provisioned and reported on by `classroom …`, and a restart keeps the
 * data. Each run uses its own project name and port, so parallel runs on one engine do not meet.
 */
const compose = await execa('docker', ['compose', 'version'], { reject: false });
const image = await execa('docker', ['image', 'inspect', DOCKER_IMAGES.vault], { reject: false });
const ready = usable(
  'docker',
  compose.exitCode === 0 && image.exitCode === 0,
  compose.exitCode !== 0 ? `no docker compose (${compose.stderr.split('\n')[0]})` : `no ${DOCKER_IMAGES.vault} image`,
);

describe.skipIf(!ready)('docker compose up (Compose v2, real engine)', () => {
  let work: string;
  let port: number;
  const project = `sw-compose-test-${process.pid}`;
  const run = (args: string[]) =>
    execa('docker', ['compose', '--project-name', project, ...args], {
      cwd: work,
      env: { CLASS_VAULT_PORT: String(port), CLASS_VAULT_IMAGE: DOCKER_IMAGES.vault },
      reject: false,
      timeout: 120_000,
    });

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'sw-compose-'));
    port = await freePort();
    await copyFile(join(packageRoot, 'docker-compose.yml'), join(work, 'docker-compose.yml'));
  });
  afterAll(async () => {
    if (work) await run(['--profile', 'dev', '--profile', 'server', 'down', '--volumes', '--timeout', '1']);
  });

  it('dev profile: up and healthy on 127.0.0.1, the root token from .env', async () => {
    const token = randomBase62(24);
    await writeFile(join(work, '.env'), `VAULT_DEV_ROOT_TOKEN_ID=${token}\n`);
    const up = await run(['--profile', 'dev', 'up', '--detach', '--wait']);
    expect(up.exitCode, up.stderr).toBe(0);
    const { stdout: published } = await run(['--profile', 'dev', 'port', 'vault-dev', '8200']);
    expect(published.trim()).toBe(`127.0.0.1:${port}`);
    const admin = new VaultAdmin(`http://127.0.0.1:${port}`, token);
    expect(await admin.health()).toMatchObject({ initialized: true, sealed: false });
    await admin.kvPut('secret', 'class/check', { greeting: 'hello' });
    const down = await run(['--profile', 'dev', 'down', '--volumes', '--timeout', '1']);
    expect(down.exitCode, down.stderr).toBe(0);
  });

  it('server profile: classroom init, provision and report against it; a restart keeps the data', async () => {
    const up = await run(['--profile', 'server', 'up', '--detach', '--wait']);
    expect(up.exitCode, up.stderr).toBe(0);
    const address = `http://127.0.0.1:${port}`;
    const init = await cli(['classroom', 'init', '--keys', 'keys.json'], { VAULT_ADDR: address }, work);
    expect(init.exitCode, init.stderr).toBe(0);
    const keys = JSON.parse(await readFile(join(work, 'keys.json'), 'utf8')) as { root_token: string };
    expect(init.stdout).toContain('Audit: the file device class-audit/ writes every request to /vault/logs/audit.log');
    const auditLog = () => run(['--profile', 'server', 'exec', '-T', 'vault', 'cat', '/vault/logs/audit.log']);
    const audited = await auditLog();
    expect(audited.stdout).toMatch(/"path":"sys\/policies\/acl\/classroom-instructor"/);
    expect(audited.stdout).not.toContain(keys.root_token);
    const instructor = { VAULT_ADDR: address, VAULT_TOKEN: keys.root_token };
    await writeFile(join(work, 'roster.csv'), 'id,name,email\nada,Ada,\nbob,Bob,\n');
    const provision = await cli(['classroom', 'provision', '--roster', 'roster.csv'], instructor, work);
    expect(provision.exitCode, provision.stderr).toBe(0);

    const restart = await run(['--profile', 'server', 'restart', '--timeout', '2']);
    expect(restart.exitCode, restart.stderr).toBe(0);
    const sealed = await cli(['classroom', 'report'], instructor, work);
    expect(sealed.stderr).toMatch(/is sealed/);
    const unseal = await cli(['classroom', 'unseal', '--keys', 'keys.json'], { VAULT_ADDR: address }, work);
    expect(unseal.exitCode, unseal.stderr).toBe(0);
    const report = await cli(['classroom', 'report', '--format', 'json'], instructor, work);
    expect(report.exitCode, report.stderr).toBe(0);
    const students = (JSON.parse(report.stdout) as { students: { id: string }[] }).students.map((s) => s.id);
    expect(students).toEqual(['ada', 'bob']);
    // The audit log is on its own volume: the restart kept it, and the report was recorded too.
    const after = await auditLog();
    expect(after.stdout.startsWith(audited.stdout)).toBe(true);
    expect(after.stdout).toMatch(/"path":"secret\/metadata\/classroom\/students\/?"/);
  });
});
