// Builds the extra tuning data (test/fixtures/foreign-corpus/extra.bin, extra-index.tsv): the
// labelled test files of ripsecrets, a scanner whose examples are in neither the foreign corpus
// nor the fresh one. Every example is `tuning`: it was added to tune rules on, after the held-out
// part and the fresh corpus were fixed.
//
//   node scripts/run-ts.mjs scripts/foreign-corpus/build-extra.ts [--repo GIT_DIR]
//
// Without --repo ripsecrets is cloned from GitHub (blobless). Run twice, it writes the same bytes.
// Labels are ripsecrets' own: its test counts one finding per line of `test/one_per_line/<kind>`,
// one per file of `test/one_per_file/`, and none in `test/none`.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkoutAt } from './checkout.js';
import {
  encodeForeignCorpus,
  EXTRA_CORPUS_FILE,
  loadForeignCorpus,
  loadFreshCorpus,
  type ForeignCategory,
  type ForeignExample,
} from '../../src/scanner/corpus/foreign.js';
import { PASSWORD_WORD } from './scope.js';
import { EXTRA_SOURCES } from './sources.js';
import { alphabetRun, indexTsv, summary } from './shape.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const source = EXTRA_SOURCES.ripsecrets;

/** ripsecrets' file name (the kind of secret) → category; every other provider is `vendor`. */
const BY_FILE: Record<string, ForeignCategory> = {
  aws: 'aws',
  aws_json: 'aws',
  github: 'github',
  gitlab: 'gitlab',
  slack: 'slack',
  stripe: 'stripe',
  pem_key: 'private-key',
  private_key: 'private-key',
  jwt: 'jwt',
  url: 'url-credentials',
  maven: 'password',
  random: 'generic',
};

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** A secret that is a placeholder, by the rule of the other corpora. */
const isPlaceholder = (text: string) => /(\S)\1{9,}|EXAMPLE/.test(text) || alphabetRun(text);

interface Raw {
  path: string;
  line: number;
  text: string;
  label: 'secret' | 'benign';
}

function toExample(raw: Raw): ForeignExample {
  const kind = raw.path.split('/').pop()!;
  let category: ForeignCategory = raw.label === 'benign' ? 'generic' : (BY_FILE[kind] ?? 'vendor');
  if (category === 'generic' && PASSWORD_WORD.test(raw.text)) category = 'password';
  return {
    id: `ripsecrets-${sha256(`${raw.path}\0${raw.line}\0${raw.text}`).slice(0, 10)}`,
    source: 'ripsecrets',
    repo: source.repo,
    commit: source.commit,
    path: raw.path,
    line: raw.line,
    licence: source.licence,
    unit: raw.path,
    category,
    label: raw.label,
    split: 'tuning',
    name: 'example.txt',
    text: raw.text,
    secrets: raw.label === 'secret' ? [[1, raw.text.split('\n').length]] : [],
    othersUnlabelled: false,
  };
}

/** The lines of test/none that ripsecrets leaves alone only because they are marked ignored. */
function suppressed(line: string, ignored: readonly string[]): boolean {
  return /pragma: allowlist secret/.test(line) || ignored.some((value) => line.includes(value));
}

async function readExamples(tree: string): Promise<Raw[]> {
  const dir = join(tree, source.testDir);
  const ignoreFile = await readFile(join(tree, '.secretsignore'), 'utf8');
  const ignored =
    ignoreFile
      .split('[secrets]')[1]
      ?.split('\n')
      .filter((l) => l.trim().length >= 8) ?? [];
  const raws: Raw[] = [];
  const lines = async (path: string) => (await readFile(join(tree, path), 'utf8')).split('\n');
  for (const kind of (await readdir(join(dir, 'one_per_line'))).sort()) {
    const path = `${source.testDir}/one_per_line/${kind}`;
    (await lines(path)).forEach((text, i) => text.trim() && raws.push({ path, line: i + 1, text, label: 'secret' }));
  }
  for (const name of (await readdir(join(dir, 'one_per_file'))).sort()) {
    const path = `${source.testDir}/one_per_file/${name}`;
    raws.push({ path, line: 1, text: await readFile(join(tree, path), 'utf8'), label: 'secret' });
  }
  const nonePath = `${source.testDir}/none`;
  (await lines(nonePath)).forEach((text, i) => {
    if (text.trim() && !suppressed(text, ignored)) raws.push({ path: nonePath, line: i + 1, text, label: 'benign' });
  });
  return raws;
}

async function main(): Promise<void> {
  const args = process.argv.slice(process.argv.findIndex((a) => a.endsWith('build-extra.ts')) + 1);
  if (args.length > 0 && (args[0] !== '--repo' || !args[1])) throw new Error('usage: build-extra.ts [--repo GIT_DIR]');
  const work = await mkdtemp(join(tmpdir(), 'sw-extra-corpus-'));
  try {
    const tree = await checkoutAt(source, [source.testDir, '.secretsignore', source.licenceFile], join(work, 'tree'), {
      given: args[1],
      scratch: work,
    });
    await writeFile(
      join(root, 'test/fixtures/foreign-corpus/licences/ripsecrets.txt'),
      await readFile(join(tree, source.licenceFile), 'utf8'),
    );
    // No text of either corpus again: a copy of a held-out or fresh example must not be tuned on.
    const earlier = new Set(
      [...(await loadForeignCorpus(root)), ...(await loadFreshCorpus(root))].map((e) => e.text.trim()),
    );
    const counts = { placeholder: 0, seen: 0 };
    const kept: ForeignExample[] = [];
    for (const raw of await readExamples(tree)) {
      if (raw.label === 'secret' && isPlaceholder(raw.text)) counts.placeholder++;
      else if (earlier.has(raw.text.trim())) counts.seen++;
      else {
        earlier.add(raw.text.trim());
        kept.push(toExample(raw));
      }
    }
    kept.sort((a, b) => a.id.localeCompare(b.id));
    await writeFile(join(root, EXTRA_CORPUS_FILE), encodeForeignCorpus(kept));
    await writeFile(join(root, 'test/fixtures/foreign-corpus/extra-index.tsv'), indexTsv(kept));
    console.log(
      `${kept.length} kept; left out: ${counts.placeholder} placeholder secrets, ${counts.seen} texts already in a corpus`,
    );
    console.log(summary(kept, ['tuning']));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
