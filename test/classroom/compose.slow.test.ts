import { copyFile, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findOnPath } from '../../src/vault/binary-provider.js';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { packageRoot } from '../../src/util/package-info.js';
import { cli } from './helpers/class-vault.js';
import { startServerMode, type ServerModeVault } from './helpers/server-mode.js';

/**
 * docker-compose.yml without a Docker engine: (1) loaded by compose-go, the library inside Docker
 * Compose (schema, interpolation, profiles, env_file), through test/compose-config; (2) the server
 * profile's Vault configuration run by a real server-mode `bao`, initialised and unsealed by
 * `classroom init`, restarted on the same raft folder, unsealed by `classroom unseal`.
 */
const composeFile = join(packageRoot, 'docker-compose.yml');
const go = await findOnPath('go');
const bao = (await findOnPath('bao')) ?? (await findOnPath('vault'));

interface Project {
  services: Record<
    string,
    {
      environment?: Record<string, string>;
      ports?: { host_ip: string; published: string; target: number }[];
      volumes?: { type: string; source: string; target: string }[];
    }
  >;
  volumes?: Record<string, unknown>;
}

describe.skipIf(!go)(
  `docker-compose.yml loaded by compose-go${go ? '' : ' (skipped: no go on PATH to build test/compose-config)'}`,
  () => {
    let tool: string;
    let work: string;
    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), 'compose-'));
      tool = join(work, 'compose-config');
      await execa(go!, ['build', '-o', tool, '.'], { cwd: join(packageRoot, 'test/compose-config'), timeout: 240_000 });
    }, 300_000);

    const load = async (file: string, profile: string) => {
      const result = await execa(tool, [file, profile], {
        reject: false,
        env: { PATH: process.env.PATH! },
        extendEnv: false,
      });
      return { ...result, project: result.exitCode === 0 ? (JSON.parse(result.stdout) as Project) : undefined };
    };

    it('server profile: one Vault on 127.0.0.1:8200 with raft on the named volume, no .env needed', async () => {
      const { project, stderr } = await load(composeFile, 'server');
      expect(stderr).toBe('');
      expect(Object.keys(project!.services)).toEqual(['vault']);
      const vault = project!.services.vault!;
      expect(vault.ports).toEqual([expect.objectContaining({ host_ip: '127.0.0.1', published: '8200', target: 8200 })]);
      expect(vault.volumes).toEqual([
        expect.objectContaining({ type: 'volume', source: 'vault-data', target: '/vault/file' }),
        expect.objectContaining({ type: 'volume', source: 'vault-audit', target: '/vault/logs' }),
      ]);
      expect(Object.keys(project!.volumes ?? {}).sort()).toEqual(['vault-audit', 'vault-data']);
    });

    it('dev profile: refuses to start without the instructor .env, takes the token from it, opens the port only when asked', async () => {
      const dir = join(work, 'class');
      await mkdir(dir, { recursive: true });
      await copyFile(composeFile, join(dir, 'docker-compose.yml'));
      const missing = await load(join(dir, 'docker-compose.yml'), 'dev');
      expect(missing.exitCode).not.toBe(0);
      expect(missing.stderr).toMatch(/\.env not found/);

      const example = await readFile(join(packageRoot, '.env.example'), 'utf8');
      await writeFile(join(dir, '.env'), example.replace('replace-me-with-a-long-random-string', 'class-token-123'));
      const dev = await load(join(dir, 'docker-compose.yml'), 'dev');
      expect(dev.stderr).toBe('');
      expect(Object.keys(dev.project!.services)).toEqual(['vault-dev']);
      const service = dev.project!.services['vault-dev']!;
      expect(service.environment?.VAULT_DEV_ROOT_TOKEN_ID).toBe('class-token-123');
      expect(service.ports).toEqual([expect.objectContaining({ host_ip: '127.0.0.1', published: '8200' })]);

      await writeFile(
        join(dir, '.env'),
        `VAULT_DEV_ROOT_TOKEN_ID=t\nCLASS_VAULT_BIND=0.0.0.0\nCLASS_VAULT_PORT=8300\n`,
      );
      const open = await load(join(dir, 'docker-compose.yml'), 'dev');
      expect(open.project!.services['vault-dev']!.ports).toEqual([
        expect.objectContaining({ host_ip: '0.0.0.0', published: '8300' }),
      ]);
    });

    it('.env is ignored by git', async () => {
      const ignored = await execa('git', ['check-ignore', '-q', '.env'], { cwd: packageRoot, reject: false });
      const example = await execa('git', ['check-ignore', '-q', '.env.example'], { cwd: packageRoot, reject: false });
      expect([ignored.exitCode, example.exitCode]).toEqual([0, 1]);
    });
  },
);

