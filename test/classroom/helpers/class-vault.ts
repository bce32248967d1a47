import { join } from 'node:path';
import { execa } from 'execa';
import { selectProvider, startVault } from '../../../src/vault/select.js';
import type { ProviderChoice, RunningVault } from '../../../src/vault/provider.js';
import { packageRoot } from '../../../src/util/package-info.js';

/**
 * The classroom suite runs against every provider listed in CLASSROOM_TEST_PROVIDERS (default:
 * DEFAULT_PROVIDERS, binary and embedded).
 */
export const DEFAULT_PROVIDERS: ProviderChoice[] = ['binary', 'embedded'];

export function classroomProviders(env: NodeJS.ProcessEnv = process.env): ProviderChoice[] {
  const listed = env.CLASSROOM_TEST_PROVIDERS?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return (listed?.length ? listed : DEFAULT_PROVIDERS) as ProviderChoice[];
}

/** Why a provider cannot run here, or undefined when it can. */
export async function unavailable(choice: ProviderChoice): Promise<string | undefined> {
  try {
    await selectProvider(choice);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export async function startClassVault(choice: ProviderChoice): Promise<RunningVault> {
  const { vault } = await startVault(choice, { audit: false });
  return vault;
}

/** Run the built CLI (npm test builds first) with only the given environment added. */
export async function cli(args: string[], env: Record<string, string>, cwd: string, timeout = 60_000) {
  return execa(process.execPath, [join(packageRoot, 'dist', 'cli.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, ...env },
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout,
  });
}
