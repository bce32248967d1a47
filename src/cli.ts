import { runCleanups, installSignalHandlers } from './util/cleanup.js';
import { DEFAULT_PROVIDER_CHOICE } from './vault/provider.js';
import { EXIT_USAGE, isUserError, oneLine } from './util/errors.js';
import { mark } from './util/timing.js';

/**
 * What bin.ts runs: the command line, with one-line errors and the cleanups. `secrets-workbook`
 * alone, the course, is the command most starts are, and it has no options to parse: it opens
 * the course without loading commander and every command's definition (program.ts), which
 * would come before its first frame.
 */
export async function main(argv: string[] = process.argv): Promise<number> {
  mark('cli modules loaded');
  installSignalHandlers();
  try {
    if (argv.length <= 2) {
      const { runStart } = await import('./commands/start-course.js');
      await runStart({ vault: DEFAULT_PROVIDER_CHOICE });
      return typeof process.exitCode === 'number' ? process.exitCode : 0;
    }
    const { runCommandLine } = await import('./program.js');
    return await runCommandLine(argv);
  } catch (error) {
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
