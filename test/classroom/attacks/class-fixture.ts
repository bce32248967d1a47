import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { joinClass } from '../../../src/classroom/join.js';
import { APPROLE_MOUNT, INSTRUCTOR_POLICY_NAME } from '../../../src/classroom/layout.js';
import { setupClass } from '../../../src/classroom/setup.js';
import { readCredentialsFile, type ClassroomCredentials } from '../../../src/classroom/credentials.js';
import { VaultAdmin } from '../../../src/vault/admin-client.js';
import type { ProviderChoice, RunningVault } from '../../../src/vault/provider.js';
import { usable } from '../../helpers/expected.js';
import { cli, startClassVault, unavailable } from '../helpers/class-vault.js';

/**
 * A class for the attack tests: a class Vault of the given provider, an instructor token of the
 * instructor policy (never root), a roster provisioned through the CLI, and the students joined.
 */
export interface Class {
  vault: RunningVault;
  root: VaultAdmin;
  env: Record<string, string>;
  work: string;
  credentials: Record<string, ClassroomCredentials>;
  /** A VaultAdmin logged in as the student (their own AppRole token). */
  login(id: string): Promise<VaultAdmin>;
  stop(): Promise<void>;
}

/** Providers the attack suites run on: whichever of binary and embedded can run (expected ones must). */
export async function attackProviders(): Promise<ProviderChoice[]> {
  const chosen: ProviderChoice[] = [];
  for (const provider of ['binary', 'embedded'] as const) {
    const reason = await unavailable(provider);
    if (usable(provider, reason === undefined, reason ?? '')) chosen.push(provider);
  }
  return chosen;
}

export async function startClass(provider: ProviderChoice, students: string[]): Promise<Class> {
  const vault = await startClassVault(provider);
  const root = new VaultAdmin(vault.address, vault.rootToken);
  const work = await mkdtemp(join(tmpdir(), 'classroom-attack-'));
  await setupClass(root);
  const instructor = await root.write('auth/token/create', { policies: [INSTRUCTOR_POLICY_NAME], ttl: '1h' });
  const env = { VAULT_ADDR: vault.address, VAULT_TOKEN: instructor!.auth!.client_token };
  await writeFile(join(work, 'roster.csv'), `id,name,email\n${students.map((id) => `${id},${id},`).join('\n')}\n`);
  const provisioned = await cli(['classroom', 'provision', '--roster', 'roster.csv'], env, work);
  if (provisioned.exitCode !== 0) throw new Error(`provision failed: ${provisioned.stderr}`);
  const credentials: Record<string, ClassroomCredentials> = {};
  for (const id of students) {
    const file = join(work, `${id}-credentials.json`);
    await joinClass(join(work, 'handouts', `${id}.txt`), { credentialsFile: file });
    const saved = (await readCredentialsFile(file))!;
    credentials[id] = { address: saved.address, roleId: saved.roleId, secretId: saved.secretId, source: file };
  }
  return {
    vault,
    root,
    env,
    work,
    credentials,
    async login(id) {
      const client = new VaultAdmin(vault.address);
      await client.appRoleLogin(credentials[id]!.roleId, credentials[id]!.secretId, APPROLE_MOUNT);
      return client;
    },
    stop: () => vault.stop(),
  };
}

/** The instructor's `classroom grade-all submissions --challenge approle …`, run in the class folder. */
export function gradeAll(klass: Class, env: Record<string, string>, options: string[]) {
  return cli(['classroom', 'grade-all', 'submissions', '--challenge', 'approle', ...options], env, klass.work);
}
