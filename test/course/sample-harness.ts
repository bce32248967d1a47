import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { findOnPath } from '../../src/vault/binary-provider.js';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import type { ProviderName, RunningVault } from '../../src/vault/provider.js';
import { usable } from '../helpers/expected.js';
import { selectProvider, startVault } from '../../src/vault/select.js';
import type { HandsOnStep } from '../../src/course/model.js';
import {
  extractCodeBlocks,
  SAMPLE_SETUPS,
  type RunnableSample,
  type SampleLanguage,
  type SampleSetupName,
} from '../../src/course/code-blocks.js';
import { packageRoot } from '../../src/util/package-info.js';
import { randomBase62 } from '../../src/util/random.js';

/**
 * Runs lesson samples the way a learner would: in an empty folder, with only the variables the
 * sample's setup names, against a fresh dev server, and with a `vault` command that is `bao`
 * (the lessons say `vault`; OpenBao's CLI takes the same commands and VAULT_* variables).
 */

/** The playground state the lessons build by hand (lessons 3–5), provisioned for samples. */
export const PLAYGROUND_POLICY = 'path "secret/data/database/backend" {\n  capabilities = ["read"]\n}\n';

export interface Workspace {
  dir: string;
  env: Record<string, string>;
  /** Values that must never appear in a sample's output. */
  secrets: string[];
  vault?: RunningVault;
  close(): Promise<void>;
}

