import { afterEach, describe, expect, it } from 'vitest';
import { detectDocker } from '../../src/vault/docker-detect.js';
import { buildContainerSpec, DOCKER_IMAGES, DockerProvider, resolveImage } from '../../src/vault/docker-provider.js';
import { FrameDemuxer } from '../../src/vault/docker/containers.js';
import { PullProgress } from '../../src/vault/docker/images.js';
import { isOrphaned, LABEL, LABEL_BOOT, LABEL_HOST, LABEL_PID } from '../../src/vault/docker/ownership.js';
import { runCleanups } from '../../src/util/cleanup.js';
import { UserError } from '../../src/util/errors.js';
import { startFakeDocker, type FakeDocker, type FakeDockerBehaviour } from '../helpers/fake-docker.js';

// The docker provider against a fake engine (a real unix socket speaking the Engine API): the
// container it asks for, where it publishes, the pull, and what it does when things go wrong.
// test/vault/docker-provider.slow.test.ts runs the same provider on a real engine.

let fake: FakeDocker | undefined;
afterEach(async () => {
  await runCleanups();
  await fake?.close();
  fake = undefined;
});

async function provider(behaviour: FakeDockerBehaviour, image = 'vault', extra = {}) {
  fake = await startFakeDocker(behaviour);
  const dockerHost = fake.dockerHost;
  return new DockerProvider({ image, detect: () => detectDocker({ env: { DOCKER_HOST: dockerHost } }), ...extra });
}