describe.skipIf(!bao)(
  `server profile configuration run by a server-mode bao${bao ? '' : ' (skipped: no bao or vault on PATH)'}`,
  () => {
    let work: string;
    let server: ServerModeVault & { ports: { api: number; cluster: number } };
    let localConfig: string;
    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), 'class-server-'));
      await mkdir(join(work, 'raft'));
      const compose = parse(await readFile(composeFile, 'utf8'), { merge: true }) as {
        services: { vault: { environment: { VAULT_LOCAL_CONFIG: string } } };
      };
      localConfig = compose.services.vault.environment.VAULT_LOCAL_CONFIG;
      server = await startServerMode(localConfig, join(work, 'raft'));
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('classroom init initialises and unseals it, keys in a 0600 file only; a second init changes nothing', async () => {
      const env = { VAULT_ADDR: server.address };
      const init = await cli(['classroom', 'init', '--keys', 'keys.json'], env, work);
      expect(init.stderr).toBe('');
      expect(init.exitCode).toBe(0);
      expect(init.stdout).toMatch(/WARNING: move keys\.json somewhere safe/);
      const keysFile = join(work, 'keys.json');
      expect((await stat(keysFile)).mode & 0o777).toBe(0o600);
      const keys = JSON.parse(await readFile(keysFile, 'utf8')) as { root_token: string; unseal_keys_b64: string[] };
      expect(keys.unseal_keys_b64).toHaveLength(1);
      expect(init.stdout).not.toContain(keys.root_token);
      expect(init.stdout).not.toContain(keys.unseal_keys_b64[0]);
      // The declared file audit device: every request recorded, the root token only as an HMAC.
      expect(init.stdout).toContain(
        `Audit: the file device class-audit/ writes every request to ${join(work, 'audit.log')} (secrets in it are HMAC-ed).`,
      );
      const audit = await readFile(join(work, 'audit.log'), 'utf8');
      expect((await stat(join(work, 'audit.log'))).mode & 0o777).toBe(0o600);
      expect(audit).toMatch(/"path":"sys\/policies\/acl\/classroom-instructor"/);
      expect(audit).not.toContain(keys.root_token);

      const root = new VaultAdmin(server.address, keys.root_token);
      expect(await root.health()).toMatchObject({ initialized: true, sealed: false });
      const mounts = await root.read<Record<string, { type: string; options?: { version?: string } }>>('sys/mounts');
      expect(mounts.data['secret/']).toMatchObject({ type: 'kv', options: { version: '2' } });

      const again = await cli(['classroom', 'init', '--keys', 'other.json'], env, work);
      expect(again.exitCode).toBe(2);
      expect(again.stderr).toMatch(/already initialised; nothing was changed/);
      await expect(stat(join(work, 'other.json'))).rejects.toThrow(/ENOENT/);
      const clobber = await cli(['classroom', 'init', '--keys', 'keys.json'], env, work);
      expect(clobber.exitCode).toBe(2);
      expect(JSON.parse(await readFile(keysFile, 'utf8'))).toEqual(keys);

      // A class on it, then a restart: sealed, unsealed with the keys file, nothing lost.
      await writeFile(join(work, 'roster.csv'), 'id,name,email\nada,Ada,\n');
      const instructor = { VAULT_ADDR: server.address, VAULT_TOKEN: keys.root_token };
      const provision = await cli(['classroom', 'provision', '--roster', 'roster.csv'], instructor, work);
      expect(provision.exitCode, provision.stderr).toBe(0);

      await server.stop();
      server = await startServerMode(localConfig, join(work, 'raft'), server.ports);
      const sealed = await cli(['classroom', 'report'], instructor, work);
      expect(sealed.exitCode).toBe(2);
      expect(sealed.stderr).toMatch(/is sealed: run "secrets-workbook classroom unseal --keys FILE"/);
      const unseal = await cli(['classroom', 'unseal', '--keys', 'keys.json'], env, work);
      expect(unseal.exitCode, unseal.stderr).toBe(0);
      expect(unseal.stdout).toMatch(/^Unsealed the class Vault/);
      const report = await cli(['classroom', 'report', '--format', 'json'], instructor, work);
      expect(report.exitCode, report.stderr).toBe(0);
      expect(
        (JSON.parse(report.stdout) as { students: { id: string }[] }).students.map((student) => student.id),
      ).toEqual(['ada']);
    });
  },
);
