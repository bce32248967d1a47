import type { Command } from 'commander';
import { registerGradeAll } from './grade-all.js';
import { registerInstructorCommands } from './instructor.js';
import { registerServerCommands } from './server.js';
import { registerStudentCommands } from './student.js';

/**
 * `secrets-workbook classroom …`: the instructor's commands (init, unseal, provision, report,
 * revoke) against the Vault named by VAULT_ADDR/VAULT_TOKEN, and the student's (join, submit).
 * Logic lives in src/classroom/; these files parse options and print.
 */
export function registerClassroom(program: Command): void {
  const classroom = program
    .command('classroom')
    .description(
      'run a class on one shared Vault: per-student least-privilege credentials, results collected in Vault',
    );
  registerServerCommands(classroom);
  registerInstructorCommands(classroom);
  registerGradeAll(classroom);
  registerStudentCommands(classroom);
}
