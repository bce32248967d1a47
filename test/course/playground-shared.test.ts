import { spawn } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Playground } from '../../src/course/playground.js';
import { readLivePlayground, writePlaygroundRecord } from '../../src/course/playground-record.js';
import { EmbeddedProvider } from '../../src/vault/embedded-provider.js';
import type { RunningVault } from '../../src/vault/provider.js';
import { runCleanups } from '../../src/util/cleanup.js';

// One playground whichever terminal started it: the shared record in the config folder, read by
// the course's Playground. The "other terminal" is another live process (a sleeping child) owning a
// real embedded server started here.

const running: RunningVault[] = [];
const children: Array<{ kill(): void }> = [];
afterEach(async () => {
  await runCleanups();
  for (const vault of running.splice(0)) await vault.stop();
  for (const child of children.splice(0)) child.kill();
});

async function otherTerminal(file: string) {
  const vault = await new EmbeddedProvider().start({ audit: false });
  running.push(vault);
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  await writePlaygroundRecord(
    {
      address: vault.address,
      rootToken: vault.rootToken,
      provider: 'embedded',
      startedBy: 'vault up',
      pid: child.pid!,
    },
    file,
  );
  return { vault, child };
}

const recordFile = async () => join(await mkdtemp(join(tmpdir(), 'sw-record-')), 'playground.json');

describe('the shared playground record', () => {
  it('attaches to a playground started elsewhere, checks steps on it, and leaves it running on quit', async () => {
    const file = await recordFile();
    const { vault } = await otherTerminal(file);
    let started = 0;
    const playground = new Playground({
      recordFile: file,
      start: async () => ((started += 1), Promise.reject(new Error('no'))),
    });
    await playground.start();
    expect(started).toBe(0);
    expect(playground.getState()).toMatchObject({
      status: 'up',
      attached: true,
      address: vault.address,
      provider: 'embedded',
    });
    expect(playground.getState().message).toMatch(/^started by vault up \(pid \d+\); it keeps running when you quit$/);
    expect(playground.exportLines()).toEqual([
      `export VAULT_ADDR='${vault.address}'`,
      `export VAULT_TOKEN='${vault.rootToken}'`,
    ]);
    expect(await playground.check({ type: 'auth-enabled', path: 'approle', method: 'approle' })).toMatchObject({
      done: false,
    });
    expect(await playground.release()).toBe(false);
    expect((await fetch(`${vault.address}/v1/sys/health`)).status).toBe(200);
  });

  it('picks up a playground that appears later (hands-on checks look again while down)', async () => {
    const file = await recordFile();
    const playground = new Playground({ recordFile: file });
    expect((await playground.check({ type: 'policy-exists', name: 'x' })).detail).toMatch(/not running/);
    await otherTerminal(file);
    expect((await playground.check({ type: 'policy-exists', name: 'x' })).done).toBe(false);
    expect(playground.getState()).toMatchObject({ status: 'up', attached: true });
  });

  it('ignores a stale record (its process is gone) and records its own playground, 0600, removed on stop', async () => {
    const file = await recordFile();
    const { child } = await otherTerminal(file);
    child.kill();
    await new Promise((resolve) => (child as unknown as NodeJS.EventEmitter).once('exit', resolve));
    expect(await readLivePlayground(file)).toBeUndefined();
    const playground = new Playground({ recordFile: file, choice: 'embedded' });
    await playground.start();
    expect(playground.getState()).toMatchObject({ status: 'up', provider: 'embedded' });
    expect(playground.getState().attached).toBeUndefined();
    const record = JSON.parse(await readFile(file, 'utf8'));
    expect(record).toMatchObject({ pid: process.pid, startedBy: 'course', address: playground.getState().address });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await playground.release()).toBe(true);
    await expect(stat(file)).rejects.toThrow();
  });

  it('treats a corrupt record as none', async () => {
    const file = await recordFile();
    await writeFile(file, '{ not json');
    expect(await readLivePlayground(file)).toBeUndefined();
  });
});
