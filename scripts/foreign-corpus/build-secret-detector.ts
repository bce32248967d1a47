// Builds more tuning data (test/fixtures/foreign-corpus/secret-detector.bin, secret-detector-index.tsv)
// from the detector tests of DefangLabs/secret-detector (a Go secret scanner, the maintained fork of
// octarinesec/secret-detector): every `[]tests.TestCase` table of pkg/detectors, one example per case.
// Every example is `tuning`; it was added after the held-out part and the fresh corpus were fixed.
//
//   node scripts/run-ts.mjs scripts/foreign-corpus/build-secret-detector.ts [--repo GIT_DIR]
//
// Without --repo the project is cloned from GitHub (blobless). Run twice, it writes the same bytes.
//
// Labels, fixed before `scan` was measured on any of it:
//  - scope: the test tables of the detectors its scanner runs by default (`NewConfigWithDefaults` in
//    pkg/scanner/config.go); a case is `{name, input, expectDetection}` and its input is its text.
//    A case whose input is built by a call (a random UUID) is not literal and is skipped.
//  - secret: a case that expects a detection; the whole text is the secret's range.
//  - benign: a case that expects none, unless (a) its text is empty, (b) it is a near-copy of a case
//    that expects one (it shares 10 characters in a row, one of them a digit, with any positive input
//    of the project, placeholders included): such a case tests where one regular expression stops (a
//    prefix changed, a character too many, `X` in front of a token), not whether the text is harmless,
//    as in step 2 of the main corpus; or (c) some stored example labels the same text a secret.
//  - left out: placeholders written as secrets (one character ten times in a row, eight in alphabet
//    order, `EXAMPLE`: the rule of step 4 of the main corpus), and every example that shares a line,
//    or a token of 16 characters or more, with the held-out part of corpus.bin or with fresh.bin
//    (compared here, unread), or whose whole text is an example of any stored corpus.
//  - categories from the detector: aws (its secret-key and access-key-id tests), github, slack,
//    stripe, jwt, private-key by name; basic auth → password; bearer auth → generic; the URL
//    password detector → url-credentials; the high-entropy-string detector → generic; the keyword
//    detector → generic, password when the text names one (as in the main corpus); every other
//    provider (Artifactory, Azure, MWS, Mailchimp, npm, SendGrid, Square, Twilio) → vendor.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkoutAt } from './checkout.js';
import {
  encodeForeignCorpus,
  loadTrivyHorusecCorpus,
  SECRET_DETECTOR_CORPUS_FILE,
  type ForeignCategory,
  type ForeignExample,
} from '../../src/scanner/corpus/foreign.js';
import { earlierText, sharesText } from './overlap.js';
import { PASSWORD_WORD } from './scope.js';
import { EXTRA_SOURCES } from './sources.js';
import { alphabetRun, indexTsv, summary } from './shape.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = EXTRA_SOURCES.secretdetector;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const isPlaceholder = (text: string) => /(\S)\1{9,}|EXAMPLE/.test(text) || alphabetRun(text);

/** Test file (relative to pkg/detectors) → category; the keyword detector is decided per case. */
function categoryOf(file: string, text: string): ForeignCategory {
  const [pkg = '', name = ''] = file.split('/');
  if (pkg === 'aws') return /mws/.test(name) ? 'vendor' : 'aws';
  if (pkg === 'generic') return /url/.test(name) ? 'url-credentials' : 'generic';
  if (pkg === 'keyword' && PASSWORD_WORD.test(text)) return 'password';
  const byPackage: Record<string, ForeignCategory> = {
    keyword: 'generic',
    basicauth: 'password',
    bearerauth: 'generic',
    github: 'github',
    jwt: 'jwt',
    privatekey: 'private-key',
    slack: 'slack',
    stripe: 'stripe',
  };
  return byPackage[pkg] ?? 'vendor';
}

/** A Go string literal: interpreted ("…", with escapes) or raw (`…`). */
const GO_STRING = String.raw`"(?:[^"\\\n]|\\.)*"|` + '`[^`]*`';
const CASE_LINE = new RegExp(String.raw`^\s*\{\s*(${GO_STRING})\s*,\s*(${GO_STRING})\s*,\s*(true|false)\s*\},?\s*$`);

function goString(literal: string): string | undefined {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined; // an escape JSON does not share (\x, octal): none in scope today
  }
}

interface Case {
  file: string;
  table: string;
  line: number;
  name: string;
  text: string;
  expect: boolean;
}

/** The cases of every `[]tests.TestCase` table of one test file, with their lines. */
function casesIn(file: string, source: string): Case[] {
  const out: Case[] = [];
  let table: string | undefined;
  source.split('\n').forEach((line, i) => {
    const opens = /^var (\w+) = \[\]tests\.TestCase\{/.exec(line);
    if (opens) table = opens[1];
    else if (line.startsWith('}')) table = undefined;
    else if (table) {
      const m = CASE_LINE.exec(line);
      if (!m) return;
      const name = goString(m[1]!);
      const text = goString(m[2]!);
      if (name !== undefined && text !== undefined)
        out.push({ file, table, line: i + 1, name, text, expect: m[3] === 'true' });
    }
  });
  return out;
}

/** Package names of the detectors `NewConfigWithDefaults` lists. */
function defaultDetectors(config: string): Set<string> {
  const body = /Detectors:\s*\[\]string\{([^}]*)\}/.exec(config)?.[1] ?? '';
  return new Set([...body.matchAll(/(\w+)\.\w+,/g)].map((m) => m[1]!));
}

