import { chmod, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { EXIT_FAILED, UserError } from '../util/errors.js';

/** First comment line of the hook we write: how we recognise our own hook. */
export const HOOK_MARKER = '# secrets-workbook pre-commit hook';
const BACKUP_SUFFIX = '.secrets-workbook-backup';

export interface HookOptions {
  /** A folder inside the repository. Default: process.cwd(). */
  cwd?: string;
}

export interface InstallHookOptions extends HookOptions {
  /** Replace a pre-commit hook we did not write (it is backed up first). */
  force?: boolean;
  /** The CLI script the hook runs first (absolute path to dist/cli.js). */
  cliPath: string;
  /** The node binary for cliPath. Default: process.execPath. */
  nodePath?: string;
}

export interface InstallHookResult {
  hookPath: string;
  /** What was there before: nothing, an earlier version of ours, or someone else's hook. */
  previous: 'none' | 'ours' | 'foreign';
  /** Where a foreign hook was moved (only with force). */
  backupPath?: string;
}

export interface UninstallHookResult {
  hookPath: string;
  removed: boolean;
  /** The backup put back in place, if there was one. */
  restoredFrom?: string;
}

/** The pre-commit hook path, honouring core.hooksPath (and linked worktrees). */
export async function preCommitHookPath(options: HookOptions = {}): Promise<string> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const result = await execa('git', ['rev-parse', '--git-path', 'hooks'], { cwd, reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0)
    throw new UserError('not a git repository: run this inside the repository whose commits should be checked');
  return join(resolve(cwd, result.stdout.trim()), 'pre-commit');
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * The hook script. It tries, in order: the CLI that installed it (an absolute path — after
 * `npx secrets-workbook hook install` that is the copy in npm's npx cache), a `secrets-workbook`
 * on PATH (global install), then `npx --no-install` (a local devDependency). If none exists it
 * refuses the commit and says how to proceed: a missing scanner must not silently pass.
 */
export function hookScript(cliPath: string, nodePath: string): string {
  return `#!/bin/sh
${HOOK_MARKER} — installed by \`secrets-workbook hook install\`.
# Refuses a commit whose staged files contain a hardcoded secret.
# Skip it once: git commit --no-verify. Remove it: secrets-workbook hook uninstall.
node=${shellQuote(nodePath)}
cli=${shellQuote(cliPath)}
if [ -f "$cli" ]; then
  [ -x "$node" ] || node=node
  exec "$node" "$cli" scan --staged
fi
if command -v secrets-workbook >/dev/null 2>&1; then
  exec secrets-workbook scan --staged
fi
if command -v npx >/dev/null 2>&1 && npx --no-install secrets-workbook --version >/dev/null 2>&1; then
  exec npx --no-install secrets-workbook scan --staged
fi
echo "secrets-workbook pre-commit hook: secrets-workbook is no longer installed, so the commit is refused." >&2
echo "Install it (npm install --save-dev secrets-workbook), skip once with git commit --no-verify, or delete $0." >&2
exit 1
`;
}

async function readIfExists(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Installs (or updates) our pre-commit hook. A hook someone else wrote is left alone unless
 * `force`, and then moved to `pre-commit.secrets-workbook-backup` (timestamped if that exists).
 */
export async function installPreCommitHook(options: InstallHookOptions): Promise<InstallHookResult> {
  const hookPath = await preCommitHookPath(options);
  const current = await readIfExists(hookPath);
  const previous = current === undefined ? 'none' : current.includes(HOOK_MARKER) ? 'ours' : 'foreign';
  let backupPath: string | undefined;
  if (previous === 'foreign') {
    if (!options.force) {
      throw new UserError(
        `a pre-commit hook not written by secrets-workbook exists at ${hookPath}; rerun with --force to replace it (it will be kept as ${basename(hookPath)}${BACKUP_SUFFIX})`,
        EXIT_FAILED,
      );
    }
    backupPath = hookPath + BACKUP_SUFFIX;
    if (await exists(backupPath)) backupPath += `-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(hookPath, backupPath);
  }
  await mkdir(dirname(hookPath), { recursive: true });
  await writeFile(hookPath, hookScript(options.cliPath, options.nodePath ?? process.execPath), { mode: 0o755 });
  await chmod(hookPath, 0o755);
  return { hookPath, previous, ...(backupPath ? { backupPath } : {}) };
}

/** Removes our hook and puts back the most recent backup, if any. Someone else's hook is kept. */
export async function uninstallPreCommitHook(options: HookOptions = {}): Promise<UninstallHookResult> {
  const hookPath = await preCommitHookPath(options);
  const current = await readIfExists(hookPath);
  if (current === undefined) return { hookPath, removed: false };
  if (!current.includes(HOOK_MARKER)) {
    throw new UserError(
      `the pre-commit hook at ${hookPath} was not written by secrets-workbook; left as is`,
      EXIT_FAILED,
    );
  }
  await rm(hookPath);
  const prefix = basename(hookPath) + BACKUP_SUFFIX;
  const backups = (await readdir(dirname(hookPath))).filter((name) => name.startsWith(prefix)).sort();
  const newest = backups.at(-1);
  if (!newest) return { hookPath, removed: true };
  const restoredFrom = join(dirname(hookPath), newest);
  await rename(restoredFrom, hookPath);
  return { hookPath, removed: true, restoredFrom };
}
