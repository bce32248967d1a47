import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { findOnPath } from '../../src/vault/binary-provider.js';
import { packageRoot } from '../../src/util/package-info.js';
import { usable } from '../helpers/expected.js';
import { cli } from './helpers/class-vault.js';
import { startServerMode, type ServerModeVault } from './helpers/server-mode.js';

/**
 * `classroom unseal` when key shares were given before it ran: an unseal stopped half-way (or
 * another key holder's share, or a wrong one) stays on a sealed server as progress. The next run
 * says what it found (k of n), adds its own shares to it, and `--reset` discards it
 * (`sys/unseal` with `reset: true`). On a real server-mode bao initialised with 3 shares, 2 to unseal.
 */
const bao = await findOnPath('bao');
const run = usable('binary', Boolean(bao), 'no bao on PATH');

describe.runIf(run)('classroom unseal with key shares given earlier (server-mode bao)', () => {
  let work: string;
  let server: ServerModeVault & { ports: { api: number; cluster: number } };
  let localConfig: string;
  let env: Record<string, string>;
  const shares: string[] = [];
  const share = (index: number) => ['--keys', `shares/key-share-${index}-of-3.json`];
  const progress = async () => (await new VaultAdmin(server.address).sealStatus()).progress;
  const restart = async () => {
    await server.stop();
    server = await startServerMode(localConfig, join(work, 'raft'), server.ports);
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'class-unseal-'));
    await mkdir(join(work, 'raft'));
    const compose = parse(await readFile(join(packageRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: { vault: { environment: { VAULT_LOCAL_CONFIG: string } } };
    };
    localConfig = compose.services.vault.environment.VAULT_LOCAL_CONFIG;
    server = await startServerMode(localConfig, join(work, 'raft'));
    env = { VAULT_ADDR: server.address };
    const init = await cli(
      [
        'classroom',
        'init',
        '--keys',
        'root.json',
        '--key-shares',
        '3',
        '--key-threshold',
        '2',
        '--shares-dir',
        'shares',
      ],
      env,
      work,
    );
    if (init.exitCode !== 0) throw new Error(`init failed: ${init.stderr}`);
    for (const index of [1, 2, 3])
      shares.push(
        ...(
          JSON.parse(await readFile(join(work, `shares/key-share-${index}-of-3.json`), 'utf8')) as {
            unseal_keys_b64: string[];
          }
        ).unseal_keys_b64,
      );
    await restart();
  }, 90_000);
  afterAll(async () => server?.stop());

  const noSecretIn = (...texts: string[]) => {
    for (const secret of shares) for (const text of texts) expect(text).not.toContain(secret);
  };

  it('an interrupted unseal: the next run reports k of n, adds to it, and says how many are still missing', async () => {
    // What a run stopped after its first share leaves behind.
    await new VaultAdmin(server.address).unseal(shares[0]!);
    expect(await progress()).toBe(1);
    const again = await cli(['classroom', 'unseal', ...share(1)], env, work);
    expect(again.exitCode).toBe(2);
    expect(again.stdout.trim()).toBe(
      `The Vault at ${server.address} has an unseal in progress: 1 of 2 key shares given already (an interrupted run, or another key holder); adding yours (classroom unseal --reset discards it).`,
    );
    expect(again.stderr.trim()).toBe(
      `error: the Vault at ${server.address} is still sealed: 1 of 2 key shares given so far (1 by this run); pass 1 more key share file with --keys (the progress stays on the server; classroom unseal --reset discards it)`,
    );
    expect(await progress()).toBe(1);
    // The share already given plus a new one: unsealed.
    const done = await cli(['classroom', 'unseal', ...share(2)], env, work);
    expect(done.exitCode, done.stderr).toBe(0);
    expect(done.stdout.trim().split('\n')).toEqual([
      `The Vault at ${server.address} has an unseal in progress: 1 of 2 key shares given already (an interrupted run, or another key holder); adding yours (classroom unseal --reset discards it).`,
      `Unsealed the class Vault at ${server.address}.`,
    ]);
    noSecretIn(again.stdout, again.stderr, done.stdout, done.stderr);
  }, 60_000);

  it('--reset alone discards the progress and leaves the Vault sealed', async () => {
    await restart();
    await new VaultAdmin(server.address).unseal(shares[2]!);
    expect(await progress()).toBe(1);
    const reset = await cli(['classroom', 'unseal', '--reset'], env, work);
    expect(reset.exitCode, reset.stderr).toBe(0);
    expect(reset.stdout.trim().split('\n')).toEqual([
      `Discarded the unseal in progress at ${server.address}: 1 of 2 key shares had been given.`,
      `The class Vault at ${server.address} is still sealed; unseal it with classroom unseal --keys FILE.`,
    ]);
    expect(await new VaultAdmin(server.address).sealStatus()).toMatchObject({ sealed: true, progress: 0 });
    const nothing = await cli(['classroom', 'unseal', '--reset'], env, work);
    expect(nothing.stdout.trim()).toBe(
      `The class Vault at ${server.address} is still sealed, with no unseal in progress; unseal it with classroom unseal --keys FILE.`,
    );
  }, 60_000);

  it('a wrong share given earlier: without --reset the unseal fails in one line; with --reset it unseals', async () => {
    // A share of the right shape from nowhere (another Vault's, a typo'd copy).
    const wrong = randomBytes(33).toString('base64');
    await new VaultAdmin(server.address).unseal(wrong);
    expect(await progress()).toBe(1);
    const failed = await cli(['classroom', 'unseal', ...share(2), ...share(3)], env, work);
    expect(failed.exitCode).toBe(2);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(
      /^error: unsealing the Vault at \S+ failed: .+ \(a key share given earlier may be wrong or from another Vault; the shares given so far are discarded: run classroom unseal again with yours\)$/,
    );
    expect(failed.stderr).not.toContain(wrong);
    // Vault forgot the wrong share with the attempt; another one arrives before the instructor retries.
    await new VaultAdmin(server.address).unseal(wrong);
    const fixed = await cli(['classroom', 'unseal', '--reset', ...share(2), ...share(3)], env, work);
    expect(fixed.exitCode, fixed.stderr).toBe(0);
    expect(fixed.stdout.trim().split('\n')).toEqual([
      `Discarded the unseal in progress at ${server.address}: 1 of 2 key shares had been given.`,
      `Unsealed the class Vault at ${server.address}.`,
    ]);
    expect(await new VaultAdmin(server.address).health()).toMatchObject({ initialized: true, sealed: false });
    const unsealed = await cli(['classroom', 'unseal', '--reset', ...share(1)], env, work);
    expect(unsealed.stdout.trim()).toBe(`The class Vault at ${server.address} is not sealed; nothing to do.`);
    noSecretIn(failed.stdout, failed.stderr, fixed.stdout, fixed.stderr, unsealed.stdout);
  }, 60_000);
});
