import type { Command } from 'commander';
import { findItem, loadCourse } from '../course/course.js';
import { defaultCourseLoaders } from '../course/loaders.js';
import { ProgressStore } from '../course/progress.js';
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
        await store.replace({ version: progress.version, lessons: {}, challenges: {} });
        process.stdout.write('All progress erased.\n');
        return;
      }
      const course = await loadCourse(defaultCourseLoaders());
      const known = findItem(course, id!);
      const inLessons = id! in progress.lessons;
      const inChallenges = id! in progress.challenges;
      if (!known && !inLessons && !inChallenges)
        throw new UserError(`no lesson or challenge called "${id}" (see \`secrets-workbook list\`)`);
      if (!inLessons && !inChallenges) {
        process.stdout.write(`Nothing to reset: no progress recorded on ${id}.\n`);
        return;
      }
      // A lesson and a challenge may share an id (approle): both are reset, and the prompt says so.
      const kinds = [inLessons ? 'lesson' : '', inChallenges ? 'challenge' : ''].filter(Boolean).join(' and ');
      const label = known ? `${kinds} "${id}" (${known.item.title})` : `${kinds} "${id}"`;
      if (!(await confirm(`Erase your progress on ${label}?`, { yes: options.yes, what: `erase progress on ${id}` }))) {
        process.stdout.write('Nothing was erased.\n');
        return;
      }
      await store.update((current) => {
        delete current.lessons[id!];
        delete current.challenges[id!];
      });
      process.stdout.write(`Progress on ${id} erased.\n`);
    });
}