/** A temp folder with a `vault` → `bao` shim, `secrets-workbook`, node_modules, and the minimal environment. */
export async function createWorkspace(): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), 'lesson-sample-'));
  const bin = join(dir, '.bin');
  await mkdir(bin);
  const bao = (await findOnPath('vault')) ?? (await findOnPath('bao'));
  if (!bao) throw new Error('neither vault nor bao is on PATH');
  await writeFile(join(bin, 'vault'), `#!/bin/sh\nexec ${JSON.stringify(bao)} "$@"\n`);
  await chmod(join(bin, 'vault'), 0o755);
  // The lessons' `secrets-workbook …` commands: this build of the CLI.
  const cli = join(packageRoot, 'dist', 'cli.js');
  await writeFile(
    join(bin, 'secrets-workbook'),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} "$@"\n`,
  );
  await chmod(join(bin, 'secrets-workbook'), 0o755);
  await symlink(join(packageRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const env: Record<string, string> = {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: dir,
    LANG: process.env.LANG ?? 'C.UTF-8',
    PYTHONDONTWRITEBYTECODE: '1',
    GIT_AUTHOR_NAME: 'Learner',
    GIT_AUTHOR_EMAIL: 'learner@example.com',
    GIT_COMMITTER_NAME: 'Learner',
    GIT_COMMITTER_EMAIL: 'learner@example.com',
  };
  if (process.env.PYENV_ROOT) env.PYENV_ROOT = process.env.PYENV_ROOT;
  const workspace: Workspace = {
    dir,
    env,
    secrets: [],
    close: async () => {
      await workspace.vault?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return workspace;
}

/**
 * The providers the lesson samples and hands-on steps run against: the real server (bao), the
 * embedded one and a container, so a lesson cannot teach something only one of them does.
 * LESSON_TEST_PROVIDERS=binary (or embedded) narrows it.
 */
export const LESSON_TEST_PROVIDERS: ProviderName[] = (process.env.LESSON_TEST_PROVIDERS?.split(',').map((name) =>
  name.trim(),
) ?? ['binary', 'embedded', 'docker']) as ProviderName[];

export async function availableLessonProviders(): Promise<ProviderName[]> {
  const available: ProviderName[] = [];
  for (const name of LESSON_TEST_PROVIDERS) {
    const reason = await selectProvider(name).then(
      async ({ provider }) => {
        const availability = await provider.availability();
        return availability.available ? '' : availability.reason;
      },
      (error: Error) => error.message,
    );
    if (usable(name, reason === '', reason)) available.push(name);
  }
  return available;
}

export async function prepareSetup(setup: SampleSetupName, provider: ProviderName = 'binary'): Promise<Workspace> {
  const workspace = await createWorkspace();
  try {
    if (setup === 'dotenv') {
      await writeFile(
        join(workspace.dir, '.env'),
        'DATABASE_URL=postgres://backend:example-only@localhost:5432/backend\nAPI_KEY=example-api-key\n',
      );
    }
    if (!SAMPLE_SETUPS[setup].vault) return workspace;

    const { vault } = await startVault(provider, { audit: false });
    workspace.vault = vault;
    workspace.env.VAULT_ADDR = vault.address;
    workspace.secrets.push(vault.rootToken);
    if (setup === 'vault') {
      workspace.env.VAULT_TOKEN = vault.rootToken;
      return workspace;
    }

    const admin = new VaultAdmin(vault.address, vault.rootToken);
    const password = randomBase62(24);
    const apiKey = randomBase62(32);
    workspace.secrets.push(password, apiKey);
    await admin.kvPut('secret', 'database/backend', { password });
    await admin.kvPut('secret', 'app/config', { api_key: apiKey });
    await admin.writePolicy('backend', PLAYGROUND_POLICY);
    await admin.enableAuth('approle', 'approle');
    await admin.writeAppRole('backend', { token_policies: ['backend'], token_ttl: '1h', token_max_ttl: '4h' });
    if (setup === 'playground') {
      workspace.env.VAULT_TOKEN = vault.rootToken;
      return workspace;
    }
    workspace.env.VAULT_ROLE_ID = await admin.roleId('backend');
    if (setup === 'approle') {
      const { secretId } = await admin.newSecretId('backend');
      workspace.secrets.push(secretId);
      workspace.env.VAULT_SECRET_ID = secretId;
    } else {
      const wrapped = await admin.newWrappedSecretId('backend', '120s');
      workspace.secrets.push(wrapped.token);
      workspace.env.VAULT_WRAPPED_SECRET_ID = wrapped.token;
    }
    return workspace;
  } catch (error) {
    await workspace.close();
    throw error;
  }
}

const RUNNERS: Record<SampleLanguage, { file: string; command: (file: string) => [string, string[]] }> = {
  python: { file: 'sample.py', command: (file) => ['python3', [file]] },
  js: { file: 'sample.mjs', command: (file) => ['node', [file]] },
  sh: { file: 'sample.sh', command: (file) => ['sh', ['-e', file]] },
};

export interface SampleRun {
  exitCode: number | undefined;
  output: string;
  timedOut: boolean;
}

export async function runCode(workspace: Workspace, language: SampleLanguage, code: string): Promise<SampleRun> {
  const runner = RUNNERS[language];
  await writeFile(join(workspace.dir, runner.file), code);
  const [command, args] = runner.command(runner.file);
  const result = await execa(command, args, {
    cwd: workspace.dir,
    env: workspace.env,
    extendEnv: false,
    stdin: 'ignore',
    all: true,
    reject: false,
    timeout: 60_000,
    detached: true,
    cleanup: true,
  });
  return { exitCode: result.exitCode, output: result.all ?? '', timedOut: Boolean(result.timedOut) };
}

/** Vault (`hvs.`, `hvb.`, `hvr.`) and OpenBao (`s.`, `b.`, `r.`) token shapes: tokens a sample got by logging in. */
const TOKEN_SHAPE = /\b(?:hv[sbr]|[sbr])\.[A-Za-z0-9_-]{20,}/;

/**
 * The known secrets found in output, in every form a leak might take (raw, and also base64,
 * hex, URL-encoded), plus anything shaped like a token (tokens from a login are not known here).
 */
export function leakedSecrets(output: string, secrets: string[]): string[] {
  const leaked = secrets.filter((secret) => {
    const forms = [
      secret,
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('hex'),
      encodeURIComponent(secret),
    ];
    return forms.some((form) => output.includes(form));
  });
  if (TOKEN_SHAPE.test(output)) leaked.push('something shaped like a Vault token');
  return leaked;
}

export function describeSample(sample: RunnableSample | undefined): string {
  if (!sample) return 'not runnable';
  return `${sample.language} setup=${sample.setup}${sample.exitCode ? ` exit=${sample.exitCode}` : ''}`;
}

/** The commands a step shows: its instructions', or for a compose-it-yourself step its near-solution hint's. */
export function stepCommands(step: HandsOnStep): string {
  const shown = extractCodeBlocks(step.instructions).filter((block) => block.lang === 'sh');
  const nearSolution = step.hints?.find((hint) => hint.level === 'near-solution');
  const blocks =
    shown.length > 0 ? shown : extractCodeBlocks(nearSolution?.text ?? '').filter((block) => block.lang === 'sh');
  return blocks.map((block) => block.code).join('\n');
}
