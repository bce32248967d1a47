import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { EXIT_USAGE } from './util/errors.js';
import { packageVersion } from './util/package-info.js';

/** Argument parsing and dispatch only; each command lives in src/commands/. Run by cli.ts. */
export function buildProgram(): Command {
  const program = new Command('secrets-workbook')
    .description('An interactive, self-checking course on secrets management with HashiCorp Vault / OpenBao.')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError(true)
    .configureOutput({ writeErr })
    .exitOverride();
  registerCommands(program);
  // Subcommands get the same one-line error handling, exit override and --version.
  for (const command of program.commands) applyErrorHandling(command);
  return program;
}

/**
 * Commander's own errors become one line on stderr ("error: unknown option '--x'", without the
 * suggestion lines). Help it prints to stderr (a command group called without a subcommand)
 * stays whole: it is the answer to "what can I type here?".
 */
function writeErr(text: string): void {
  if (!text.startsWith('error:')) {
    process.stderr.write(text);
    return;
  }
  process.stderr.write(`${text.split('\n').find((line) => line.trim())}\n`);
}

function applyErrorHandling(command: Command): void {
  // Options are positional (the program's before a command, the command's after it), so every
  // command answers --version itself.
  command.exitOverride().configureOutput({ writeErr }).version(packageVersion(), '-V, --version');
  for (const sub of command.commands) applyErrorHandling(sub);
}

/**
 * Parse and run one command line; the exit code. Commander's own errors end here: --help and
 * --version with 0, usage errors (already printed) with EXIT_USAGE. Other errors propagate.
 */
export async function runCommandLine(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    throw error;
  }
}
