import { createInterface } from 'node:readline/promises';
import { UserError } from '../util/errors.js';

/**
 * Ask before erasing or replacing something the learner made. `--yes` answers for them; without
 * a terminal to ask on, refuse (exit 2) and name the flag rather than guess.
 */
export async function confirm(question: string, options: { yes?: boolean; what: string }): Promise<boolean> {
  if (options.yes) return true;
  if (!process.stdin.isTTY)
    throw new UserError(`refusing to ${options.what} without confirmation: run it in a terminal or pass --yes`);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
