import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import nodeVault from 'node-vault';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer, type EmbeddedServer } from '../../../src/vault/embedded/index.js';
import { findOnPath } from '../../../src/vault/binary-provider.js';
import { baoPath } from './helpers/dev-bao.js';
import { randomBase62 } from '../../../src/util/random.js';
import { usable } from '../../helpers/expected.js';

// Made at run time: no password-looking literal in the repository (secrets-workbook scan . stays clean).
const nodeVaultValue = `node-vault-${randomBase62(12)}`;
const hvacValue = `hvac-${randomBase62(12)}`;
const cliValue = `cli-${randomBase62(12)}`;

/** Real clients, unchanged, against the embedded server: node-vault, hvac (Python), the bao CLI, Go's vault/api. */
let server: EmbeddedServer;
beforeAll(async () => {
  server = await startEmbeddedServer();
});
afterAll(async () => {
  await server.stop();
});

describe('node-vault', () => {
  it('runs the AppRole + KV v2 flow', async () => {
    const admin = nodeVault({ endpoint: server.address, token: server.rootToken });
    expect((await admin.health()).sealed).toBe(false);
    await admin.enableAuth({ mount_point: 'nv-approle', type: 'approle', description: 'node-vault' });
    await admin.addPolicy({
      name: 'nv-app',
      rules:
        'path "secret/data/nv/*" { capabilities = ["read"] }\npath "secret/metadata/nv/*" { capabilities = ["list"] }',
    });
    await admin.addApproleRole({ mount_point: 'nv-approle', role_name: 'nv', policies: 'nv-app' });
    const roleId = (await admin.getApproleRoleId({ mount_point: 'nv-approle', role_name: 'nv' })).data
      .role_id as string;
    const secretId = (await admin.getApproleRoleSecret({ mount_point: 'nv-approle', role_name: 'nv' })).data
      .secret_id as string;
    await admin.write('secret/data/nv/config', { data: { password: nodeVaultValue } });
    await admin.write('secret/data/nv/other', { data: { a: 'b' } });

    const app = nodeVault({ endpoint: server.address });
    const login = await app.approleLogin({ mount_point: 'nv-approle', role_id: roleId, secret_id: secretId });
    expect(login.auth.policies).toEqual(['default', 'nv-app']);
    const read = await app.read('secret/data/nv/config');
    expect(read.data.data).toEqual({ password: nodeVaultValue });
    expect((await app.list('secret/metadata/nv')).data.keys).toEqual(['config', 'other']);
    await expect(app.write('secret/data/nv/config', { data: { x: 'y' } })).rejects.toMatchObject({
      response: { statusCode: 403 },
    });
    await expect(app.read('secret/data/elsewhere')).rejects.toThrow('permission denied');

    await admin.delete('secret/data/nv/config');
    await expect(admin.read('secret/data/nv/config')).rejects.toMatchObject({ response: { statusCode: 404 } });
    await expect(
      nodeVault({ endpoint: server.address }).approleLogin({
        mount_point: 'nv-approle',
        role_id: roleId,
        secret_id: 'wrong',
      }),
    ).rejects.toThrow('invalid role or secret ID');
    const wrap = await admin.request({
      path: '/auth/nv-approle/role/nv/secret-id',
      method: 'POST',
      headers: { 'X-Vault-Wrap-TTL': '60s' },
    });
    const unwrapped = await admin.unwrap({ token: wrap.wrap_info.token });
    expect(unwrapped.data.secret_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

const python = await findOnPath('python3');
const hvacAvailable = python
  ? execFileSync(python, ['-c', 'import hvac; print(hvac.__version__ if hasattr(hvac, "__version__") else "ok")'], {
      encoding: 'utf8',
    }).trim()
  : '';

describe.skipIf(!hvacAvailable)(`hvac ${hvacAvailable} (a real Python process)`, () => {
  it('runs the AppRole + KV v2 flow', async () => {
    const result = await execa(python!, [join(import.meta.dirname, 'clients', 'hvac_flow.py')], {
      env: {
        VAULT_ADDR: server.address,
        VAULT_TOKEN: server.rootToken,
        TEST_VALUE: hvacValue,
        PATH: process.env.PATH ?? '',
      },
      extendEnv: false,
      reject: false,
    });
    expect(result.stderr.replace(/.*DeprecationWarning.*\n?.*\n?/g, '')).not.toMatch(/Traceback/);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      authenticated: true,
      health_status: 200,
      sealed: false,
      policy:
        'path "secret/data/app/*" { capabilities = ["read"] }\npath "secret/metadata/app/*" { capabilities = ["list"] }',
      role_policies: ['app'],
      secret_id_accessor_listed: true,
      login_policies: ['app', 'default'],
      app_authenticated: true,
      read: { password: hvacValue, port: 5432 },
      version: 1,
      listed: ['config', 'other'],
      write_denied: ['1 error occurred:\n\t* permission denied\n\n'],
      bad_login: ['invalid role or secret ID'],
      deleted_time_set: true,
      missing: 'InvalidPath',
    });
    expect(out.auth_methods).toEqual(expect.arrayContaining(['approle/', 'token/']));
  });

  it('is_initialized, leader status and mount tuning', async () => {
    const result = await execa(python!, [join(import.meta.dirname, 'clients', 'hvac_sys_flow.py')], {
      env: { VAULT_ADDR: server.address, VAULT_TOKEN: server.rootToken, PATH: process.env.PATH ?? '' },
      extendEnv: false,
      reject: false,
    });
    expect(result.stderr.replace(/.*DeprecationWarning.*\n?.*\n?/g, '')).not.toMatch(/Traceback/);
    expect(JSON.parse(result.stdout)).toEqual({
      initialized: true,
      ha_enabled: false,
      tuned: { default_lease_ttl: 3600, max_lease_ttl: 7200, description: 'tuned by hvac' },
      bad_tune: ['backend max lease TTL of 7200 would be less than backend default lease TTL of 10800'],
    });
  });
});

const bao = await baoPath();

describe.skipIf(!bao)('the bao CLI', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'embedded-cli-'));
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });
  const cli = (args: string[], token = server.rootToken, input?: string) =>
    execa(bao!, args, {
      env: {
        BAO_ADDR: server.address,
        VAULT_ADDR: server.address,
        BAO_TOKEN: token,
        HOME: home,
        PATH: process.env.PATH ?? '',
      },
      extendEnv: false,
      reject: false,
      input,
    });

  it('kv put/get/list/metadata, policy write, approle login, token lookup, secrets list, wrap and unwrap', async () => {
    expect((await cli(['kv', 'put', 'secret/cli/app', 'user=cli', `password=${cliValue}`])).exitCode).toBe(0);
    const get = await cli(['kv', 'get', '-format=json', 'secret/cli/app']);
    expect(get.exitCode).toBe(0);
    expect(JSON.parse(get.stdout).data.data).toEqual({ user: 'cli', password: cliValue });
    expect((await cli(['kv', 'get', '-field=user', 'secret/cli/app'])).stdout).toBe('cli');
    const metadata = await cli(['kv', 'metadata', 'get', '-format=json', 'secret/cli/app']);
    expect(JSON.parse(metadata.stdout).data.current_version).toBe(1);
    expect(JSON.parse((await cli(['kv', 'list', '-format=json', 'secret/cli'])).stdout)).toEqual(['app']);
    const missing = await cli(['kv', 'get', 'secret/cli/nope']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('No value found at secret/data/cli/nope');

    const secrets = JSON.parse((await cli(['secrets', 'list', '-format=json'])).stdout) as Record<
      string,
      { type: string; options: { version?: string } | null }
    >;
    expect(secrets['secret/']).toMatchObject({ type: 'kv', options: { version: '2' } });

    const policyFile = join(home, 'app.hcl');
    await writeFile(policyFile, 'path "secret/data/cli/*" {\n  capabilities = ["read"]\n}\n');
    expect((await cli(['policy', 'write', 'cli-app', policyFile])).stdout).toContain(
      'Success! Uploaded policy: cli-app',
    );
    expect((await cli(['policy', 'read', 'cli-app'])).stdout).toContain('path "secret/data/cli/*"');
    expect((await cli(['auth', 'enable', '-path=cli-approle', 'approle'])).exitCode).toBe(0);
    expect((await cli(['write', 'auth/cli-approle/role/cli', 'token_policies=cli-app', 'token_ttl=1h'])).exitCode).toBe(
      0,
    );
    const roleId = (await cli(['read', '-field=role_id', 'auth/cli-approle/role/cli/role-id'])).stdout;
    const secretId = (await cli(['write', '-f', '-field=secret_id', 'auth/cli-approle/role/cli/secret-id'])).stdout;
    const login = await cli([
      'write',
      '-format=json',
      'auth/cli-approle/login',
      `role_id=${roleId}`,
      `secret_id=${secretId}`,
    ]);
    expect(login.exitCode).toBe(0);
    const appToken = JSON.parse(login.stdout).auth.client_token as string;
    const lookup = JSON.parse((await cli(['token', 'lookup', '-format=json'], appToken)).stdout);
    expect(lookup.data).toMatchObject({
      display_name: 'cli-approle',
      policies: ['cli-app', 'default'],
      path: 'auth/cli-approle/login',
    });
    expect((await cli(['kv', 'get', '-field=password', 'secret/cli/app'], appToken)).stdout).toBe(cliValue);
    const denied = await cli(['kv', 'put', 'secret/cli/app', 'x=y'], appToken);
    expect(denied.exitCode).toBe(2);
    expect(denied.stderr).toContain('permission denied');

    const wrapped = await cli(['read', '-wrap-ttl=60s', '-field=wrapping_token', 'secret/data/cli/app']);
    expect(wrapped.exitCode).toBe(0);
    const unwrap = await cli(['unwrap', '-format=json', wrapped.stdout.trim()]);
    expect(JSON.parse(unwrap.stdout).data.data).toEqual({ user: 'cli', password: cliValue });
    const again = await cli(['unwrap', wrapped.stdout.trim()]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('wrapping token is not valid or does not exist');
  });

  it('status, secrets tune, path-help, kv patch, kv rollback and kv metadata put', async () => {
    const status = await cli(['status', '-format=json']);
    expect(status.exitCode).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ initialized: true, sealed: false, ha_enabled: false });

    expect((await cli(['secrets', 'enable', '-path=tuned', '-version=2', 'kv'])).exitCode).toBe(0);
    const tune = await cli(['secrets', 'tune', '-default-lease-ttl=1h', '-max-lease-ttl=2h', 'tuned/']);
    expect(tune.stdout).toContain('Success! Tuned the secrets engine at: tuned/');
    const tuned = JSON.parse((await cli(['read', '-format=json', 'sys/mounts/tuned/tune'])).stdout);
    expect(tuned.data).toMatchObject({ default_lease_ttl: 3600, max_lease_ttl: 7200, options: { version: '2' } });
    const badTune = await cli(['secrets', 'tune', '-default-lease-ttl=3h', 'tuned/']);
    expect(badTune.exitCode).toBe(2);
    expect(badTune.stderr).toContain('backend max lease TTL of 7200 would be less than backend default lease TTL');

    const help = await cli(['path-help', 'secret']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('This backend provides a versioned key-value store.');
    expect(help.stdout).toContain('^data/(?P<path>.*)$');

    expect((await cli(['kv', 'put', 'tuned/app', 'user=one'])).exitCode).toBe(0);
    expect((await cli(['kv', 'patch', 'tuned/app', 'port=5432'])).exitCode).toBe(0);
    const patched = JSON.parse((await cli(['kv', 'get', '-format=json', 'tuned/app'])).stdout);
    expect(patched.data).toMatchObject({ data: { user: 'one', port: '5432' }, metadata: { version: 2 } });
    expect((await cli(['kv', 'rollback', '-version=1', 'tuned/app'])).exitCode).toBe(0);
    const rolledBack = JSON.parse((await cli(['kv', 'get', '-format=json', 'tuned/app'])).stdout);
    expect(rolledBack.data).toMatchObject({ data: { user: 'one' }, metadata: { version: 3 } });
    expect(rolledBack.data.data.port).toBeUndefined();
    const put = await cli(['kv', 'metadata', 'put', '-max-versions=4', '-custom-metadata=owner=cli', 'tuned/app']);
    expect(put.stdout).toContain('Success! Data written to: tuned/metadata/app');
    const metadata = JSON.parse((await cli(['kv', 'metadata', 'get', '-format=json', 'tuned/app'])).stdout);
    expect(metadata.data).toMatchObject({ max_versions: 4, custom_metadata: { owner: 'cli' }, current_version: 3 });
  });
});

