import type { Command } from 'commander';
import { copyFile, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ProgressStore } from '../course/progress.js';
import { UserError } from '../util/errors.js';
import { confirm } from './confirm.js';

/** `progress export FILE` / `progress import FILE`: move progress to another machine (never a secret in it). */
export function registerProgress(program: Command): void {
  const progress = program
    .command('progress')
    .description('export or import your progress (to move to another machine)');
  progress
    .command('export')
    .description('write your progress to FILE (- for standard output)')
    .argument('<file>')
    .option('-y, --yes', 'overwrite FILE if it exists, without asking')
    .action(async (file: string, options: { yes?: boolean }) => {
      const store = new ProgressStore();
      const { progress: current, notice } = await store.load();
      if (notice) process.stderr.write(`${notice}\n`);
      const text = `${JSON.stringify(current, null, 2)}\n`;
      if (file === '-') {
        process.stdout.write(text);
        return;
      }
      const target = resolve(file);
      if (await exists(target)) {
        if (!(await confirm(`${target} exists. Overwrite it?`, { yes: options.yes, what: `overwrite ${target}` }))) {
          process.stdout.write('Nothing was written.\n');
          return;
        }
      }
      const { default: writeFileAtomic } = await import('write-file-atomic');
      await writeFileAtomic(target, text, { mode: 0o600 });
      const count = Object.keys(current.lessons).length + Object.keys(current.challenges).length;
      process.stdout.write(`Progress on ${count} lessons and challenges written to ${target}.\n`);
    });
  progress
    .command('import')
    .description('replace your progress with FILE (from `progress export`; - for standard input)')
    .argument('<file>')
    .option('-y, --yes', 'replace existing progress without asking')
    .action(async (file: string, options: { yes?: boolean }) => {
      let text: string;
      try {
        text = file === '-' ? await readStdin() : await readFile(resolve(file), 'utf8');
      } catch (error) {
        throw new UserError(`could not read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      // The schema (zod) loads with the command that needs it, not with every start.
      const { checkProgress } = await import('../course/progress-schema.js');
      const checked = checkProgress(text);
      if (!checked.ok) {
        throw new UserError(
          checked.newer
            ? `${file} ${checked.why}: update secrets-workbook to import it`
            : `${file} is not a secrets-workbook progress export: it ${checked.why}`,
        );
      }
      const store = new ProgressStore();
      const { progress: current, notice } = await store.load();
      if (notice) process.stderr.write(`${notice}\n`);
      const existing = Object.keys(current.lessons).length + Object.keys(current.challenges).length;
      let backup: string | undefined;
      if (existing > 0) {
        if (
          !(await confirm(`Replace your current progress (${existing} lessons and challenges) with ${file}?`, {
            yes: options.yes,
            what: 'replace your progress',
          }))
        ) {
          process.stdout.write('Nothing was changed.\n');
          return;
        }
        backup = `${store.file}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
        await copyFile(store.file, backup);
      }
      await store.replace(checked.progress);
      const count = Object.keys(checked.progress.lessons).length + Object.keys(checked.progress.challenges).length;
      process.stdout.write(
        `Imported progress on ${count} lessons and challenges.${backup ? ` The previous progress was kept as ${backup}.` : ''}\n`,
      );
    });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
