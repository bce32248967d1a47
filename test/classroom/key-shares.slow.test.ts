import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { findOnPath } from '../../src/vault/binary-provider.js';
import { packageRoot } from '../../src/util/package-info.js';
import { usable } from '../helpers/expected.js';
import { cli } from './helpers/class-vault.js';
import { startCountingProxy } from './helpers/counting-proxy.js';
import { startServerMode, type ServerModeVault } from './helpers/server-mode.js';

/**
 * `classroom init --shares-dir DIR`: one 0600 file per unseal key share (for as many people), the
 * root token alone in the keys file, nothing secret on the screen, no file ever overwritten; and
 * `classroom unseal` with some of the share files, refusing in one line when too few are given.
 * Run on the compose file's server configuration by a real server-mode bao.
 */
const bao = await findOnPath('bao');
const run = usable('binary', Boolean(bao), 'no bao on PATH');

describe.runIf(run)('classroom init: one file per key share (server-mode bao)', () => {
  let work: string;
  let server: ServerModeVault & { ports: { api: number; cluster: number } };
  let localConfig: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'class-shares-'));
    await mkdir(join(work, 'raft'));
    const compose = parse(await readFile(join(packageRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: { vault: { environment: { VAULT_LOCAL_CONFIG: string } } };
    };
    localConfig = compose.services.vault.environment.VAULT_LOCAL_CONFIG;
    server = await startServerMode(localConfig, join(work, 'raft'));
  }, 60_000);
  afterAll(async () => server?.stop());

  it('refuses to overwrite an existing share file, in one line, before initialising anything', async () => {
    const env = { VAULT_ADDR: server.address };
    await mkdir(join(work, 'shares'));
    await writeFile(join(work, 'shares', 'key-share-2-of-3.json'), 'the instructor’s own file');
    const args = ['classroom', 'init', '--keys', 'root.json', '--key-shares', '3', '--key-threshold', '2'];
    const refused = await cli([...args, '--shares-dir', 'shares'], env, work);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/key-share-2-of-3\.json already exists; refusing to overwrite it/);
    expect(await readFile(join(work, 'shares', 'key-share-2-of-3.json'), 'utf8')).toBe('the instructor’s own file');
    expect((await readdir(join(work, 'shares'))).sort()).toEqual(['key-share-2-of-3.json']);
    await expect(stat(join(work, 'root.json'))).rejects.toThrow(/ENOENT/);
    expect(await new VaultAdmin(server.address).initStatus()).toBe(false);
  });

  it('refuses to unseal a server that is not initialised, at once, in one line naming classroom init', async () => {
    await writeFile(join(work, 'some-keys.json'), JSON.stringify({ unseal_keys_b64: ['not-a-real-share'] }));
    // "At once" counted, not timed (a loaded machine only adds time): one look at the seal status, no polling
    // for a cluster to join (there is none) and no key sent, as seen by a relay in front of the server.
    const relay = await startCountingProxy(server.address);
    const refused = await cli(
      ['classroom', 'unseal', '--keys', 'some-keys.json'],
      { VAULT_ADDR: relay.address },
      work,
    ).finally(() => relay.close());
    expect(relay.requests).toEqual([{ method: 'GET', path: 'sys/seal-status' }]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/is not initialised yet: run "secrets-workbook classroom init"/);
    expect(await new VaultAdmin(server.address).initStatus()).toBe(false);
  });

  it('writes each share to a 0600 file of its own, the root token alone in the keys file, none on screen', async () => {
    const env = { VAULT_ADDR: server.address };
    const args = ['classroom', 'init', '--keys', 'root.json', '--key-shares', '3', '--key-threshold', '2'];
    const init = await cli([...args, '--shares-dir', 'class-shares'], env, work);
    expect(init.exitCode, init.stderr).toBe(0);
    expect(init.stdout).toContain(
      'The 3 unseal key shares are in class-shares/, one 0600 file each (2 unseal the Vault: give each to a different person); the root token is in root.json (mode 0600).',
    );
    const dir = join(work, 'class-shares');
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(['key-share-1-of-3.json', 'key-share-2-of-3.json', 'key-share-3-of-3.json']);
    const shares: string[] = [];
    for (const [index, name] of names.entries()) {
      expect((await stat(join(dir, name))).mode & 0o777).toBe(0o600);
      const share = JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown>;
      expect(share).toMatchObject({ key_share: `${index + 1}/3`, unseal_threshold: 2 });
      expect(share.root_token).toBeUndefined();
      shares.push(...(share.unseal_keys_b64 as string[]));
    }
    expect(new Set(shares).size).toBe(3);
    const root = JSON.parse(await readFile(join(work, 'root.json'), 'utf8')) as Record<string, unknown>;
    expect((await stat(join(work, 'root.json'))).mode & 0o777).toBe(0o600);
    expect(root.unseal_keys_b64).toEqual([]);
    for (const secret of [...shares, root.root_token as string]) {
      expect(init.stdout).not.toContain(secret);
      expect(init.stderr).not.toContain(secret);
    }
    const admin = new VaultAdmin(server.address, root.root_token as string);
    expect(await admin.health()).toMatchObject({ initialized: true, sealed: false });

    // A restart: one share is not enough (one line, exit 2), two are.
    await server.stop();
    server = await startServerMode(localConfig, join(work, 'raft'), server.ports);
    const one = await cli(['classroom', 'unseal', '--keys', 'class-shares/key-share-1-of-3.json'], env, work);
    expect(one.exitCode).toBe(2);
    expect(one.stderr.trim()).toMatch(
      /is still sealed: 1 of 2 key shares given so far \(1 by this run\); pass 1 more key share file/,
    );
    const none = await cli(['classroom', 'unseal', '--keys', 'root.json'], env, work);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/root\.json holds no unseal keys/);
    const two = await cli(
      [
        'classroom',
        'unseal',
        '--keys',
        'class-shares/key-share-2-of-3.json',
        '--keys',
        'class-shares/key-share-3-of-3.json',
      ],
      env,
      work,
    );
    expect(two.exitCode, two.stderr).toBe(0);
    // The share of the refused run stayed on the server, and this run says so before adding its own.
    expect(two.stdout).toMatch(/^The Vault at \S+ has an unseal in progress: 1 of 2 key shares given already/);
    expect(two.stdout).toMatch(/^Unsealed the class Vault/m);
    for (const secret of shares) expect(`${one.stderr}${two.stdout}${two.stderr}`).not.toContain(secret);
  }, 120_000);
});
