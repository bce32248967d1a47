import { join } from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../util/package-info.js';

export interface HookCommandOptions {
  force?: boolean;
  cwd?: string;
}

const print = (line: string) => process.stdout.write(`${line}\n`);

export async function runHookInstall(
  options: HookCommandOptions,
  out: (line: string) => void = print,
): Promise<number> {
  const { installPreCommitHook } = await import('../scanner/git-hook.js');
  const result = await installPreCommitHook({
    cliPath: join(packageRoot, 'dist', 'cli.js'),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.force ? { force: true } : {}),
  });
  if (result.backupPath) out(`Moved the existing pre-commit hook to ${result.backupPath} (it no longer runs).`);
  out(
    `${result.previous === 'ours' ? 'Updated' : 'Installed'} the pre-commit hook at ${result.hookPath}: commits with a hardcoded secret are refused (skip once with git commit --no-verify).`,
  );
  return 0;
}

export async function runHookUninstall(
  options: HookCommandOptions,
  out: (line: string) => void = print,
): Promise<number> {
  const { uninstallPreCommitHook } = await import('../scanner/git-hook.js');
  const result = await uninstallPreCommitHook(options.cwd ? { cwd: options.cwd } : {});
  if (!result.removed) out(`No pre-commit hook at ${result.hookPath}; nothing to remove.`);
  else if (result.restoredFrom)
    out(`Removed the secrets-workbook pre-commit hook and restored ${result.restoredFrom} as ${result.hookPath}.`);
  else out(`Removed the secrets-workbook pre-commit hook at ${result.hookPath}.`);
  return 0;
}

export function registerHook(program: Command): void {
  const hook = program
    .command('hook')
    .description('install or remove a git pre-commit hook that refuses commits containing secrets');
  hook
    .command('install')
    .description('install the pre-commit hook in the current repository (honours core.hooksPath)')
    .option('--force', 'replace a pre-commit hook not written by secrets-workbook (it is backed up)')
    .addHelpText('after', '\nExample:\n  npx secrets-workbook hook install')
    .action(async (options: HookCommandOptions) => {
      process.exitCode = await runHookInstall(options);
    });
  hook
    .command('uninstall')
    .description('remove our pre-commit hook (and restore the one it replaced, if any)')
    .action(async () => {
      process.exitCode = await runHookUninstall({});
    });
}