describe('DockerProvider on a fake engine', () => {
  it('starts hashicorp/vault in dev mode on 127.0.0.1 with a random root token, labelled with its owner', async () => {
    const docker = await provider({ images: [DOCKER_IMAGES.vault] });
    const vault = await docker.start({ audit: false });
    const container = fake!.containers[0]!;
    expect(container.image).toBe('hashicorp/vault:2.1.1');
    expect(container.hostIp).toBe('127.0.0.1');
    expect(container.env).toContain(`VAULT_DEV_ROOT_TOKEN_ID=${vault.rootToken}`);
    expect(container.env).toContain('VAULT_DEV_LISTEN_ADDRESS=0.0.0.0:8200');
    expect(container.labels).toMatchObject({ [LABEL]: 'playground-vault', [LABEL_PID]: String(process.pid) });
    expect(vault.address).toBe(`http://127.0.0.1:${container.port}`);
    expect(vault.version).toMatch(/^Vault v2\.7\.2 \(hashicorp\/vault:2\.1\.1, container [0-9a-f]{12}\)$/);
    expect(fake!.requests.some((line) => line.startsWith('POST /images/create'))).toBe(false);
    await vault.stop();
    expect(container.removed).toBe(true);
    expect(fake!.requests).toContain(`DELETE /containers/${container.id}?force=true&v=true`);
  });

  it('removes the container on Ctrl-C/SIGTERM through the cleanup registry', async () => {
    const docker = await provider({ images: [DOCKER_IMAGES.openbao] }, 'openbao');
    await docker.start({ audit: false });
    await runCleanups();
    expect(fake!.containers[0]!.removed).toBe(true);
  });

  it('pulls a missing image with progress in layers and bytes, and asks for nothing else (no reaper image)', async () => {
    const docker = await provider({ registry: 'ok', pull: 'ok' }, 'openbao');
    const lines: string[] = [];
    const vault = await docker.start({ audit: false, onProgress: (line) => lines.push(line) });
    expect(lines).toContain('pulled openbao/openbao:2.7.2: 2 of 2 layers, 5.0 MB of 5.0 MB');
    const pulls = fake!.requests.filter((line) => line.startsWith('POST /images/create'));
    expect(pulls).toEqual(['POST /images/create?fromImage=openbao%2Fopenbao&tag=2.7.2']);
    await vault.stop();
  });

  it('is unavailable, with the reason and how to pre-pull, when the image is missing and the registry unreachable', async () => {
    const docker = await provider({ registry: 'unreachable' });
    const availability = await docker.availability();
    expect(availability.available).toBe(false);
    expect(availability.reason).toMatch(/image hashicorp\/vault:2\.1\.1 is not here and the registry unreachable/);
    expect(availability.reason).toMatch(/pre-pull it with: docker pull hashicorp\/vault:2\.1\.1/);
  });

  it('turns a refused or stalled pull into one line', async () => {
    const refused = await provider({ registry: 'ok', pull: 'refuse' });
    await expect(refused.start()).rejects.toThrow(
      /^docker provider: could not pull hashicorp\/vault:2\.1\.1: registry unreachable/,
    );
    await fake!.close();
    const stalled = await provider({ registry: 'ok', pull: 'stall' }, 'vault', { pullStallTimeoutMs: 300 });
    await expect(stalled.start()).rejects.toThrow(/could not pull hashicorp\/vault:2\.1\.1: the pull of .* stalled/);
    expect(fake!.containers).toEqual([]);
  });

  it('gives up on a container that never turns healthy, or exits, and removes it', async () => {
    const never = await provider({ images: [DOCKER_IMAGES.vault], container: 'never-healthy' }, 'vault', {
      healthTimeoutMs: 500,
    });
    const error = await never.start().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/container never turned healthy \(.*sys\/health answered 503\)/);
    expect(fake!.containers[0]!.removed).toBe(true);
    await fake!.close();
    const exits = await provider({ images: [DOCKER_IMAGES.vault], container: 'exits' });
    await expect(exits.start()).rejects.toThrow(/container exited during start \(code 1\)/);
    expect(fake!.containers[0]!.removed).toBe(true);
  });

  it('removes containers of processes that are gone, never those of a live process or another host', async () => {
    const docker = await provider({ images: [DOCKER_IMAGES.vault] });
    const mine = (await docker.detect()) as { engine: unknown };
    expect(mine).toBeTruthy();
    const labels = (pid: number, host?: string) => ({
      [LABEL]: 'playground-vault',
      [LABEL_PID]: String(pid),
      [LABEL_HOST]: host ?? (fake!.containers[0]?.labels[LABEL_HOST] as string),
    });
    const first = await docker.start({ audit: false });
    const host = fake!.containers[0]!.labels[LABEL_HOST]!;
    const boot = fake!.containers[0]!.labels[LABEL_BOOT];
    fake!.containers.push(
      {
        ...fake!.containers[0]!,
        id: 'a'.repeat(64),
        labels: { ...labels(2 ** 22 + 7, host), ...(boot ? { [LABEL_BOOT]: boot } : {}) },
        server: undefined,
      },
      { ...fake!.containers[0]!, id: 'b'.repeat(64), labels: { ...labels(process.ppid, host) }, server: undefined },
      {
        ...fake!.containers[0]!,
        id: 'c'.repeat(64),
        labels: labels(2 ** 22 + 7, 'another-machine'),
        server: undefined,
      },
    );
    const second = await new DockerProvider({ detect: () => docker.detect() }).start({ audit: false });
    const removed = fake!.containers.filter((container) => container.removed).map((container) => container.id[0]);
    expect(removed).toEqual(['a']);
    await first.stop();
    await second.stop();
  });
});

describe('ownership', () => {
  const me = { pid: 100, host: 'box', bootId: 'boot-1' };
  const container = (labels: Record<string, string>) => ({
    Id: 'x',
    Labels: { [LABEL]: 'playground-vault', ...labels },
  });
  const alive = (pid: number) => pid === 100 || pid === 200;
  it('is orphaned only when its owner is certainly gone', () => {
    expect(isOrphaned(container({ [LABEL_PID]: '300', [LABEL_HOST]: 'box', [LABEL_BOOT]: 'boot-1' }), me, alive)).toBe(
      true,
    );
    expect(isOrphaned(container({ [LABEL_PID]: '200', [LABEL_HOST]: 'box', [LABEL_BOOT]: 'boot-1' }), me, alive)).toBe(
      false,
    );
    expect(isOrphaned(container({ [LABEL_PID]: '200', [LABEL_HOST]: 'box', [LABEL_BOOT]: 'boot-0' }), me, alive)).toBe(
      true,
    );
    expect(isOrphaned(container({ [LABEL_PID]: '300', [LABEL_HOST]: 'other' }), me, alive)).toBe(false);
    expect(isOrphaned(container({}), me, alive)).toBe(false);
    expect(isOrphaned(container({ [LABEL_PID]: '100', [LABEL_HOST]: 'box', [LABEL_BOOT]: 'boot-1' }), me, alive)).toBe(
      false,
    );
  });
});

