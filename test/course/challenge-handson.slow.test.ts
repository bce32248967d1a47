import { execa, type ResultPromise } from 'execa';
import { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChallenge } from '../../src/course/challenges.js';
import { freePort } from '../../src/grader/kinds/project/tls-probe.js';
import { runVaultCheck, type VaultCheck } from '../../src/course/vault-checks.js';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { BinaryProvider, findOnPath } from '../../src/vault/binary-provider.js';
import type { RunningVault } from '../../src/vault/provider.js';
import { startVault } from '../../src/vault/select.js';

/**
 * The hands-on parts of the orchestrator, rotation, mini-project and dynamic-tls challenges, done as their
 * READMEs say with the real CLI against a playground server: each setup check is not done before
 * its step and done after it, and the reference solution then behaves as the README promises
 * against the playground (version 2 picked up and still running after the token's end; a wrapped
 * secret_id that works once; the mini project's setup script run twice, then its app serving the
 * certificate the script stored).
 */
const availability = await new BinaryProvider().availability();
const cli = (await findOnPath('vault')) ? 'vault' : 'bao';

describe.skipIf(!availability.available)(`hands-on parts against a playground (${cli} CLI)`, () => {
  let vault: RunningVault;
  let admin: VaultAdmin;
  let work: string;
  const running: ResultPromise[] = [];
  const run = (command: string, extra: Record<string, string> = {}) =>
    execa('sh', ['-c', command], {
      cwd: work,
      env: { VAULT_ADDR: vault.address, VAULT_TOKEN: vault.rootToken, ...extra },
      reject: false,
    });

  beforeAll(async () => {
    ({ vault } = await startVault('binary', { audit: false }));
    admin = new VaultAdmin(vault.address, vault.rootToken);
    work = await mkdtemp(join(tmpdir(), 'sw-handson-'));
  });
  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL');
    await vault?.stop();
    await rm(work, { recursive: true, force: true });
  });

  async function step(challenge: string, id: string, commands: string) {
    const { definition } = await loadChallenge(challenge);
    const found = definition.setup.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`${challenge} has no setup step ${id}`);
    const check = found.check as VaultCheck;
    const before = await runVaultCheck(admin, check);
    const result = await run(commands);
    expect(result.exitCode, result.stderr).toBe(0);
    const after = await runVaultCheck(admin, check);
    return { before, after, instructions: found.instructions };
  }

  it('rotation: the setup steps tick, and the solution picks up version 2 and outlives its first token', async () => {
    const enable = await step('rotation', 'enable-approle', `${cli} auth enable approle`);
    expect([enable.before.done, enable.after.done]).toEqual([false, true]);
    const store = await step(
      'rotation',
      'store-password',
      `${cli} kv put secret/rotation/database password="$(openssl rand -base64 24)"`,
    );
    expect([store.before.done, store.after.done]).toEqual([false, true]);
    await writeFile(
      join(work, 'rotation-app.hcl'),
      'path "secret/data/rotation/database" { capabilities = ["read"] }\n',
    );
    const policy = await step('rotation', 'write-policy', `${cli} policy write rotation-app rotation-app.hcl`);
    expect([policy.before.done, policy.after.done]).toEqual([false, true]);
    const role = await step(
      'rotation',
      'create-role',
      `${cli} write auth/approle/role/rotation-app token_policies=rotation-app token_ttl=3s token_max_ttl=6s secret_id_num_uses=20`,
    );
    expect([role.before.done, role.after.done]).toEqual([false, true]);
    expect(role.instructions).toContain('token_ttl=3s token_max_ttl=6s secret_id_num_uses=20');

    const roleId = (await run(`${cli} read -field=role_id auth/approle/role/rotation-app/role-id`)).stdout.trim();
    const secretId = (
      await run(`${cli} write -f -field=secret_id auth/approle/role/rotation-app/secret-id`)
    ).stdout.trim();
    const { summary } = await loadChallenge('rotation');
    const app = execa('python3', ['app.py'], {
      cwd: join(summary.dir, 'solutions', 'python'),
      env: { VAULT_ADDR: vault.address, VAULT_ROLE_ID: roleId, VAULT_SECRET_ID: secretId, PYTHONUNBUFFERED: '1' },
      reject: false,
      all: true,
    });
    running.push(app);
    let output = '';
    app.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('version 1'), 10_000);
    const rotate = await step(
      'rotation',
      'rotate',
      `${cli} kv put secret/rotation/database password="$(openssl rand -base64 24)"`,
    );
    expect([rotate.before.done, rotate.after.done]).toEqual([false, true]);
    await waitFor(() => output.includes('version 2'), 3_000);
    await sleep(7_000); // past token_max_ttl of its first token
    expect(app.exitCode).toBeNull();
    expect(output).not.toMatch(/Traceback|Error/);
    app.kill('SIGTERM');
  }, 60_000);

  it('mini-project: the solution setup.sh ticks every setup step, runs twice, and the app then serves the stored certificate', async () => {
    const { summary, definition } = await loadChallenge('mini-project');
    const checks = definition.setup.map((found) => found.check as VaultCheck);
    const before = await Promise.all(checks.map((check) => runVaultCheck(admin, check)));
    // AppRole may be enabled already (the rotation test above did it, as a learner's earlier challenge would).
    const doneAlready = definition.setup.filter((step, index) => step.id !== 'enable-approle' && before[index]!.done);
    expect(doneAlready).toEqual([]);
    // The hands-on part as the README says: `sh setup.sh` with the playground's two variables, with a
    // `vault` that may be bao (the workspace of the lesson tests makes the same shim).
    const bin = join(work, 'bin');
    await mkdir(bin, { recursive: true });
    await writeFile(
      join(bin, 'vault'),
      `#!/bin/sh\nexec ${cli === 'vault' ? 'vault' : JSON.stringify((await findOnPath('bao'))!)} "$@"\n`,
      {
        mode: 0o755,
      },
    );
    const path = `${bin}:${process.env.PATH}`;
    await writeFile(join(work, 'setup.sh'), await readFile(join(summary.dir, 'solutions', 'node', 'setup.sh'), 'utf8'));
    for (const round of [1, 2]) {
      const setup = await run('sh setup.sh', { PATH: path });
      expect(setup.exitCode, `round ${round}: ${setup.stderr}`).toBe(0);
      expect(setup.stdout).toContain('mini-app is set up');
    }
    const after = await Promise.all(checks.map((check) => runVaultCheck(admin, check)));
    expect(after.filter((outcome) => !outcome.done)).toEqual([]);
    await expect(readdir(work)).resolves.not.toContain('key.pem');

    // Then the app, handed what an orchestrator would hand it (the README's commands).
    const port = await freePort();
    const handover = await run(
      'export VAULT_ROLE_ID="$(vault read -field=role_id auth/approle/role/mini-app/role-id)" && export VAULT_SECRET_ID="$(vault write -f -field=secret_id auth/approle/role/mini-app/secret-id)" && env | grep -E "^VAULT_(ROLE|SECRET)_ID=" | cut -d= -f1',
      { PATH: path },
    );
    expect(handover.stdout.split('\n').sort()).toEqual(['VAULT_ROLE_ID', 'VAULT_SECRET_ID']);
    const roleId = (
      await run('vault read -field=role_id auth/approle/role/mini-app/role-id', { PATH: path })
    ).stdout.trim();
    const { secretId } = await admin.newSecretId('mini-app');
    const app = execa('node', ['main.js'], {
      cwd: join(summary.dir, 'solutions', 'node'),
      env: { VAULT_ADDR: vault.address, VAULT_ROLE_ID: roleId, VAULT_SECRET_ID: secretId, PORT: String(port) },
      reject: false,
      all: true,
    });
    running.push(app);
    let output = '';
    app.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('serving https://'), 15_000);
    const served = await run(
      `echo | openssl s_client -connect 127.0.0.1:${port} -servername api.mini.internal 2>/dev/null | openssl x509 -noout -fingerprint -sha256`,
    );
    const stored = await admin.kvGet('secret', 'mini/tls');
    const fingerprint = new X509Certificate(String(stored!.data.certificate)).fingerprint256;
    expect(served.stdout.trim()).toBe(`sha256 Fingerprint=${fingerprint}`);
    app.kill('SIGTERM');
  }, 90_000);

  it('orchestrator: the setup steps tick, and a wrapped secret_id works once', async () => {
    await admin.enableAuth('approle', 'approle');
    const store = await step(
      'orchestrator',
      'store-api-key',
      `${cli} kv put secret/orchestrator/api key="orch_$(openssl rand -hex 20)"`,
    );
    expect([store.before.done, store.after.done]).toEqual([false, true]);
    await writeFile(
      join(work, 'orchestrator-app.hcl'),
      'path "secret/data/orchestrator/api" { capabilities = ["read"] }\n',
    );
    const policy = await step(
      'orchestrator',
      'write-policy',
      `${cli} policy write orchestrator-app orchestrator-app.hcl`,
    );
    expect([policy.before.done, policy.after.done]).toEqual([false, true]);
    const role = await step(
      'orchestrator',
      'create-role',
      `${cli} write auth/approle/role/orchestrator-app token_policies=orchestrator-app token_ttl=10m`,
    );
    expect([role.before.done, role.after.done]).toEqual([false, true]);
    const wrap = await step(
      'orchestrator',
      'wrap-secret-id',
      `umask 077 && ${cli} write -wrap-ttl=60s -f -field=wrapping_token auth/approle/role/orchestrator-app/secret-id > wrapped-secret-id`,
    );
    expect([wrap.before.done, wrap.after.done]).toEqual([false, true]);

    const roleId = (await run(`${cli} read -field=role_id auth/approle/role/orchestrator-app/role-id`)).stdout.trim();
    const { summary } = await loadChallenge('orchestrator');
    const env = {
      VAULT_ADDR: vault.address,
      VAULT_ROLE_ID: roleId,
      VAULT_WRAPPED_SECRET_ID_FILE: join(work, 'wrapped-secret-id'),
    };
    const first = await execa('python3', ['app.py'], {
      cwd: join(summary.dir, 'solutions', 'python'),
      env,
      reject: false,
    });
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^read the API key \(version 1, 45 characters\)$/);
    const second = await execa('python3', ['app.py'], {
      cwd: join(summary.dir, 'solutions', 'python'),
      env,
      reject: false,
    });
    expect(second.exitCode).not.toBe(0);
    expect(second.stderr).toContain('wrapping token is not valid or does not exist');
  }, 60_000);

  it('leak-response: storing the key, then rotating it with the leaked version destroyed, tick the two steps', async () => {
    const store = await step(
      'leak-response',
      'store-leaked-key',
      `${cli} kv put secret/leak/payments api_key="pay_$(openssl rand -hex 20)"`,
    );
    expect(store.before.done).toBe(false);
    expect(store.after.done, store.after.detail).toBe(true);
    const newVersionOnly = await step(
      'leak-response',
      'rotate-and-destroy',
      `${cli} kv put secret/leak/payments api_key="pay_$(openssl rand -hex 20)"`,
    );
    expect(newVersionOnly.before.done).toBe(false);
    expect(newVersionOnly.after.detail).toMatch(/version 1 can still be read/);
    const softDelete = await step(
      'leak-response',
      'rotate-and-destroy',
      `${cli} kv delete -versions=1 secret/leak/payments`,
    );
    expect(softDelete.after.detail).toMatch(/deleted, not destroyed/);
    const destroy = await step(
      'leak-response',
      'rotate-and-destroy',
      `${cli} kv destroy -versions=1 secret/leak/payments`,
    );
    expect(destroy.after.done, destroy.after.detail).toBe(true);
    expect(destroy.instructions).toContain('vault kv destroy -versions=1 secret/leak/payments');
  });

  it('workload-identity: enabling JWT auth and writing the production policy tick the two steps', async () => {
    const enable = await step('workload-identity', 'enable-jwt', `${cli} auth enable jwt`);
    expect(enable.before.done).toBe(false);
    expect(enable.after.done, enable.after.detail).toBe(true);
    const policy = await step(
      'workload-identity',
      'write-production-policy',
      `printf 'path "secret/data/production/database" {\\n  capabilities = ["read"]\\n}\\n' | ${cli} policy write production-read -`,
    );
    expect(policy.before.done).toBe(false);
    expect(policy.after.done, policy.after.detail).toBe(true);
  });

  it("dynamic-tls: the README's PKI commands issue a certificate Vault remembers, the setup steps tick, and the solution serves a new serial before the first expires", async () => {
    for (const command of [
      `${cli} secrets enable pki`,
      `${cli} secrets tune -max-lease-ttl=24h pki`,
      `${cli} write pki/root/generate/internal common_name="Playground CA" ttl=24h key_type=ec`,
      `${cli} write pki/roles/web allowed_domains=localhost allow_bare_domains=true key_type=ec ttl=20s max_ttl=30s`,
    ]) {
      const result = await run(command);
      expect(result.exitCode, `${command}: ${result.stderr}`).toBe(0);
    }
    const issued = JSON.parse((await run(`${cli} write -format=json pki/issue/web common_name=localhost`)).stdout);
    const stored = JSON.parse((await run(`${cli} read -format=json pki/cert/${issued.data.serial_number}`)).stdout);
    expect(stored.data.certificate).toBe(issued.data.certificate);

    await run(`${cli} auth enable approle`); // enabled already when an earlier test ran
    const approle = await step('dynamic-tls', 'enable-approle', `${cli} auth list`);
    expect(approle.after.done, approle.after.detail).toBe(true);
    const password = await step(
      'dynamic-tls',
      'store-password',
      `${cli} kv put secret/dynamic-tls/database password="$(openssl rand -base64 24)"`,
    );
    expect([password.before.done, password.after.done]).toEqual([false, true]);
    const policy = await step(
      'dynamic-tls',
      'write-policy',
      `printf 'path "pki/issue/web" {\\n  capabilities = ["update"]\\n}\\npath "secret/data/dynamic-tls/database" {\\n  capabilities = ["read"]\\n}\\n' | ${cli} policy write dynamic-tls-app -`,
    );
    expect([policy.before.done, policy.after.done]).toEqual([false, true]);
    const role = await step(
      'dynamic-tls',
      'create-role',
      `${cli} write auth/approle/role/dynamic-tls-app token_policies=dynamic-tls-app token_ttl=10m token_max_ttl=30m`,
    );
    expect([role.before.done, role.after.done]).toEqual([false, true]);

    const roleId = (await run(`${cli} read -field=role_id auth/approle/role/dynamic-tls-app/role-id`)).stdout.trim();
    const secretId = (
      await run(`${cli} write -f -field=secret_id auth/approle/role/dynamic-tls-app/secret-id`)
    ).stdout.trim();
    const port = await freePort();
    const { summary } = await loadChallenge('dynamic-tls');
    const app = execa('python3', ['app.py'], {
      cwd: join(summary.dir, 'solutions', 'python'),
      env: { VAULT_ADDR: vault.address, VAULT_ROLE_ID: roleId, VAULT_SECRET_ID: secretId, PORT: String(port) },
      reject: false,
      all: true,
    });
    running.push(app);
    let output = '';
    app.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('serving certificate'), 15_000);
    const first = await servedCertificate(port);
    expect(first.issuer).toBe('CN=Playground CA');
    let next = first;
    const deadline = Date.parse(first.validTo);
    while (next.serialNumber === first.serialNumber && Date.now() < deadline) {
      await sleep(1_000);
      next = await servedCertificate(port);
    }
    expect(next.serialNumber).not.toBe(first.serialNumber);
    expect(Date.now()).toBeLessThan(deadline);
    expect(output).not.toMatch(/Traceback|PRIVATE KEY/);
    app.kill('SIGTERM');
  }, 60_000);
});

/** The certificate a TLS server on 127.0.0.1:port presents for localhost. */
function servedCertificate(port: number): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false }, () => {
      const certificate = socket.getPeerX509Certificate();
      socket.end();
      if (certificate) resolve(certificate);
      else reject(new Error('no certificate'));
    });
    socket.once('error', reject);
  });
}

async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`not seen within ${ms} ms`);
    await sleep(50);
  }
}
