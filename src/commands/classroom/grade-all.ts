import { Option, type Command } from 'commander';
import { EXIT_USAGE } from '../../util/errors.js';
import type { ProviderChoice } from '../../vault/provider.js';
import { vaultBinaryOption, vaultOption } from '../options.js';
import { plural, positiveInt, print } from './options.js';

interface GradeAllFlags {
  challenge: string;
  parallel: number;
  timeout: number;
  vault: ProviderChoice;
  vaultBinary?: string;
  unsandboxed?: boolean;
}

/** `classroom grade-all <folder> --challenge ID`: verified results, graded on the instructor's machine. */
export function registerGradeAll(classroom: Command): void {
  classroom
    .command('grade-all')
    .description(
      "grade every student's submission folder (<folder>/<student id>/) with the real grader here, and record the results as verified",
    )
    .argument('<folder>', 'one subfolder per student id (e.g. cloned repositories)')
    .requiredOption('--challenge <id>', 'the challenge to grade')
    .addOption(
      new Option('--parallel <n>', 'submissions graded at once').default(2).argParser(positiveInt('--parallel', 16)),
    )
    .addOption(vaultOption('which Vault each submission is graded against (never the class Vault)'))
    .addOption(vaultBinaryOption())
    .addOption(
      new Option('--timeout <seconds>', 'seconds before a submission is stopped')
        .default(30)
        .argParser(positiveInt('--timeout', 3600)),
    )
    .option(
      '--unsandboxed',
      "grade even where students' programs cannot be kept from the class folder (no Linux sandbox): trusts every submission",
    )
    .action(async (folder: string, options: GradeAllFlags) => {
      const { connectInstructor } = await import('../../classroom/instructor.js');
      const { parseChallengeList } = await import('../../classroom/challenges.js');
      const { gradeAll } = await import('../../classroom/grade-all.js');
      // Checked before the first request to Vault and before any program runs.
      const [challengeId] = await parseChallengeList(options.challenge);
      const admin = await connectInstructor();
      const summary = await gradeAll(admin, {
        folder,
        challengeId: challengeId!,
        concurrency: options.parallel,
        timeoutSeconds: options.timeout,
        vault: options.vault,
        vaultBinary: options.vaultBinary,
        unsandboxed: options.unsandboxed,
        onGraded: print,
      });
      for (const reason of summary.skipped) print(`skipped ${reason}`);
      const notGraded = summary.notGraded.length > 0 ? `, ${summary.notGraded.length} not graded` : '';
      const passed = summary.graded.filter((student) => student.passed).length;
      print(
        `Graded ${plural(summary.graded.length, 'submission')} of ${challengeId}: ${passed} passed, ${summary.graded.length - passed} failing, ${summary.skipped.length} skipped${notGraded}; recorded as verified (classroom report shows them).`,
      );
      if (summary.notGraded.length > 0) process.exitCode = EXIT_USAGE;
    });
}
