import { Option, type Command } from 'commander';
import { REPORT_FORMATS } from '../../classroom/report-formats.js';
import { concurrencyOption, duration, listed, plural, positiveDuration, positiveInt, print } from './options.js';

/** The instructor's work on the class: provision, report, revoke. */
export function registerInstructorCommands(classroom: Command): void {
  registerProvision(classroom);
  registerReport(classroom);
  registerRevoke(classroom);
  registerRemove(classroom);
}

function registerProvision(classroom: Command): void {
  classroom
    .command('provision')
    .description(
      'create a policy, an AppRole and a handout (role_id + wrapped secret_id) per student; run again to add students',
    )
    .requiredOption('--roster <file>', 'CSV with the columns id, name, email')
    .option('--out <dir>', 'folder for the handouts (0700; each handout 0600)', 'handouts')
    .option('--address <url>', 'the Vault address students use (default: VAULT_ADDR)')
    .addOption(
      new Option('--wrap-ttl <duration>', 'how long a handout can be used to join')
        .default('72h')
        .argParser(positiveDuration),
    )
    .addOption(
      new Option('--secret-id-ttl <duration>', "lifetime of each student's secret_id (0 = none)")
        .default('720h')
        .argParser(duration),
    )
    .addOption(concurrencyOption())
    .action(
      async (options: {
        roster: string;
        out: string;
        address?: string;
        wrapTtl: string;
        secretIdTtl: string;
        concurrency: number;
      }) => {
        const { readRoster } = await import('../../classroom/roster.js');
        const { connectInstructor } = await import('../../classroom/instructor.js');
        const { provisionClass } = await import('../../classroom/provision.js');
        const { UserError } = await import('../../util/errors.js');
        // The whole roster is validated before the first request to Vault.
        const students = await readRoster(options.roster);
        const { parseAddressList } = await import('../../vault/address-list.js');
        const given = options.address === undefined ? undefined : parseAddressList(options.address, '--address');
        if (given && 'error' in given) throw new UserError(given.error);
        const admin = await connectInstructor();
        // Every node VAULT_ADDR names goes into the handouts, so join can try the others.
        const address = (given?.addresses ?? admin.endpoints.addresses).join(',');
        let summary;
        try {
          summary = await provisionClass(admin, {
            students,
            outDir: options.out,
            address,
            wrapTtl: options.wrapTtl,
            secretIdTtl: options.secretIdTtl,
            concurrency: options.concurrency,
          });
        } catch (error) {
          if (error instanceof UserError) throw error;
          throw new UserError(
            `provisioning stopped: ${(error as Error).message}; students done so far are kept, run the same command again to continue`,
          );
        }
        const issued = summary.added.length + summary.reissued.length + summary.resumed.length;
        print(
          `${students.length} students in the roster: ${summary.added.length} added, ${summary.reissued.length} re-issued after a revoke, ${summary.resumed.length ? `${summary.resumed.length} finished after an interrupted run, ` : ''}${summary.kept.length} already provisioned (kept as they were${summary.updated.length ? `, ${summary.updated.length} with a new name or email` : ''}).`,
        );
        if (issued > 0)
          print(
            `Handouts for ${listed([...summary.added, ...summary.reissued, ...summary.resumed])} are in ${summary.outDir}/ (one 0600 file each; the wrapped secret IDs work once, for ${options.wrapTtl}).`,
          );
        if (summary.movedAside.length > 0) print(`Earlier handouts were kept aside: ${listed(summary.movedAside)}`);
        const { secretIds, wrappingTokens } = summary.cleaned;
        const cleaned = cleanedLine(secretIds, wrappingTokens);
        if (cleaned) print(cleaned);
        if (
          options.address === undefined &&
          admin.endpoints.addresses.some((node) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(node).hostname))
        )
          print(`Note: the handouts tell students to use ${address}; pass --address with the address they can reach.`);
      },
    );
}

/** What a rerun cleaned after an interrupted one, naming only what there was. */
function cleanedLine(secretIds: number, wrappingTokens: number): string | undefined {
  const parts = [
    ...(secretIds > 0 ? [`${plural(secretIds, 'orphan secret ID')} destroyed`] : []),
    ...(wrappingTokens > 0
      ? [
          `${plural(wrappingTokens, "unconfirmed handout's wrapping token", "unconfirmed handouts' wrapping tokens")} revoked`,
        ]
      : []),
  ];
  return parts.length > 0 ? `Cleaned up after an interrupted run: ${parts.join(', ')}.` : undefined;
}

