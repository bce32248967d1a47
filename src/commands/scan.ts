import type { Command } from 'commander';
import { EXIT_FAILED, EXIT_OK, UserError } from '../util/errors.js';

export interface ScanCommandOptions {
  json?: boolean;
  staged?: boolean;
  all?: boolean;
  cwd?: string;
}

export interface Output {
  stdout: (line: string) => void;
}

const consoleOutput: Output = { stdout: (line) => process.stdout.write(`${line}\n`) };

/** `scan`: prints findings and a summary; returns 1 when anything was found, 0 when clean. */
export async function runScan(
  paths: string[],
  options: ScanCommandOptions,
  output: Output = consoleOutput,
): Promise<number> {
  const { scanPaths, scanStaged, formatFinding, formatSkipped, formatSummary } = await import('../scanner/index.js');
  if (options.staged && paths.length > 0)
    throw new UserError('--staged scans what is staged in the repository: give no paths with it');
  const scanOptions = { ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.all ? { all: true } : {}) };
  const result = options.staged ? await scanStaged(scanOptions) : await scanPaths(paths, scanOptions);
  if (options.json) {
    output.stdout(JSON.stringify(result));
  } else {
    for (const finding of result.findings) output.stdout(formatFinding(finding));
    for (const line of formatSkipped(result)) output.stdout(line);
    output.stdout(formatSummary(result));
    if (options.staged && result.findings.length > 0)
      output.stdout('Commit refused. Skip the check once with: git commit --no-verify');
  }
  return result.findings.length > 0 ? EXIT_FAILED : EXIT_OK;
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('look for hardcoded secrets (tokens, keys, passwords) in files; exit 1 when any is found')
    .argument('[paths...]', 'files or folders to scan (default: the current folder; .gitignore is respected)')
    .option('--json', 'print one JSON object: {findings, filesScanned, skipped: [{file, reason, files?}]}')
    .option('--staged', 'scan what is staged for the next commit (for a pre-commit hook)')
    .option('--all', 'also scan what is skipped by default: node_modules, vendor, dist, build, … and files over 1 MiB')
    .addHelpText(
      'after',
      '\nA finding on a line with a "secrets-workbook:allow" comment is ignored. Skipped paths (folders such as\nnode_modules outside a git repository, binary and large files) are listed with their reason.\nExamples:\n  secrets-workbook scan\n  secrets-workbook scan src config/app.yaml --json\n  secrets-workbook scan --all ./unpacked-release\n  secrets-workbook scan --staged',
    )
    .action(async (paths: string[], options: ScanCommandOptions) => {
      process.exitCode = await runScan(paths, options);
    });
}
