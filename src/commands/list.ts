import type { Command } from 'commander';
import { loadCourse } from '../course/course.js';
import { challengeStatus, lessonStatus } from '../course/progress-rules.js';
import { defaultCourseLoaders } from '../course/loaders.js';
import { ProgressStore, statusLabel } from '../course/progress.js';
import type { ItemStatus } from '../course/model.js';

export interface ListJson {
  lessons: Array<{ id: string; title: string; status: ItemStatus }>;
  challenges: Array<{ id: string; title: string; status: ItemStatus }>;
}

/** `secrets-workbook list [--json]`: lessons and challenges with new | in-progress | done. */
export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the lessons and challenges with your progress')
    .option('--json', 'print {"lessons":[{"id","title","status"}],"challenges":[…]}')
    .action(async (options: { json?: boolean }) => {
      const course = await loadCourse(defaultCourseLoaders());
      const { progress, notice } = await new ProgressStore().load();
      if (notice) process.stderr.write(`${notice}\n`);
      const result: ListJson = {
        lessons: course.lessons.map((lesson) => ({
          id: lesson.id,
          title: lesson.title,
          status: lessonStatus(lesson, progress),
        })),
        challenges: course.challenges.map((challenge) => ({
          id: challenge.id,
          title: challenge.title,
          status: challengeStatus(challenge, progress),
        })),
      };
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      const width = Math.max(4, ...[...result.lessons, ...result.challenges].map((item) => item.id.length));
      const row = (id: string, status: ItemStatus, title: string) =>
        `  ${id.padEnd(width)}  ${statusLabel(status).padEnd(11)}  ${title}`;
      const lines = ['Lessons:', ...result.lessons.map((item) => row(item.id, item.status, item.title))];
      lines.push('', 'Challenges:', ...result.challenges.map((item) => row(item.id, item.status, item.title)));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
