// Builds more tuning data (test/fixtures/foreign-corpus/credsweeper.bin, credsweeper-index.tsv)
// from Samsung's CredSweeper: its test samples and the findings its own tests expect in them.
// Every example is `tuning`; it was added after the held-out part and the fresh corpus were fixed.
//
//   node scripts/run-ts.mjs scripts/foreign-corpus/build-credsweeper.ts [--repo GIT_DIR]
//
// Without --repo CredSweeper is cloned from GitHub (blobless). Run twice, it writes the same bytes.
//
// Labels, fixed before `scan` was measured on any of it:
//  - secret: a line range CredSweeper's default run (its filters and its ML validation,
//    tests/data/output.json) reports. One example per sample file and category, the whole file as
//    written (its context kept), the reported ranges labelled and the other lines unlabelled.
//  - benign: a line CredSweeper's regular expressions match (no_filters_no_ml.json) but that its
//    filters reject (in neither no_ml.json nor output.json): a look-alike it judged harmless. One
//    example per line, under the sample's file name.
//  - left out: text files only (no NUL byte, valid UTF-8); findings whose reported line is not the
//    file's line; identifiers and non-credentials (UUIDs, AWS client ids, bucket names, app ids,
//    salts, nonces); placeholders written as secrets (a value with one character ten times in a
//    row, eight in alphabet order, or `EXAMPLE`); and every sample file that shares a line, or a
//    token of 16 characters or more, with any example of corpus.bin, fresh.bin, extra.bin or whispers.bin, so
//    that nothing held out or fresh is tuned on through a copy.
//  - categories from CredSweeper's rule; a reported line that is a connection string (`scheme://…@`,
//    `jdbc:`, `Server=…;`) is url-credentials whatever the rule.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkoutAt } from './checkout.js';
import {
  CREDSWEEPER_CORPUS_FILE,
  encodeForeignCorpus,
  loadExtraCorpus,
  loadForeignCorpus,
  loadFreshCorpus,
  type ForeignCategory,
  type ForeignExample,
} from '../../src/scanner/corpus/foreign.js';
import { EXTRA_SOURCES } from './sources.js';
import { alphabetRun, indexTsv, summary } from './shape.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = EXTRA_SOURCES.credsweeper;

interface Finding {
  rule: string;
  line_data_list: Array<{ line: string; line_num: number; path: string; value: string | null }>;
}

const NOT_CREDENTIALS = new Set([
  'UUID',
  'AWS Client ID',
  'AWS S3 Bucket',
  'Firebase Domain',
  'Tencent WeChat API App ID',
  'Alibaba Access Key ID',
  'Salt',
  'Nonce',
]);
const PASSWORD_RULES = new Set([
  'Password',
  'SQL Password',
  'CMD Password',
  'CMD ConvertTo-SecureString',
  'CURL Options',
  'CURL User Password',
  'Basic Authorization',
  'Credential',
  'Auth',
]);
const GENERIC_RULES = new Set(['Key', 'Secret', 'Token', 'API', 'CMD Secret', 'CMD Token', 'Bearer Authorization']);
const PRIVATE_KEY_RULES = new Set([
  'PEM Private Key',
  'BASE64 Private Key',
  'BASE64 encoded PEM Private Key',
  'JSON Web Key',
  'JWK',
]);
const CONNECTION_STRING = /[a-z][\w+.-]*:\/\/[^\s/@]*@|jdbc:|(?:server|data source|host)\s*=[^;\n]*;/i;

