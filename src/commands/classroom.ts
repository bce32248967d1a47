import { Command, InvalidArgumentError, Option } from 'commander';
import { REPORT_FORMATS } from '../classroom/report-formats.js';

/**
 * `secrets-workbook classroom …`: the instructor's commands (init, unseal, provision, report,
 * revoke) against the Vault named by VAULT_ADDR/VAULT_TOKEN, and the student's (join, submit).
 * Logic lives in src/classroom/; this file parses options and prints.
 */
const DEFAULT_CONCURRENCY = 32;

function positiveInt(name: string, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > max)
      throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}`);
    return parsed;
  };
}

function positiveDuration(value: string): string {
  if (!/^\d+[smhd]?$/.test(value) || /^0+[smhd]?$/.test(value))
    throw new InvalidArgumentError('use a duration like 90m, 72h or 3d (more than 0)');
  return duration(value);
}

function duration(value: string): string {
  if (!/^(0|\d+[smhd]?)$/.test(value))
    throw new InvalidArgumentError('use a duration like 90m, 72h or 30d (0 = no expiry)');
  // Vault takes s/m/h; days are spelt out in hours.
  return value.endsWith('d') ? `${Number(value.slice(0, -1)) * 24}h` : value;
}

/** `a, b, c` or `a, b, … and 290 more` for long classes. */
const listed = (ids: string[], max = 10): string =>
  ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;

const print = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

export function registerClassroom(program: Command): void {
  const classroom = program
    .command('classroom')
    .description(
      'Run a class on one shared Vault: per-student least-privilege credentials, results collected in Vault',
    );

  classroom
    .command('init')
    .description(
      'Initialise and unseal a fresh server-mode class Vault (VAULT_ADDR); keys go to a 0600 file, never to the screen',
    )
    .option('--keys <file>', 'where to write the unseal keys and root token (must not exist)', 'class-vault-keys.json')
    .addOption(
      new Option('--key-shares <n>', 'unseal key shares').default(1).argParser(positiveInt('--key-shares', 10)),
    )
    .addOption(
      new Option('--key-threshold <n>', 'shares needed to unseal')
        .default(1)
        .argParser(positiveInt('--key-threshold', 10)),
    )
    .action(async (options: { keys: string; keyShares: number; keyThreshold: number }) => {
      const { instructorAddress } = await import('../classroom/instructor.js');
      const { initClassVault } = await import('../classroom/init.js');
      const address = instructorAddress();
      const { keysFile } = await initClassVault({
        address,
        keysFile: options.keys,
        shares: options.keyShares,
        threshold: options.keyThreshold,
      });
      print(
        `Initialised and unsealed the class Vault at ${address}; KV v2 at secret/ and AppRole at approle/ are enabled.`,
      );
      print(`The unseal key${options.keyShares > 1 ? 's' : ''} and the root token are in ${keysFile} (mode 0600).`);
      print(
        `WARNING: move ${keysFile} somewhere safe (a password manager or an offline disk) and delete it here: anyone with it owns the Vault.`,
      );
      print(
        `Next: export VAULT_TOKEN=<root_token from ${keysFile}>, then secrets-workbook classroom provision --roster roster.csv`,
      );
    });

  classroom
    .command('unseal')
    .description('Unseal the class Vault after a restart, with the keys file from classroom init')
    .option('--keys <file>', 'the keys file from classroom init', 'class-vault-keys.json')
    .action(async (options: { keys: string }) => {
      const { instructorAddress } = await import('../classroom/instructor.js');
      const { unsealClassVault } = await import('../classroom/init.js');
      const address = instructorAddress();
      const { wasSealed } = await unsealClassVault({ address, keysFile: options.keys });
      print(
        wasSealed
          ? `Unsealed the class Vault at ${address}.`
          : `The class Vault at ${address} is not sealed; nothing to do.`,
      );
    });

  classroom
    .command('instructor-policy')
    .description(
      'Print the Vault policy an instructor token needs for provision, report and revoke (so the root token can stay locked away)',
    )
    .action(async () => {
      const { instructorPolicy, INSTRUCTOR_POLICY_NAME } = await import('../classroom/layout.js');
      print(
        `# vault policy write ${INSTRUCTOR_POLICY_NAME} - ; vault token create -policy=${INSTRUCTOR_POLICY_NAME} -ttl=12h\n${instructorPolicy()}`,
      );
    });

  classroom
    .command('provision')
    .description(
      'Create a policy, an AppRole and a handout (role_id + wrapped secret_id) per student; run again to add students',
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
    .addOption(
      new Option('--concurrency <n>', 'Vault requests in flight at once')
        .default(DEFAULT_CONCURRENCY)
        .argParser(positiveInt('--concurrency', 256)),
    )
    .action(
      async (options: {
        roster: string;
        out: string;
        address?: string;
        wrapTtl: string;
        secretIdTtl: string;
        concurrency: number;
      }) => {
        const { readRoster } = await import('../classroom/roster.js');
        const { connectInstructor } = await import('../classroom/instructor.js');
        const { provisionClass } = await import('../classroom/provision.js');
        const { UserError } = await import('../util/errors.js');
        // The whole roster is validated before the first request to Vault.
        const students = await readRoster(options.roster);
        if (options.address !== undefined && !/^https?:\/\/\S+$/.test(options.address))
          throw new UserError('--address must be an http(s) URL');
        const admin = await connectInstructor();
        const address = (options.address ?? admin.address).replace(/\/+$/, '');
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
        const issued = summary.added.length + summary.reissued.length;
        print(
          `${students.length} students in the roster: ${summary.added.length} added, ${summary.reissued.length} re-issued after a revoke, ${summary.kept.length} already provisioned (kept as they were${summary.updated.length ? `, ${summary.updated.length} with a new name or email` : ''}).`,
        );
        if (issued > 0)
          print(
            `Handouts for ${listed([...summary.added, ...summary.reissued])} are in ${summary.outDir}/ (one 0600 file each; the wrapped secret IDs work once, for ${options.wrapTtl}).`,
          );
        if (summary.movedAside.length > 0) print(`Earlier handouts were kept aside: ${listed(summary.movedAside)}`);
        if (options.address === undefined && ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(address).hostname))
          print(`Note: the handouts tell students to use ${address}; pass --address with the address they can reach.`);
      },
    );

  classroom
    .command('report')
    .description("Everyone's results per challenge: status, when, attempts")
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('table'))
    .option('--out <file>', 'write to a file instead of the terminal')
    .option('--challenges <ids>', "comma-separated challenge columns (default: the course's challenges)")
    .option('--title <text>', 'title of the HTML page', 'Class progress')
    .addOption(
      new Option('--refresh <seconds>', 'HTML: reload the page every N seconds').argParser(
        positiveInt('--refresh', 3600),
      ),
    )
    .addOption(
      new Option('--concurrency <n>', 'Vault requests in flight at once')
        .default(DEFAULT_CONCURRENCY)
        .argParser(positiveInt('--concurrency', 256)),
    )
    .action(
      async (options: {
        format: 'table' | 'csv' | 'json' | 'html';
        out?: string;
        challenges?: string;
        title: string;
        refresh?: number;
        concurrency: number;
      }) => {
        const { connectInstructor } = await import('../classroom/instructor.js');
        const { collectClassReport } = await import('../classroom/class-report.js');
        const { formatCsv, formatJson, formatTable } = await import('../classroom/report-format.js');
        const { formatHtml } = await import('../classroom/report-html.js');
        const admin = await connectInstructor();
        const { CHALLENGE_ID_PATTERN } = await import('../classroom/results.js');
        const { UserError } = await import('../util/errors.js');
        const challenges = options.challenges
          ?.split(',')
          .map((id) => id.trim())
          .filter(Boolean);
        const bad = challenges?.find((id) => !CHALLENGE_ID_PATTERN.test(id));
        if (bad !== undefined) throw new UserError(`--challenges: ${JSON.stringify(bad)} is not a challenge id`);
        const report = await collectClassReport(admin, {
          concurrency: options.concurrency,
          ...(challenges?.length ? { challenges } : {}),
        });
        const text =
          options.format === 'csv'
            ? formatCsv(report)
            : options.format === 'json'
              ? formatJson(report)
              : options.format === 'html'
                ? formatHtml(report, { title: options.title, refreshSeconds: options.refresh })
                : formatTable(report);
        if (!options.out) return void process.stdout.write(text);
        const { default: writeFileAtomic } = await import('write-file-atomic');
        await writeFileAtomic(options.out, text, { mode: 0o600 });
        print(`Wrote the ${options.format} report for ${report.students.length} students to ${options.out}.`);
      },
    );

  classroom
    .command('revoke')
    .description("Revoke students' credentials and tokens (all, or --student ID); their results are kept")
    .option('--student <id>', 'only this student')
    .addOption(
      new Option('--concurrency <n>', 'Vault requests in flight at once')
        .default(DEFAULT_CONCURRENCY)
        .argParser(positiveInt('--concurrency', 256)),
    )
    .action(async (options: { student?: string; concurrency: number }) => {
      const { connectInstructor } = await import('../classroom/instructor.js');
      const { revokeStudents } = await import('../classroom/revoke.js');
      const { sanitizeId } = await import('../classroom/roster.js');
      const { UserError } = await import('../util/errors.js');
      let studentId: string | undefined;
      if (options.student !== undefined) {
        studentId = sanitizeId(options.student);
        if (!studentId) throw new UserError(`--student ${JSON.stringify(options.student)} is not a student id`);
      }
      const admin = await connectInstructor();
      const summary = await revokeStudents(admin, { studentId, concurrency: options.concurrency });
      if (summary.students.length === 0) return print('No students in this class; nothing to revoke.');
      print(
        `Revoked ${summary.students.length === 1 ? summary.students[0] : `${summary.students.length} students`}: ${summary.secretIds} secret ID${summary.secretIds === 1 ? '' : 's'} destroyed, ${summary.tokens} token${summary.tokens === 1 ? '' : 's'} revoked. Results are kept; classroom provision issues a new handout.`,
      );
    });

  classroom
    .command('join')
    .description('Student: unwrap the secret ID in your handout (once) and keep your class credentials privately')
    .argument('<handout>', 'the handout file from your instructor')
    .action(async (handout: string) => {
      const { joinClass } = await import('../classroom/join.js');
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
    .description('Student: send a saved grade report (grade --json output) to the class Vault')
    .argument('<report>', 'a JSON file written by "secrets-workbook grade <challenge> --json"')
    .action(async (file: string) => {
      const { readFile } = await import('node:fs/promises');
      const { UserError } = await import('../util/errors.js');
      const { submitToClass, describeSubmission } = await import('../classroom/submit.js');
      const { parseGradeReport } = await import('../classroom/grade-report-file.js');
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new UserError(`cannot read ${file}: ${(error as Error).message}`);
      }
      print(describeSubmission(await submitToClass(parseGradeReport(text, file))));
    });
}