const go = (() => {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return usable('go', true, '');
  } catch (error) {
    return usable('go', false, (error as Error).message.split('\n')[0]!);
  }
})();

describe.skipIf(!go)('the Go client (github.com/hashicorp/vault/api), a real Go program', () => {
  it('status, tuning, AppRole login, KV v2 put/patch/rollback/metadata, wrap and rewrap', async () => {
    const result = await execa('go', ['run', '.'], {
      cwd: join(import.meta.dirname, 'clients', 'go-flow'),
      env: {
        VAULT_ADDR: server.address,
        VAULT_TOKEN: server.rootToken,
        TEST_VALUE: cliValue,
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        // Built from the module cache (the same modules the Go solutions use), never the network.
        GOFLAGS: '-mod=mod -buildvcs=false',
        GOPROXY: 'off',
      },
      extendEnv: false,
      reject: false,
      timeout: 240_000,
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      initialized: true,
      init_status: true,
      ha_enabled: false,
      tuned_default_ttl: 3600,
      current_version: 3,
      max_versions: 5,
      custom_metadata: { owner: 'go' },
      login_policies: ['default', 'go-app'],
      read_version: 3,
      read_keys: 2,
      password_matches: true,
      unwrapped: 'wrapped by Go',
      old_wrapping_token: expect.stringContaining('wrapping token is not valid or does not exist'),
    });
  }, 300_000);
});
