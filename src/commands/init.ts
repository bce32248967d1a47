import { InvalidArgumentError, Option, type Command } from 'commander';
import { STARTER_LANGUAGES, type Language } from '../course/model.js';

/** `secrets-workbook init <challenge> [dir] --lang <language>`: copy a starter to work in. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description("copy a challenge's starter program into a folder (never overwrites a file)")
    .argument('<challenge>', 'challenge id, e.g. approle (`secrets-workbook list` shows them all)')
    .argument('[dir]', 'where to put it (default: ./<challenge>)')
    .addOption(
      new Option('--lang <language>', `the language of the starter (${STARTER_LANGUAGES.join(', ')})`)
        .argParser(starterLanguage)
        .makeOptionMandatory(),
    )
    .option('--no-progress', 'do not record the folder in your course progress')
    .action(async (challenge: string, dir: string | undefined, flags: { lang: Language; progress: boolean }) => {
      const { initChallenge } = await import('../course/init-challenge.js');
      const result = await initChallenge(challenge, flags.lang, dir ?? challenge);
      process.stdout.write(`copied the ${flags.lang} starter of ${challenge} into ${result.dir}:\n`);
      for (const file of result.files) process.stdout.write(`  ${file}\n`);
      const setup: Record<string, string> = { python: 'pip install hvac', node: 'npm install', go: 'go mod download' };
      // A starter without dependencies (the scanner challenge) needs no install step.
      const needsInstall =
        result.files.some((file) => ['requirements.txt', 'go.sum'].includes(file)) ||
        (flags.lang === 'node' && (await hasDependencies(result.dir)));
      process.stdout.write(
        `next: cd ${dir ?? challenge}${needsInstall ? ` && ${setup[flags.lang]}` : ''}, read CHALLENGE.md, then: secrets-workbook grade ${challenge}\n`,
      );
      if (flags.progress) {
        const [{ ProgressStore }, { recordProgress }] = await Promise.all([
          import('../course/progress.js'),
          import('../course/progress-rules.js'),
        ]);
        await recordProgress(new ProgressStore(), {
          type: 'starter-created',
          challengeId: challenge,
          dir: result.dir,
          language: flags.lang,
        }).catch(() => undefined);
      }
    });
}

/** One of the starter languages; shell, which the grader runs but has no starter, is told so. */
function starterLanguage(value: string): Language {
  const list = STARTER_LANGUAGES.join(', ');
  if (value === 'shell')
    throw new InvalidArgumentError(
      `There are no shell starters: pick one of ${list}, or write app.sh in an empty folder (grade runs it).`,
    );
  if (!(STARTER_LANGUAGES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`Allowed choices are ${list}.`);
  return value as Language;
}

async function hasDependencies(dir: string): Promise<boolean> {
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { dependencies?: object };
    return Object.keys(manifest.dependencies ?? {}).length > 0;
  } catch {
    return false;
  }
}