describe('container spec, pull progress, log frames', () => {
  it('resolves image choices to pinned tags, never latest', () => {
    expect(resolveImage(undefined)).toEqual({ image: 'hashicorp/vault:2.1.1', flavor: 'vault' });
    expect(resolveImage('openbao')).toEqual({ image: 'openbao/openbao:2.7.2', flavor: 'openbao' });
    expect(resolveImage('mirror.example/openbao/openbao:2.7.2').flavor).toBe('openbao');
    expect(() => resolveImage('bad image')).toThrow(UserError);
  });

  it('keeps each flavour\u2019s contract: the env prefix, and the audit device by config (OpenBao) or by API (Vault)', () => {
    const common = { rootToken: 'root-x', audit: true, loopbackOnly: true };
    const vault = buildContainerSpec({ image: DOCKER_IMAGES.vault, flavor: 'vault', ...common });
    expect(vault.environment).toEqual({
      VAULT_DEV_ROOT_TOKEN_ID: 'root-x',
      VAULT_DEV_LISTEN_ADDRESS: '0.0.0.0:8200',
      SKIP_SETCAP: 'true',
    });
    expect(vault.enableAuditByApi).toBe(true);
    const bao = buildContainerSpec({ image: DOCKER_IMAGES.openbao, flavor: 'openbao', ...common });
    expect(Object.keys(bao.environment).sort()).toEqual([
      'BAO_DEV_LISTEN_ADDRESS',
      'BAO_DEV_ROOT_TOKEN_ID',
      'BAO_LOCAL_CONFIG',
      'SKIP_SETCAP',
    ]);
    expect(JSON.parse(bao.environment.BAO_LOCAL_CONFIG!)).toEqual({
      audit: [{ type: 'file', path: 'file', options: { file_path: 'stdout' } }],
    });
    expect(bao.enableAuditByApi).toBe(false);
    expect(buildContainerSpec({ image: 'x', flavor: 'vault', ...common, audit: false }).enableAuditByApi).toBe(false);
  });

  it('adds up pull events per layer', () => {
    const progress = new PullProgress();
    progress.feed({ status: 'Pulling from hashicorp/vault', id: '2.1.1' });
    progress.feed({ status: 'Pulling fs layer', id: 'l1' });
    progress.feed({ status: 'Already exists', id: 'l2' });
    progress.feed({ status: 'Downloading', id: 'l1', progressDetail: { current: 20_000_000, total: 80_000_000 } });
    expect(progress.summary()).toBe('1 of 2 layers, 20 MB of 80 MB');
  });

  it('splits the engine\u2019s multiplexed log frames, also across chunk boundaries', () => {
    const out: string[] = [];
    const demux = new FrameDemuxer((payload) => out.push(payload.toString()));
    const frame = (text: string) => {
      const header = Buffer.alloc(8);
      header[0] = 2;
      header.writeUInt32BE(Buffer.byteLength(text), 4);
      return Buffer.concat([header, Buffer.from(text)]);
    };
    const bytes = Buffer.concat([frame('one\n'), frame('two\n')]);
    demux.push(bytes.subarray(0, 5));
    demux.push(bytes.subarray(5, 14));
    demux.push(bytes.subarray(14));
    expect(out.join('')).toBe('one\ntwo\n');
  });
});