function registerReport(classroom: Command): void {
  classroom
    .command('report')
    .description("everyone's results per challenge: status, when, attempts")
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('table'))
    .option('--out <file>', 'write to a file instead of the terminal')
    .option('--challenges <ids>', "comma-separated challenge columns (default: the course's challenges)")
    .option('--title <text>', 'title of the HTML page', 'Class progress')
    .addOption(
      new Option('--refresh <seconds>', 'HTML: reload the page every N seconds').argParser(
        positiveInt('--refresh', 3600),
      ),
    )
    .addOption(concurrencyOption())
    .action(
      async (options: {
        format: 'table' | 'csv' | 'json' | 'html';
        out?: string;
        challenges?: string;
        title: string;
        refresh?: number;
        concurrency: number;
      }) => {
        const { connectInstructor } = await import('../../classroom/instructor.js');
        const { collectClassReport } = await import('../../classroom/class-report.js');
        const { formatCsv, formatJson, formatTable } = await import('../../classroom/report-format.js');
        const { formatHtml } = await import('../../classroom/report-html.js');
        const { parseChallengeList } = await import('../../classroom/challenges.js');
        // Options are checked before the first request to Vault.
        const challenges = options.challenges === undefined ? undefined : await parseChallengeList(options.challenges);
        const admin = await connectInstructor();
        const report = await collectClassReport(admin, {
          concurrency: options.concurrency,
          joinStatus: true,
          ...(challenges ? { challenges } : {}),
        });
        const text =
          options.format === 'csv'
            ? formatCsv(report)
            : options.format === 'json'
              ? formatJson(report)
              : options.format === 'html'
                ? formatHtml(report, { title: options.title, refreshSeconds: options.refresh })
                : formatTable(report);
        // Flushed before the command returns: bin exits the process, and a pipe takes ~64 KB at a time.
        if (!options.out) return void (await new Promise((resolve) => process.stdout.write(text, resolve)));
        const { default: writeFileAtomic } = await import('write-file-atomic');
        await writeFileAtomic(options.out, text, { mode: 0o600 });
        print(`Wrote the ${options.format} report for ${report.students.length} students to ${options.out}.`);
      },
    );
}

function registerRevoke(classroom: Command): void {
  classroom
    .command('revoke')
    .description("revoke students' credentials and tokens (all, or --student ID); their results are kept")
    .option('--student <id>', 'only this student')
    .addOption(concurrencyOption())
    .action(async (options: { student?: string; concurrency: number }) => {
      const { connectInstructor } = await import('../../classroom/instructor.js');
      const { revokeStudents } = await import('../../classroom/revoke.js');
      const { sanitizeId } = await import('../../classroom/roster.js');
      const { UserError } = await import('../../util/errors.js');
      let studentId: string | undefined;
      if (options.student !== undefined) {
        studentId = sanitizeId(options.student);
        if (!studentId) throw new UserError(`--student ${JSON.stringify(options.student)} is not a student id`);
      }
      const admin = await connectInstructor();
      const summary = await revokeStudents(admin, { studentId, concurrency: options.concurrency });
      if (summary.students.length === 0) return print('No students in this class; nothing to revoke.');
      const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
      print(
        `Revoked ${summary.students.length === 1 ? summary.students[0] : `${summary.students.length} students`}: ${plural(summary.secretIds, 'secret ID')} destroyed, ${plural(summary.handouts, 'unused handout')} revoked, the tokens of ${summary.identities} login ${summary.identities === 1 ? 'identity' : 'identities'} refused from now on. Results are kept; classroom provision issues a new handout.`,
      );
    });
}

function registerRemove(classroom: Command): void {
  classroom
    .command('remove')
    .description('remove a student: revoke, then delete their role, record and handouts (results stay in Vault)')
    .argument('<student>', 'the student id')
    .option('--out <dir>', 'the handouts folder', 'handouts')
    .action(async (student: string, options: { out: string }) => {
      const { connectInstructor } = await import('../../classroom/instructor.js');
      const { removeStudent } = await import('../../classroom/remove.js');
      const { sanitizeId } = await import('../../classroom/roster.js');
      const { UserError } = await import('../../util/errors.js');
      const studentId = sanitizeId(student);
      if (!studentId) throw new UserError(`${JSON.stringify(student)} is not a student id`);
      const admin = await connectInstructor();
      const summary = await removeStudent(admin, { studentId, handoutsDir: options.out });
      if (!summary.found) return print(`No student "${studentId}" in this class; nothing to remove.`);
      print(
        `Removed ${studentId}: ${summary.revoked ? 'access revoked, role and record deleted' : 'nothing left in Vault'}${summary.handouts.length ? `, ${summary.handouts.length} handout file${summary.handouts.length === 1 ? '' : 's'} deleted` : ''}. Their submitted results stay in the class Vault but leave the report.`,
      );
    });
}
