import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { runCleanups, installSignalHandlers } from './util/cleanup.js';
import { EXIT_USAGE, isUserError, oneLine } from './util/errors.js';
import { packageVersion } from './util/package-info.js';
import { mark } from './util/timing.js';

/** Argument parsing and dispatch only; each command lives in src/commands/. Started by bin.ts. */
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

export async function main(argv: string[] = process.argv): Promise<number> {
  mark('cli modules loaded');
  installSignalHandlers();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were already printed.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    process.stderr.write(`error: ${oneLine(error)}\n`);
    if (!isUserError(error) && process.env.SECRETS_WORKBOOK_DEBUG) {
      const { readableStack } = await import('./util/stack.js');
      process.stderr.write(`${readableStack(error as Error)}\n`);
    }
    return isUserError(error) ? error.exitCode : EXIT_USAGE;
  } finally {
    await runCleanups();
  }
}
