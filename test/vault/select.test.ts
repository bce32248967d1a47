import { describe, expect, it } from 'vitest';
import type { Availability, ProviderName, RunningVault, VaultProvider } from '../../src/vault/provider.js';
import { parseProviderChoice, selectProvider, startVault } from '../../src/vault/select.js';
import { UserError } from '../../src/util/errors.js';

function fake(name: ProviderName, availability: Availability, asked: string[] = []): VaultProvider {
  return {
    name,
    availability: async () => {
      asked.push(name);
      return availability;
    },
    start: async () =>
      ({ provider: name, address: 'http://127.0.0.1:1', rootToken: 't', stop: async () => undefined }) as RunningVault,
  };
}

const up = (reason: string): Availability => ({ available: true, reason });
const down = (reason: string): Availability => ({ available: false, reason });

function providers(state: Partial<Record<ProviderName, Availability>>, asked: string[] = []) {
  return {
    docker: fake('docker', state.docker ?? down('no Docker engine (no DOCKER_HOST, no docker.sock)'), asked),
    binary: fake('binary', state.binary ?? down('neither vault nor bao is on PATH'), asked),
    embedded: fake('embedded', state.embedded ?? up('built-in dev server'), asked),
    external: fake('external', state.external ?? down('VAULT_ADDR is not set'), asked),
  };
}

describe('selectProvider auto', () => {
  it('prefers docker when an engine answers, without asking the others', async () => {
    const asked: string[] = [];
    const selection = await selectProvider('auto', {
      env: {},
      providers: providers({ docker: up('Docker engine 28 at /var/run/docker.sock') }, asked),
    });
    expect(selection.provider.name).toBe('docker');
    expect(selection.reason).toBe('docker: Docker engine 28 at /var/run/docker.sock');
    expect(asked).toEqual(['docker']);
  });

  it('falls back to binary and says why docker was passed over', async () => {
    const selection = await selectProvider('auto', {
      env: {},
      providers: providers({ binary: up('OpenBao v2.7.2 at /usr/bin/bao') }),
    });
    expect(selection.provider.name).toBe('binary');
    expect(selection.reason).toBe(
      'binary: OpenBao v2.7.2 at /usr/bin/bao (docker: no Docker engine (no DOCKER_HOST, no docker.sock))',
    );
  });

  it('ends at embedded when neither docker nor a binary is there', async () => {
    const selection = await selectProvider('auto', { env: {}, providers: providers({}) });
    expect(selection.provider.name).toBe('embedded');
    expect(selection.reason).toBe(
      'embedded: built-in dev server (docker: no Docker engine (no DOCKER_HOST, no docker.sock); binary: neither vault nor bao is on PATH)',
    );
  });

  it('picks external when VAULT_ADDR is set, and fails loudly (not silently local) when it does not answer', async () => {
    const env = { VAULT_ADDR: 'http://class.example:8200' };
    const asked: string[] = [];
    const selection = await selectProvider('auto', {
      env,
      providers: providers({ external: up('http://class.example:8200 (token accepted)'), docker: up('engine') }, asked),
    });
    expect(selection.provider.name).toBe('external');
    expect(selection.reason).toBe('external: http://class.example:8200 (token accepted) (VAULT_ADDR is set)');
    expect(asked).toEqual(['external']);
    await expect(
      selectProvider('auto', {
        env,
        providers: providers({
          external: down('nothing answered at http://class.example:8200 (connection refused): is the server running?'),
        }),
      }),
    ).rejects.toThrow(
      new UserError(
        'external Vault (VAULT_ADDR is set): nothing answered at http://class.example:8200 (connection refused): is the server running?; unset VAULT_ADDR to start a local Vault instead',
      ),
    );
  });

  it('ignores VAULT_ADDR where the command starts its own Vault (vault up)', async () => {
    const selection = await selectProvider('auto', {
      env: { VAULT_ADDR: 'http://127.0.0.1:8200' },
      allowExternal: false,
      providers: providers({ external: up('x'), binary: up('bao') }),
    });
    expect(selection.provider.name).toBe('binary');
    await expect(
      selectProvider('external', { allowExternal: false, providers: providers({ external: up('x') }) }),
    ).rejects.toThrow(/cannot be used here/);
  });

  it('takes --vault-binary as a choice of the binary provider', async () => {
    const selection = await selectProvider('auto', {
      env: {},
      binary: '/opt/bao',
      providers: providers({ docker: up('engine'), binary: up('OpenBao v2.7.2 at /opt/bao') }),
    });
    expect(selection.reason).toBe('binary: OpenBao v2.7.2 at /opt/bao (--vault-binary given)');
  });

  it('lists every reason when nothing is available', async () => {
    await expect(
      selectProvider('auto', { env: {}, providers: providers({ embedded: down('not built') }) }),
    ).rejects.toThrow(
      'no Vault provider is available (docker: no Docker engine (no DOCKER_HOST, no docker.sock); binary: neither vault nor bao is on PATH; embedded: not built)',
    );
  });
});