function categoryOf(rule: string, lines: readonly string[]): ForeignCategory {
  if (rule === 'URL Credentials' || lines.some((l) => CONNECTION_STRING.test(l))) return 'url-credentials';
  if (rule === 'JSON Web Token') return 'jwt';
  if (PRIVATE_KEY_RULES.has(rule)) return 'private-key';
  if (PASSWORD_RULES.has(rule)) return 'password';
  if (GENERIC_RULES.has(rule)) return 'generic';
  for (const vendor of ['aws', 'github', 'gitlab', 'slack', 'stripe'] as const)
    if (rule.toLowerCase().startsWith(vendor)) return vendor;
  return 'vendor';
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const isPlaceholder = (text: string) => /(\S)\1{9,}|EXAMPLE/.test(text) || alphabetRun(text);
const samplePath = (reported: string) => reported.replace(/^\.\//, '');

/** Lines and long tokens of every example already in a corpus: a sample holding one is left out. */
async function earlierText(): Promise<{ lines: Set<string>; tokens: Set<string> }> {
  const lines = new Set<string>();
  const tokens = new Set<string>();
  const all = [...(await loadForeignCorpus(root)), ...(await loadFreshCorpus(root)), ...(await loadExtraCorpus(root))];
  for (const example of all)
    for (const line of example.text.split('\n')) {
      if (line.trim().length >= 8) lines.add(line.trim());
      for (const token of line.split(/[\s'"`=:,;()<>[\]{}]+/)) if (token.length >= 16) tokens.add(token);
    }
  return { lines, tokens };
}

function sharesText(text: string, earlier: { lines: Set<string>; tokens: Set<string> }): boolean {
  return text
    .split('\n')
    .some(
      (line) =>
        earlier.lines.has(line.trim()) ||
        line.split(/[\s'"`=:,;()<>[\]{}]+/).some((token) => token.length >= 16 && earlier.tokens.has(token)),
    );
}

/** The text samples, by path: binary files and files that are not UTF-8 are left out. */
async function readSamples(tree: string, paths: Iterable<string>): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const path of [...new Set(paths)].sort()) {
    const bytes = await readFile(join(tree, path)).catch(() => undefined);
    if (!bytes || bytes.includes(0)) continue;
    try {
      texts.set(path, new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
    } catch {
      continue; // not UTF-8: a binary format or another encoding
    }
  }
  return texts;
}

function example(path: string, fields: Partial<ForeignExample> & Pick<ForeignExample, 'id' | 'text'>): ForeignExample {
  return {
    source: 'credsweeper',
    repo: source.repo,
    commit: source.commit,
    path,
    line: 1,
    licence: source.licence,
    unit: path,
    category: 'generic',
    label: 'secret',
    split: 'tuning',
    name: basename(path),
    secrets: [],
    othersUnlabelled: false,
    ...fields,
  };
}

type Counts = Record<'notCredential' | 'elsewhere' | 'placeholder' | 'shared', number>;

/** One secret example per sample file and category: the ranges CredSweeper's default run reports. */
function secretExamples(findings: Finding[], texts: Map<string, string>, counts: Counts): ForeignExample[] {
  const ranges = new Map<string, { path: string; category: ForeignCategory; ranges: Map<string, [number, number]> }>();
  for (const finding of findings) {
    const path = samplePath(finding.line_data_list[0]!.path);
    const text = texts.get(path);
    if (text === undefined) continue;
    const lines = text.split('\n');
    const data = finding.line_data_list;
    if (NOT_CREDENTIALS.has(finding.rule)) counts.notCredential++;
    else if (data.some((d) => lines[d.line_num - 1]?.trim() !== d.line.trim())) counts.elsewhere++;
    else if (data.some((d) => d.value && isPlaceholder(d.value))) counts.placeholder++;
    else {
      const category = categoryOf(
        finding.rule,
        data.map((d) => d.line),
      );
      const key = `${path}\0${category}`;
      const entry = ranges.get(key) ?? { path, category, ranges: new Map() };
      const range: [number, number] = [
        Math.min(...data.map((d) => d.line_num)),
        Math.max(...data.map((d) => d.line_num)),
      ];
      entry.ranges.set(range.join('-'), range);
      ranges.set(key, entry);
    }
  }
  return [...ranges.values()].map(({ path, category, ranges: found }) =>
    example(path, {
      id: `credsweeper-${sha256(`${path}\0${category}`).slice(0, 10)}`,
      category,
      text: texts.get(path)!,
      secrets: [...found.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]),
      othersUnlabelled: true,
    }),
  );
}

/** A benign line is a password look-alike or a generic one. */
const benignCategory = (category: ForeignCategory): ForeignCategory => (category === 'password' ? category : 'generic');

/** One benign example per line its regular expressions match and its filters reject. */
function benignExamples(regexOnly: Finding[], kept: Finding[], texts: Map<string, string>): ForeignExample[] {
  const where = (f: Finding) => f.line_data_list.map((d) => `${samplePath(d.path)}:${d.line_num}`);
  const reported = new Set(kept.flatMap(where));
  const reportedText = new Set(kept.flatMap((f) => f.line_data_list.map((d) => d.line.trim())));
  const out = new Map<string, ForeignExample>();
  for (const finding of regexOnly)
    for (const d of finding.line_data_list) {
      const path = samplePath(d.path);
      const line = texts.get(path)?.split('\n')[d.line_num - 1];
      if (line === undefined || line.trim() !== d.line.trim() || reported.has(`${path}:${d.line_num}`)) continue;
      if (NOT_CREDENTIALS.has(finding.rule) || out.has(line.trim()) || reportedText.has(line.trim())) continue;
      out.set(
        line.trim(),
        example(path, {
          id: `credsweeper-${sha256(`${path}\0${d.line_num}\0${line}`).slice(0, 10)}`,
          line: d.line_num,
          category: benignCategory(categoryOf(finding.rule, [line])),
          label: 'benign',
          text: line,
        }),
      );
    }
  return [...out.values()];
}

async function main(): Promise<void> {
  const args = process.argv.slice(process.argv.findIndex((a) => a.endsWith('build-credsweeper.ts')) + 1);
  if (args.length > 0 && (args[0] !== '--repo' || !args[1]))
    throw new Error('usage: build-credsweeper.ts [--repo GIT_DIR]');
  const work = await mkdtemp(join(tmpdir(), 'sw-credsweeper-corpus-'));
  try {
    const paths = [source.samplesDir, source.withMl, source.filtersOnly, source.regexOnly, source.licenceFile];
    const tree = await checkoutAt(source, paths, join(work, 'tree'), { given: args[1], scratch: work });
    const json = async (path: string) => JSON.parse(await readFile(join(tree, path), 'utf8')) as Finding[];
    const [withMl, filtersOnly, regexOnly] = [
      await json(source.withMl),
      await json(source.filtersOnly),
      await json(source.regexOnly),
    ];
    await writeFile(
      join(root, 'test/fixtures/foreign-corpus/licences/credsweeper.txt'),
      await readFile(join(tree, source.licenceFile), 'utf8'),
    );
    const everyPath = [...withMl, ...regexOnly].flatMap((f) => f.line_data_list.map((d) => samplePath(d.path)));
    const texts = await readSamples(tree, everyPath);
    const earlier = await earlierText();
    const counts: Counts = { notCredential: 0, elsewhere: 0, placeholder: 0, shared: 0 };
    for (const [path, text] of texts)
      if (sharesText(text, earlier)) {
        texts.delete(path);
        counts.shared++;
      }
    const kept = [
      ...secretExamples(withMl, texts, counts),
      ...benignExamples(regexOnly, [...withMl, ...filtersOnly], texts),
    ].sort((a, b) => a.id.localeCompare(b.id));
    await writeFile(join(root, CREDSWEEPER_CORPUS_FILE), encodeForeignCorpus(kept));
    await writeFile(join(root, 'test/fixtures/foreign-corpus/credsweeper-index.tsv'), indexTsv(kept));
    console.log(
      `${kept.length} examples from ${texts.size} sample files; left out: ${counts.shared} files sharing text with a corpus, ` +
        `${counts.notCredential} findings of identifiers, ${counts.placeholder} placeholders, ${counts.elsewhere} not at their line`,
    );
    console.log(summary(kept, ['tuning']));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
