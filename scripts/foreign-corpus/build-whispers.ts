// Builds more tuning data (test/fixtures/foreign-corpus/whispers.bin, whispers-index.tsv): the
// config-file fixtures of Skyscanner's whispers, a scanner whose examples are in neither the foreign
// corpus nor the fresh one. Every example is `tuning`, one whole fixture file under its own name
// (`.npmrc`, `Dockerfile`, `.aws/credentials` steer scanners as they would in a real tree).
//
//   node scripts/run-ts.mjs scripts/foreign-corpus/build-whispers.ts [--repo GIT_DIR]
//
// Run twice, it writes the same bytes. The labelling rule, fixed before `scan` was measured on it:
//  - Scope: the fixtures of whispers' `test_detection_by_value` table (run with a config that only
//    excludes the key `file`) and `test_detection_by_key` table. Left out: `creditcards.yml` (card
//    numbers are not credentials) and `language.html` (its "secrets" are HTML comments).
//  - Whispers writes each fixture as a compliant part and a noncompliant part (a `# Noncompliant`
//    comment, a `noncompliant:` key, `<noncompliant>`, a `…/noncompliant` URL). Secrets, in the
//    noncompliant part only: for the by-value table, each line with a value containing `hardcoded`
//    (any case, `HARDC0D3D` too), base64 of such a value, or a value of ten or more digits (the
//    values its test accepts); for the by-key table, the lines of each expected key's value.
//  - Every other line is benign (a finding there is a false alarm), except: password hashes
//    (`.htpasswd`, Jenkins' `PasswordHash`: left out of scope as in the fresh corpus), placeholders written as secrets (step 4 of the
//    README: a run of one character, an alphabet run, `EXAMPLE`) and lines whose text is a line of
//    `corpus.bin` or `fresh.bin` (nothing held out or fresh is tuned on through a copy): those
//    lines are unlabelled, findings there count neither way.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkoutAt } from './checkout.js';
import {
  encodeForeignCorpus,
  loadForeignCorpus,
  loadFreshCorpus,
  WHISPERS_CORPUS_FILE,
  type ForeignCategory,
  type ForeignExample,
} from '../../src/scanner/corpus/foreign.js';
import { EXTRA_SOURCES } from './sources.js';
import { alphabetRun, indexTsv, summary } from './shape.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const source = EXTRA_SOURCES.whispers;
const OUT_OF_SCOPE = new Set(['creditcards.yml', 'language.html']);

/** Fixture (path under tests/fixtures, up to its first dot-suffix) → category; default `password`. */
const CATEGORY: Array<[RegExp, ForeignCategory]> = [
  [/^(aws\.|\.aws\/)/, 'aws'],
  [/^gitkeys\./, 'github'],
  [/^privatekeys\./, 'private-key'],
  [/^webhooks\./, 'vendor'],
  [/^(uri\.|plaintext\.|pip\.conf|jdbc\.|\.dockercfg)/, 'url-credentials'],
  [/^(apikeys\.|Dockerfile|\.npmrc|language\.sh|java\.properties|jenkins\.|custom\.|placeholders\.)/, 'generic'],
];

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const isPlaceholder = (text: string) => /(\S)\1{9,}|EXAMPLE/.test(text) || alphabetRun(text);
const NONCOMPLIANT = /non-?compliant|incompliant/i;

/**
 * A value whispers' by-value test accepts: `hardcoded` in it or in its base64, or a long number. Key
 * names (`<o1_hardcoded_password>`, `"02_hardcoded_passwords": [`) are not values.
 */
