import type { Command } from 'commander';
import { print } from './options.js';

/** The student's side: join with a handout, submit a saved grade report. */
export function registerStudentCommands(classroom: Command): void {
  classroom
    .command('join')
    .description('student: unwrap the secret ID in your handout (once) and keep your class credentials privately')
    .argument('<handout>', 'the handout file from your instructor')
    .action(async (handout: string) => {
      const { joinClass } = await import('../../classroom/join.js');
      const result = await joinClass(handout);
      print(
        `Joined the class as ${result.studentId} (${result.address}). Your role ID and secret ID are in ${result.file} (readable only by you).`,
      );
      if (result.replaced) print(`This replaced your earlier classroom credentials (${result.replaced}).`);
      print(
        `The handout's wrapped secret ID is now used up; you can delete the handout. Submit results with: secrets-workbook grade <challenge> --submit`,
      );
    });
  classroom
    .command('submit')
    .description('student: send a saved grade report (grade --json output) to the class Vault')
    .argument('<report>', 'a JSON file written by "secrets-workbook grade <challenge> --json"')
    .action(async (file: string) => {
      const { readFile } = await import('node:fs/promises');
      const { UserError } = await import('../../util/errors.js');
      const { submitToClass, describeSubmission } = await import('../../classroom/submit.js');
      const { parseGradeReport } = await import('../../classroom/grade-report-file.js');
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new UserError(`cannot read ${file}: ${(error as Error).message}`);
      }
      print(describeSubmission(await submitToClass(parseGradeReport(text, file))));
    });
}