/** 10 characters in a row holding a digit, from every positive input: a negative holding one is a near-copy. */
function positivePieces(cases: Case[]): Set<string> {
  const pieces = new Set<string>();
  for (const c of cases.filter((c) => c.expect))
    for (let i = 0; i + 10 <= c.text.length; i++) {
      const piece = c.text.slice(i, i + 10);
      if (/\d/.test(piece)) pieces.add(piece);
    }
  return pieces;
}

const nearCopy = (text: string, pieces: Set<string>) => {
  for (let i = 0; i + 10 <= text.length; i++) if (pieces.has(text.slice(i, i + 10))) return true;
  return false;
};

function toExample(c: Case): ForeignExample {
  const path = `${source.detectorsDir}/${c.file}`;
  const label = c.expect ? 'secret' : 'benign';
  const lines = c.text.split('\n').length;
  return {
    id: `secretdetector-${sha256(`${path}\0${c.table}\0${c.name}\0${c.text}`).slice(0, 10)}`,
    source: 'secretdetector',
    repo: source.repo,
    commit: source.commit,
    path,
    line: c.line,
    licence: source.licence,
    unit: `${path}#${c.table}`,
    category: categoryOf(c.file, c.text),
    label,
    split: 'tuning',
    name: 'example.txt',
    text: c.text,
    secrets: c.expect ? [[1, lines]] : [],
    othersUnlabelled: false,
  };
}

async function testFiles(tree: string, detectors: Set<string>): Promise<string[]> {
  const files: string[] = [];
  for (const pkg of (await readdir(join(tree, source.detectorsDir))).sort())
    if (detectors.has(pkg))
      for (const name of (await readdir(join(tree, source.detectorsDir, pkg))).sort())
        if (name.endsWith('_test.go')) files.push(`${pkg}/${name}`);
  return files;
}

function parseArgs(): { repo?: string } {
  const args = process.argv.slice(process.argv.findIndex((a) => a.endsWith('build-secret-detector.ts')) + 1);
  if (args.length === 0) return {};
  if (args.length !== 2 || args[0] !== '--repo' || !args[1])
    throw new Error('usage: build-secret-detector.ts [--repo GIT_DIR]');
  return { repo: args[1] };
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'sw-secret-detector-corpus-'));
  try {
    const tree = await checkoutAt(
      source,
      [source.detectorsDir, source.configFile, source.licenceFile],
      join(work, 'secret-detector'),
      { given: parseArgs().repo, scratch: work },
    );
    await writeFile(
      join(root, 'test/fixtures/foreign-corpus/licences/secret-detector.txt'),
      await readFile(join(tree, source.licenceFile), 'utf8'),
    );
    const detectors = defaultDetectors(await readFile(join(tree, source.configFile), 'utf8'));
    const cases: Case[] = [];
    for (const file of await testFiles(tree, detectors))
      cases.push(...casesIn(file, await readFile(join(tree, source.detectorsDir, file), 'utf8')));
    const pieces = positivePieces(cases);
    const earlier = await earlierText(root, await loadTrivyHorusecCorpus(root));
    const counts = { placeholder: 0, nearCopy: 0, empty: 0, shared: 0, labelledSecretElsewhere: 0 };
    const kept: ForeignExample[] = [];
    const seen = new Set<string>();
    for (const c of cases) {
      const key = `${c.expect}\0${c.text}`;
      if (seen.has(key)) continue; // the same text twice in one label: kept once
      seen.add(key);
      if (c.expect && isPlaceholder(c.text)) counts.placeholder++;
      else if (!c.expect && !c.text.trim()) counts.empty++;
      else if (!c.expect && nearCopy(c.text, pieces)) counts.nearCopy++;
      else if (!c.expect && earlier.secretTexts.has(c.text.trim())) counts.labelledSecretElsewhere++;
      else if (sharesText(c.text, earlier)) counts.shared++;
      else kept.push(toExample(c));
    }
    kept.sort((a, b) => a.id.localeCompare(b.id));
    await writeFile(join(root, SECRET_DETECTOR_CORPUS_FILE), encodeForeignCorpus(kept));
    await writeFile(join(root, 'test/fixtures/foreign-corpus/secret-detector-index.tsv'), indexTsv(kept));
    console.log(
      `secret-detector: ${cases.length} cases in ${detectors.size} default detectors, ${kept.length} kept; left out: ` +
        `${counts.placeholder} placeholders written as secrets, ${counts.empty} empty, ${counts.nearCopy} near-copies ` +
        `of a secret, ${counts.labelledSecretElsewhere} labelled secret elsewhere, ${counts.shared} sharing text with a corpus`,
    );
    console.log(summary(kept, ['tuning']));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