describe('selectProvider with an explicit choice', () => {
  it('uses the provider asked for, or says why it cannot', async () => {
    const ok = await selectProvider('binary', {
      env: {},
      providers: providers({ binary: up('OpenBao v2.7.2 at /usr/bin/bao'), docker: up('engine') }),
    });
    expect(ok.provider.name).toBe('binary');
    expect(ok.reason).toBe('binary: OpenBao v2.7.2 at /usr/bin/bao (--vault binary)');
    await expect(selectProvider('docker', { env: {}, providers: providers({}) })).rejects.toThrow(
      new UserError(
        'docker provider unavailable: no Docker engine (no DOCKER_HOST, no docker.sock) (use --vault binary or --vault embedded instead)',
      ),
    );
  });

  it('startVault starts what was selected', async () => {
    const { vault, selection } = await startVault('auto', { env: {}, providers: providers({}) });
    expect(vault.provider).toBe('embedded');
    expect(selection.provider.name).toBe('embedded');
  });
});

describe('startVault never dead-ends with auto', () => {
  const failing = (name: ProviderName, message: string): VaultProvider => ({
    ...fake(name, up(`${name} looks fine`)),
    start: async () => {
      throw new UserError(`${name} provider: ${message}`);
    },
  });

  it('moves on to binary, then embedded, saying in one line why each start failed', async () => {
    const lines: string[] = [];
    const { vault, selection } = await startVault('auto', {
      env: {},
      providers: {
        ...providers({}),
        docker: failing('docker', 'could not pull hashicorp/vault:2.1.1: registry unreachable (no such host)'),
        binary: failing('binary', 'bao exited during start (code 1)'),
      },
      onProgress: (line) => lines.push(line),
    });
    expect(vault.provider).toBe('embedded');
    expect(lines).toEqual([
      'docker: could not pull hashicorp/vault:2.1.1: registry unreachable (no such host); trying binary',
      'binary: bao exited during start (code 1); trying embedded',
    ]);
    expect(selection.reason).toMatch(/^embedded: built-in dev server \(docker: could not pull .*; binary: bao exited/);
  });

  it('fails with every reason when nothing could start', async () => {
    await expect(
      startVault('auto', {
        env: {},
        providers: { ...providers({ embedded: down('not built') }), docker: failing('docker', 'never turned healthy') },
      }),
    ).rejects.toThrow(
      'no Vault provider could start (docker: never turned healthy; binary: neither vault nor bao is on PATH; embedded: not built)',
    );
  });

  it('--vault docker asked for explicitly fails with the reason and names the other providers', async () => {
    await expect(
      startVault('docker', {
        env: {},
        providers: { ...providers({}), docker: failing('docker', 'never turned healthy') },
      }),
    ).rejects.toThrow(
      new UserError(
        'docker provider unavailable: never turned healthy (use --vault binary or --vault embedded instead)',
      ),
    );
  });
});

describe('parseProviderChoice', () => {
  it('accepts the five values (any case) and rejects others with one line', () => {
    expect(parseProviderChoice(undefined)).toBe('auto');
    expect(parseProviderChoice('Docker')).toBe('docker');
    expect(() => parseProviderChoice('podman')).toThrow(
      "unknown --vault value 'podman' (choose auto, docker, binary, embedded, external)",
    );
  });
});
