import type { Command } from 'commander';
import { findItem, loadCourse } from '../course/course.js';
import { defaultCourseLoaders } from '../course/loaders.js';
import { ProgressStore } from '../course/progress.js';
import { recordProgress } from '../course/progress-rules.js';
import { UserError } from '../util/errors.js';
import { confirm } from './confirm.js';

/** `secrets-workbook reset [id | --all]`: erase progress on one item or everything, after asking. */
export function registerReset(program: Command): void {
  program
    .command('reset')
    .description('erase your progress on one lesson or challenge, or on everything (asks first)')
    .argument('[id]', 'a lesson or challenge id (see `list`)')
    .option('--all', 'erase all progress')
    .option('-y, --yes', 'do not ask (needed when not in a terminal)')
    .action(async (id: string | undefined, options: { all?: boolean; yes?: boolean }) => {
      if (!id && !options.all) throw new UserError('say what to reset: `reset <id>` or `reset --all`');
      if (id && options.all) throw new UserError('give either an id or --all, not both');
      const store = new ProgressStore();
      const { progress, notice } = await store.load();
      if (notice) process.stderr.write(`${notice}\n`);
      if (options.all) {
        const count = Object.keys(progress.lessons).length + Object.keys(progress.challenges).length;
        if (count === 0) {
          process.stdout.write('Nothing to reset: no progress recorded yet.\n');
          return;
        }
        if (
          !(await confirm(`Erase your progress on all ${count} lessons and challenges?`, {
            yes: options.yes,
            what: 'erase all progress',
          }))
        ) {
          process.stdout.write('Nothing was erased.\n');
          return;
        }
        await recordProgress(store, { type: 'reset-all' });
        process.stdout.write('All progress erased.\n');
        return;
      }
      const course = await loadCourse(defaultCourseLoaders());
      const known = findItem(course, id!);
      // An id no longer in the course (a removed lesson) can still be erased from the file.
      const kind =
        known?.kind ?? (id! in progress.lessons ? 'lesson' : id! in progress.challenges ? 'challenge' : undefined);
      if (!kind) throw new UserError(`no lesson or challenge called "${id}" (see \`secrets-workbook list\`)`);
      if (!(id! in (kind === 'lesson' ? progress.lessons : progress.challenges))) {
        process.stdout.write(`Nothing to reset: no progress recorded on ${kind} ${id}.\n`);
        return;
      }
      const label = known ? `${kind} "${id}" (${known.item.title})` : `${kind} "${id}"`;
      if (!(await confirm(`Erase your progress on ${label}?`, { yes: options.yes, what: `erase progress on ${id}` }))) {
        process.stdout.write('Nothing was erased.\n');
        return;
      }
      await recordProgress(store, { type: 'reset', kind, id: id! });
      process.stdout.write(`Progress on ${id} erased.\n`);
    });
}