function holdsHardcoded(text: string): boolean {
  const line = text
    .replace(/<\/?[\w.:-]+\/?>/g, ' ')
    .replace(/(^\s*|[{,]\s*)"[^"]*"\s*:/g, ' ')
    .replace(/^\s*[\w.-]+\s*:(?!\/\/)/, ' ');
  if (/hardcoded|HARDC0D3D/i.test(line)) return true;
  if (/(?:^|[:=>"'\s])\d{10,}(?:$|[<"'\s])/.test(line)) return true;
  return (line.match(/[A-Za-z0-9+/]{8,}={0,2}/g) ?? []).some((token) =>
    /hardcoded/i.test(Buffer.from(token, 'base64').toString('latin1')),
  );
}

/** The tables of whispers' test file: fixture → expected count (by value) or keys (by key). */
function tables(test: string): { byValue: Map<string, number>; byKey: Map<string, string[]> } {
  const block = (header: string) => test.split('@pytest.mark.parametrize(').find((b) => b.includes(header)) ?? '';
  const byValue = new Map(
    [...block('("src", "count"),').matchAll(/\("([^"]+)", (\d+)\)/g)].map((m) => [m[1]!, Number(m[2])] as const),
  );
  const byKey = new Map(
    [...block('("src", "expected"),').matchAll(/\("([^"]+)", \[([^\]]*)\]\)/g)].map(
      (m) => [m[1]!, [...m[2]!.matchAll(/"([^"]+)"/g)].map((k) => k[1]!)] as const,
    ),
  );
  return { byValue, byKey };
}

/** 1-based line ranges of a key's value: the key's line and the lines indented deeper below it. */
function keyRanges(lines: string[], from: number, key: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const keyLine = new RegExp(`(?:^|[\\s"'<])${key}["']?\\s*[:=>]`);
  const indent = (l: string) => l.length - l.trimStart().length;
  for (let i = from; i < lines.length; i++) {
    if (!keyLine.test(lines[i]!)) continue;
    let end = i;
    while (end + 1 < lines.length && lines[end + 1]!.trim() && indent(lines[end + 1]!) > indent(lines[i]!)) end++;
    ranges.push([i + 1, end + 1]);
  }
  return ranges;
}

interface Labelled {
  secrets: Array<[number, number]>;
  unlabelled: number[];
}

function label(fixture: string, text: string, expect: number | string[], earlier: Set<string>): Labelled {
  const lines = text.split('\n');
  const marker = Math.max(
    0,
    lines.findIndex((l) => NONCOMPLIANT.test(l)),
  );
  const unlabelled: number[] = [];
  let secrets: Array<[number, number]> = [];
  if (typeof expect === 'number') {
    lines.forEach((l, i) => i >= marker && holdsHardcoded(l) && secrets.push([i + 1, i + 1]));
  } else {
    for (const key of expect) secrets.push(...keyRanges(lines, marker, key));
  }
  const isHash = fixture === '.htpasswd'; // each of its lines is a user and a password hash
  secrets = secrets.filter(([start, end]) => {
    const span = lines.slice(start - 1, end);
    const leftOut =
      isHash ||
      /PasswordHash/.test(span.join('\n')) ||
      span.some((l) => isPlaceholder(l) || (l.trim().length >= 8 && earlier.has(l.trim())));
    if (leftOut) for (let n = start; n <= end; n++) unlabelled.push(n);
    return !leftOut;
  });
  if (typeof expect === 'number' && secrets.length !== expect)
    console.log(`note: ${fixture}: ${secrets.length} labelled lines, whispers counts ${expect} values`);
  return { secrets, unlabelled };
}

function toExample(fixture: string, text: string, { secrets, unlabelled }: Labelled): ForeignExample {
  const category = CATEGORY.find(([pattern]) => pattern.test(fixture))?.[1] ?? 'password';
  return {
    id: `whispers-${sha256(`${fixture}\0${text}`).slice(0, 10)}`,
    source: 'whispers',
    repo: source.repo,
    commit: source.commit,
    path: `${source.fixtureDir}/${fixture}`,
    line: 1,
    licence: source.licence,
    unit: fixture,
    category,
    label: secrets.length ? 'secret' : 'benign',
    split: 'tuning',
    name: fixture,
    text,
    secrets,
    othersUnlabelled: false,
    ...(unlabelled.length ? { unlabelledLines: unlabelled } : {}),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(process.argv.findIndex((a) => a.endsWith('build-whispers.ts')) + 1);
  if (args.length > 0 && (args[0] !== '--repo' || !args[1]))
    throw new Error('usage: build-whispers.ts [--repo GIT_DIR]');
  const work = await mkdtemp(join(tmpdir(), 'sw-whispers-corpus-'));
  try {
    const paths = [source.fixtureDir, source.testFile, source.licenceFile];
    const tree = await checkoutAt(source, paths, join(work, 'tree'), { given: args[1], scratch: work });
    await writeFile(
      join(root, 'test/fixtures/foreign-corpus/licences/whispers.txt'),
      await readFile(join(tree, source.licenceFile), 'utf8'),
    );
    const earlier = new Set(
      [...(await loadForeignCorpus(root)), ...(await loadFreshCorpus(root))].flatMap((e) =>
        e.text.split('\n').map((l) => l.trim()),
      ),
    );
    const { byValue, byKey } = tables(await readFile(join(tree, source.testFile), 'utf8'));
    const kept: ForeignExample[] = [];
    for (const [fixture, expect] of [...byValue, ...byKey]) {
      if (OUT_OF_SCOPE.has(fixture)) continue;
      const text = await readFile(join(tree, source.fixtureDir, fixture), 'utf8');
      kept.push(toExample(fixture, text, label(fixture, text, expect, earlier)));
    }
    kept.sort((a, b) => a.id.localeCompare(b.id));
    await writeFile(join(root, WHISPERS_CORPUS_FILE), encodeForeignCorpus(kept));
    await writeFile(join(root, 'test/fixtures/foreign-corpus/whispers-index.tsv'), indexTsv(kept));
    const left = kept.reduce((n, e) => n + (e.unlabelledLines?.length ?? 0), 0);
    console.log(`${kept.length} fixtures kept; ${left} lines left unlabelled (hashes, placeholders, copies)`);
    console.log(summary(kept, ['tuning']));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
