import { createHash } from 'node:crypto';
import { access, copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChallenge } from '../../src/course/challenges.js';
import { runStepCheck, type StepCheck } from '../../src/course/vault-checks.js';
import { signalProcessGroup } from '../../src/util/process-group.js';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { BinaryProvider, findOnPath } from '../../src/vault/binary-provider.js';
import type { RunningVault } from '../../src/vault/provider.js';
import { startVault } from '../../src/vault/select.js';
import { usable } from '../helpers/expected.js';

/**
 * The vault-agent challenge's hands-on part and its README's "Try it on your playground", done as
 * written with the real CLI against a playground server: each setup check is not done before its
 * step and done after it; then Agent runs with the reference agent.hcl, deletes the secret-id
 * file, renders the URL, and the reference app follows a `kv put` rotation.
 */
const availability = await new BinaryProvider().availability();
const found = usable('binary', availability.available, availability.reason);
const cli = (await findOnPath('vault')) ? 'vault' : 'bao';

async function waitFor(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.runIf(found)(`vault-agent hands-on against a playground (${cli} CLI)`, () => {
  let vault: RunningVault;
  let admin: VaultAdmin;
  let work: string;
  const started: ResultPromise[] = [];
  const run = (command: string) =>
    execa('sh', ['-c', command], {
      cwd: work,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, VAULT_ADDR: vault.address, VAULT_TOKEN: vault.rootToken },
      extendEnv: false,
      reject: false,
    });

  beforeAll(async () => {
    ({ vault } = await startVault('binary', { audit: false }));
    admin = new VaultAdmin(vault.address, vault.rootToken);
    work = await mkdtemp(join(tmpdir(), 'sw-agent-handson-'));
  });
  afterAll(async () => {
    for (const child of started) signalProcessGroup(child.pid, 'SIGKILL');
    await vault?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('the setup steps tick as done, then Agent renders and the solution follows a rotation', async () => {
    const { definition, summary, readme } = await loadChallenge('vault-agent');
    const commands: Record<string, string> = {
      'enable-approle': `${cli} auth enable approle`,
      'store-url': `${cli} kv put secret/agent/database url="postgres://app:$(openssl rand -hex 16)@db.internal:5432/app"`,
      'write-policy': `printf 'path "secret/data/agent/database" { capabilities = ["read"] }\\n' > agent-app.hcl && ${cli} policy write agent-app agent-app.hcl`,
      'create-role': `${cli} write auth/approle/role/agent-app token_policies=agent-app token_ttl=1m token_max_ttl=5m`,
      'issue-secret-id': `${cli} read -field=role_id auth/approle/role/agent-app/role-id > role-id && ${cli} write -f -field=secret_id auth/approle/role/agent-app/secret-id > secret-id`,
    };
    expect(definition.setup.map((step) => step.id)).toEqual(Object.keys(commands));
    for (const step of definition.setup) {
      const check = step.check as StepCheck;
      const before = await runStepCheck(check, { admin, workDir: work });
      expect(before.done, `${step.id} before: ${before.detail}`).toBe(false);
      const result = await run(commands[step.id]!);
      expect(result.exitCode, result.stderr).toBe(0);
      const after = await runStepCheck(check, { admin, workDir: work });
      expect(after.done, `${step.id} after: ${after.detail}`).toBe(true);
    }

    // "Try it on your playground", as the README writes it.
    expect(readme).toContain('env -u VAULT_TOKEN bao agent -config=agent.hcl');
    const solution = join(summary.dir, 'solutions', 'python');
    await copyFile(join(solution, 'agent.hcl'), join(work, 'agent.hcl'));
    const agent = execa(cli, ['agent', '-config=agent.hcl'], {
      cwd: work,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, VAULT_ADDR: vault.address },
      extendEnv: false,
      detached: true,
      reject: false,
      all: true,
    });
    started.push(agent);
    await waitFor(
      () =>
        access(join(work, 'database-url')).then(
          () => true,
          () => false,
        ),
      15_000,
      'Agent to render database-url',
    );
    await expect(access(join(work, 'secret-id'))).rejects.toThrow();
    const fingerprint = async () =>
      createHash('sha256')
        .update((await readFile(join(work, 'database-url'), 'utf8')).trim())
        .digest('hex')
        .slice(0, 12);
    const first = await fingerprint();
    const app = execa('python3', ['app.py'], {
      cwd: solution,
      env: { PATH: process.env.PATH, DATABASE_URL_FILE: join(work, 'database-url'), PYTHONUNBUFFERED: '1' },
      extendEnv: false,
      detached: true,
      reject: false,
      all: true,
    });
    started.push(app);
    let output = '';
    app.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes(`fingerprint=${first}`), 10_000, 'the first fingerprint');
    const rotate = await run(
      `${cli} kv put secret/agent/database url="postgres://app:$(openssl rand -hex 16)@db.internal:5432/app"`,
    );
    expect(rotate.exitCode, rotate.stderr).toBe(0);
    await waitFor(async () => (await fingerprint()) !== first, 5_000, 'Agent to render the new URL');
    const second = await fingerprint();
    await waitFor(() => output.includes(`fingerprint=${second}`), 5_000, 'the app to print the new fingerprint');
    expect(output.trim().split('\n')).toEqual([
      `database url fingerprint=${first}`,
      `database url fingerprint=${second}`,
    ]);
  }, 90_000);
});
