// Builds more tuning data (test/fixtures/foreign-corpus/gitguardian-earlybird-octarine.bin and its
// index) from three more scanners: the documents GitGuardian's scanning API was sent in the recorded
// test sessions (cassettes) of GitGuardian/ggshield and GitGuardian/py-gitguardian, with the policy
// breaks the API answered; the test tables of americanexpress/earlybird that give a line and whether
// earlybird reports it; and the detector tests of octarinesec/secret-detector (a text and whether the
// detector must report it). Every example is `tuning`; all were added after the held-out part and
// the fresh corpus were fixed.
//
//   node scripts/run-ts.mjs scripts/foreign-corpus/build-gitguardian-earlybird-octarine.ts \
//     [--ggshield GIT_DIR] [--pygitguardian GIT_DIR] [--earlybird GIT_DIR] [--octarine GIT_DIR]
//
// Without a GIT_DIR the project is cloned from GitHub (blobless). Run twice, it writes the same bytes.
//
// Labels, fixed before `scan` was measured on any of it:
//  - GitGuardian (both projects), scope: every POST to the scanning API (`/v1/scan`, `/v1/multiscan`)
//    answered with 200. secret: the lines of each policy break of the "Secrets detection" policy,
//    from the first line of its first match to the last line of its last match (a break made of
//    parts, user and password, is one secret); one example per document and category, the whole
//    document as sent, other lines unlabelled. benign: a document the API found no policy break in,
//    whole. Left out: documents holding a NUL byte (a binary file to every scanner).
//  - earlybird, scope: the tables of `Test_scanLine` (a line, `wantIsHit`), the JWT and Basic
//    header tables (a text, `isSecret`), and the tables of its password checks (`PasswordFalse`,
//    `SkipPasswordWithUnicode`, `SkipPasswordWithHTMLEntities`, `SkipSameKeyValue`: the text of a
//    finding, `wantIgnore`). secret: a line it reports or a finding it keeps; benign: a line it does
//    not report or a finding it drops. One example per row, the whole text as one line.
//    Left out: the JWT table's negative (an expired token: a test of an expiry check, not of
//    whether the text is harmless); rows of the password tables that are no `key: value` or
//    `key = value` with a word for a secret in the key (a bare value, judged after a rule had read
//    its key elsewhere); a benign row whose text is part of a secret row's text.
//  - secret-detector, scope: every `[]tests.TestCase` table of `pkg/detectors/*/*_test.go` whose
//    input is a literal. secret: a row that must be detected; benign: a row that must not, for the
//    detectors that judge whether a text is a credential (keyword, URL password, Basic and Bearer
//    headers, JWT). Left out: the negatives of the format and entropy detectors (a key one character
//    short, a prefix in the wrong case, an entropy just under a threshold: tests of where a pattern
//    or a threshold stops, as in step 2 of corpus.bin), empty inputs, and a benign row whose text is
//    part of a secret row's text. One example per row, the whole text (a multi-line text is one
//    secret from its first line to its last).
//  - all: placeholders written as secrets (a labelled line with one character ten times in a row,
//    eight in alphabet order, or `EXAMPLE`) are left out; the same text with the same label is kept
//    once; and every example that shares a line, or a token of 16 characters or more, with the
//    held-out part of corpus.bin or with fresh.bin (compared here, unread), or whose whole text is
//    an example of any stored corpus, is left out.
//  - categories: GitGuardian's detector type (`RSA Private Key` → private-key, `Basic Auth String`
//    and connection URIs → url-credentials, `… Password`, `… Assignment` of a database → password,
//    JWT, AWS, GitHub, GitLab, Slack, Stripe by name, `Generic High Entropy Secret` → generic, every
//    other provider → vendor); earlybird's JWT table → jwt, its Basic header table → password, a
//    row whose key names a password → password, any other row → generic; secret-detector's
//    detector: aws (not MWS), github, slack, stripe, jwt, private-key by name, URL password →
//    url-credentials, Basic header → password, keyword → password when the key names one, else
//    generic, Bearer header and high entropy → generic, every other provider → vendor.
//
// awslabs/git-secrets was read for this round too and gave nothing: its tests hold AWS's
// documentation keys (`…EXAMPLE`) and word stand-ins (`foobaz`, `Bernard`) for its credentials-file
// provider, no credential-shaped text.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { checkoutAt } from './checkout.js';
import {
  encodeForeignCorpus,
  GITGUARDIAN_EARLYBIRD_OCTARINE_CORPUS_FILE,
  loadCredSweeperCorpus,
  loadExtraCorpus,
  loadTrivyHorusecCorpus,
  type ForeignCategory,
  type ForeignExample,
} from '../../src/scanner/corpus/foreign.js';
import { EXTRA_SOURCES } from './sources.js';
import { earlierText, sharesText } from './overlap.js';
import { alphabetRun, indexTsv, summary } from './shape.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
type Source = 'ggshield' | 'pygitguardian' | 'earlybird' | 'octarine';
const SOURCE_NAMES: Source[] = ['ggshield', 'pygitguardian', 'earlybird', 'octarine'];

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const isPlaceholder = (text: string) => /(\S)\1{9,}|EXAMPLE/.test(text) || alphabetRun(text);

interface Raw {
  source: Source;
  path: string;
  unit: string;
  name: string;
  category: ForeignCategory;
  text: string;
  secrets: Array<[number, number]>;
}

function toExample(raw: Raw): ForeignExample {
  const from = EXTRA_SOURCES[raw.source];
  const label = raw.secrets.length ? 'secret' : 'benign';
  return {
    id: `${raw.source}-${sha256(`${raw.unit}\0${raw.category}\0${label}\0${raw.text}`).slice(0, 10)}`,
    source: raw.source,
    repo: from.repo,
    commit: from.commit,
    path: raw.path,
    line: 1,
    licence: from.licence,
    unit: raw.unit,
    category: raw.category,
    label,
    split: 'tuning',
    name: raw.name,
    text: raw.text,
    secrets: raw.secrets,
    othersUnlabelled: label === 'secret',
  };
}

function detectorCategory(type: string): ForeignCategory {
  const name = type.toLowerCase();
  if (/private key/.test(name)) return 'private-key';
  if (/basic auth|uri|url|connection string/.test(name)) return 'url-credentials';
  if (/jwt|json web token/.test(name)) return 'jwt';
  for (const vendor of ['aws', 'github', 'gitlab', 'slack', 'stripe'] as const)
    if (name.includes(vendor)) return vendor;
  if (/password|(mysql|postgres|mongo|sql).*assignment/.test(name)) return 'password';
  if (/generic/.test(name)) return 'generic';
  return 'vendor';
}

interface Match {
  match: string;
  index_start: number;
  line_start?: number;
  line_end?: number;
}
interface PolicyBreak {
  type: string;
  policy: string;
  matches: Match[];
}
interface ScanAnswer {
  policy_breaks?: PolicyBreak[];
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** The secret ranges of one answer, by category; an empty map for a document without a break. */
function breaksOf(text: string, answer: ScanAnswer): Map<ForeignCategory, Array<[number, number]>> {
  const byCategory = new Map<ForeignCategory, Array<[number, number]>>();
  for (const found of answer.policy_breaks ?? []) {
    if (found.policy.toLowerCase() !== 'secrets detection' || !found.matches.length) continue;
    const starts = found.matches.map((m) => m.line_start ?? lineOf(text, m.index_start));
    const ends = found.matches.map((m) => m.line_end ?? lineOf(text, m.index_start + m.match.length - 1));
    const range: [number, number] = [Math.min(...starts), Math.max(...ends)];
    const category = detectorCategory(found.type);
    const ranges = byCategory.get(category) ?? [];
    if (!ranges.some(([s, e]) => s === range[0] && e === range[1])) ranges.push(range);
    byCategory.set(category, ranges);
  }
  return byCategory;
}

async function cassetteExamples(source: 'ggshield' | 'pygitguardian', tree: string): Promise<Raw[]> {
  const dir = EXTRA_SOURCES[source].cassetteDir;
  const out: Raw[] = [];
  for (const file of (await readdir(join(tree, dir))).filter((f) => f.endsWith('.yaml')).sort()) {
    const path = `${dir}/${file}`;
    const cassette = parse(await readFile(join(tree, path), 'utf8')) as {
      interactions?: Array<{
        request: { method: string; uri: string; body: unknown };
        response: { status: { code: number }; body: { string: string } };
      }>;
    };
    for (const { request, response } of cassette.interactions ?? []) {
      if (request.method !== 'POST' || !/\/v1\/(multi)?scan\b/.test(request.uri) || response.status.code !== 200)
        continue;
      const sent = JSON.parse(String(request.body)) as unknown;
      const answered = JSON.parse(response.body.string) as unknown;
      const documents = (Array.isArray(sent) ? sent : [sent]) as Array<{ filename?: string; document: string }>;
      const answers = (Array.isArray(answered) ? answered : [answered]) as ScanAnswer[];
      documents.forEach((document, i) => {
        const text = document.document.replace(/\r/g, '');
        const answer = answers[i];
        if (!answer || text.includes('\0')) return;
        const name = basename(document.filename?.replace(/^commit:\/\/\w+\//, '') || 'document');
        const base = { source, path, unit: `${path}#${i}`, name, text };
        const breaks = breaksOf(text, answer);
        if (!answer.policy_breaks?.length) out.push({ ...base, category: 'generic', secrets: [] });
        for (const [category, ranges] of breaks) {
          const lines = text.split('\n');
          const secrets = ranges
            .filter(([start, end]) => !lines.slice(start - 1, end).some(isPlaceholder))
            .sort((a, b) => a[0] - b[0]);
          if (secrets.length) out.push({ ...base, category, secrets });
        }
      });
    }
  }
  return out;
}

/** A Go string literal's value: "…" with Go's escapes (JSON's, for the literals these tests use) or `…` raw. */
const goString = (literal: string) =>
  literal.startsWith('`') ? literal.slice(1, -1) : (JSON.parse(literal) as string);
const GO_STRING = '("(?:[^"\\\\\\n]|\\\\.)*"|`[^`]*`)';

interface Row {
  table: string;
  text: string;
  secret: boolean;
}

/** Rows of a table written as `field: "…"` … `flag: bool`; `secretWhen` is the flag's value for a secret. */
function namedRows(source: string, table: string, field: string, flag: string, secretWhen: boolean): Row[] {
  const pattern = new RegExp(`\\b${field}:\\s*${GO_STRING}[\\s\\S]*?\\b${flag}:\\s*(true|false)`, 'g');
  return [...source.matchAll(pattern)].map((m) => ({
    table,
    text: goString(m[1]!),
    secret: (m[2] === 'true') === secretWhen,
  }));
}

/** Rows of a table written as `{ "name", "text", bool }`. */
function positionalRows(source: string, table: string): Row[] {
  const pattern = new RegExp(`\\{\\s*${GO_STRING},\\s*${GO_STRING},\\s*(true|false),?\\s*\\}`, 'g');
  return [...source.matchAll(pattern)].map((m) => ({ table, text: goString(m[2]!), secret: m[3] === 'true' }));
}

const SECRET_KEY = /^\s*"?[\w.-]*(pass|pwd|secret|token|key)[\w.-]*"?\s*[:=]\s*\S/i;

async function earlybirdExamples(tree: string): Promise<Raw[]> {
  const [scan, jwt, basic, password, sameKey] = await Promise.all(
    EXTRA_SOURCES.earlybird.testFiles.map((f) => readFile(join(tree, f), 'utf8')),
  );
  const rows: Array<Row & { path: string }> = [
    ...namedRows(scan!, 'scanLine', 'LineValue', 'wantIsHit', true).map((r) => ({
      ...r,
      path: 'pkg/scan/scan_test.go',
    })),
    ...positionalRows(jwt!, 'jwt')
      .filter((r) => r.secret)
      .map((r) => ({ ...r, path: 'pkg/postprocess/jwt_test.go' })),
    ...positionalRows(basic!, 'basic').map((r) => ({ ...r, path: 'pkg/postprocess/basicAuthHeader_test.go' })),
    ...[
      ...namedRows(password!, 'password', 'testPD', 'wantIgnore', false),
      ...namedRows(password!, 'password', 'password', 'wantIgnore', false),
    ]
      .filter((r) => SECRET_KEY.test(r.text))
      .map((r) => ({ ...r, path: 'pkg/postprocess/validatePassword_test.go' })),
    ...namedRows(sameKey!, 'sameKey', 'lineValue', 'wantIgnore', false)
      .filter((r) => SECRET_KEY.test(r.text))
      .map((r) => ({ ...r, path: 'pkg/postprocess/skipSameKeyValue_test.go' })),
  ];
  const secretTexts = rows.filter((r) => r.secret).map((r) => r.text);
  return rows
    .filter((r) => r.secret || !secretTexts.some((t) => t.includes(r.text)))
    .filter((r) => !(r.secret && isPlaceholder(r.text)))
    .map((r) => ({
      source: 'earlybird' as const,
      path: r.path,
      unit: `${r.path}#${r.table}#${sha256(r.text).slice(0, 12)}`,
      name: 'example.txt',
      category:
        r.table === 'jwt'
          ? 'jwt'
          : r.table === 'basic' || /^\s*"?[\w.-]*(pass|pwd)/i.test(r.text)
            ? 'password'
            : 'generic',
      text: r.text,
      secrets: r.secret ? [[1, 1]] : [],
    }));
}

/** Detectors of secret-detector whose negatives judge a text, not where a pattern stops. */
const JUDGING_DETECTORS = new Set(['keyword', 'url_password', 'basic_auth', 'bearer_auth', 'jwt']);

function octarineCategory(detector: string, text: string): ForeignCategory {
  if (detector === 'url_password') return 'url-credentials';
  if (detector === 'basic_auth') return 'password';
  const namesPassword = /^\W*[\w.-]*(pass|pwd)/i.test(text);
  if (detector === 'keyword') return namesPassword ? 'password' : 'generic';
  if (detector === 'bearer_auth' || detector === 'high_entropy_string') return 'generic';
  if (detector === 'private_key') return 'private-key';
  if (detector === 'jwt') return 'jwt';
  for (const vendor of ['aws', 'github', 'slack', 'stripe'] as const)
    if (detector.startsWith(vendor) && !detector.startsWith('aws_mws')) return vendor;
  return 'vendor';
}

async function octarineExamples(tree: string): Promise<Raw[]> {
  const dir = EXTRA_SOURCES.octarine.detectorsDir;
  const rows: Array<Row & { path: string; detector: string }> = [];
  for (const folder of (await readdir(join(tree, dir))).sort())
    for (const file of (await readdir(join(tree, dir, folder))).filter((f) => f.endsWith('_detector_test.go')).sort()) {
      const path = `${dir}/${folder}/${file}`;
      const detector = file.replace(/_detector_test\.go$/, '').replace(/^mws_key$/, 'aws_mws_key');
      const source = await readFile(join(tree, path), 'utf8');
      for (const row of positionalRows(source, detector)) rows.push({ ...row, path, detector });
    }
  const secretTexts = rows.filter((r) => r.secret).map((r) => r.text);
  return rows
    .filter((r) => r.text.trim() !== '')
    .filter((r) => r.secret || (JUDGING_DETECTORS.has(r.detector) && !secretTexts.some((t) => t.includes(r.text))))
    .filter((r) => !(r.secret && isPlaceholder(r.text)))
    .map((r) => ({
      source: 'octarine' as const,
      path: r.path,
      unit: `${r.path}#${sha256(r.text).slice(0, 12)}`,
      name: 'example.txt',
      category: octarineCategory(r.detector, r.text),
      text: r.text,
      secrets: r.secret ? [[1, r.text.split('\n').length]] : [],
    }));
}

function parseArgs(): Partial<Record<Source, string>> {
  const args = process.argv.slice(
    process.argv.findIndex((a) => a.endsWith('build-gitguardian-earlybird-octarine.ts')) + 1,
  );
  const given: Partial<Record<Source, string>> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]?.replace(/^--/, '') as Source;
    if (!SOURCE_NAMES.includes(name) || !args[i + 1])
      throw new Error(
        'usage: build-gitguardian-earlybird-octarine.ts [--ggshield DIR] [--pygitguardian DIR] [--earlybird DIR] [--octarine DIR]',
      );
    given[name] = args[i + 1];
  }
  return given;
}

async function main(): Promise<void> {
  const given = parseArgs();
  const work = await mkdtemp(join(tmpdir(), 'sw-gitguardian-earlybird-octarine-corpus-'));
  try {
    const trees = {} as Record<Source, string>;
    for (const source of SOURCE_NAMES) {
      const from = EXTRA_SOURCES[source];
      const paths =
        'cassetteDir' in from ? [from.cassetteDir] : 'testFiles' in from ? [...from.testFiles] : [from.detectorsDir];
      trees[source] = await checkoutAt(from, [...paths, from.licenceFile], join(work, source), {
        given: given[source],
        scratch: work,
      });
      await writeFile(
        join(root, 'test/fixtures/foreign-corpus/licences', `${source}.txt`),
        await readFile(join(trees[source], from.licenceFile), 'utf8'),
      );
    }
    const earlier = await earlierText(root, [
      ...(await loadExtraCorpus(root)),
      ...(await loadCredSweeperCorpus(root)),
      ...(await loadTrivyHorusecCorpus(root)),
    ]);
    const raw = [
      ...(await cassetteExamples('ggshield', trees.ggshield)),
      ...(await cassetteExamples('pygitguardian', trees.pygitguardian)),
      ...(await earlybirdExamples(trees.earlybird)),
      ...(await octarineExamples(trees.octarine)),
    ];
    const seen = new Set<string>();
    const kept = raw
      .filter((r) => !sharesText(r.text, earlier))
      .map(toExample)
      .sort((a, b) => a.id.localeCompare(b.id))
      .filter((e) => {
        const key = `${e.label}\0${e.category}\0${e.text}`;
        return !seen.has(key) && Boolean(seen.add(key));
      });
    await writeFile(join(root, GITGUARDIAN_EARLYBIRD_OCTARINE_CORPUS_FILE), encodeForeignCorpus(kept));
    await writeFile(
      join(root, 'test/fixtures/foreign-corpus/gitguardian-earlybird-octarine-index.tsv'),
      indexTsv(kept),
    );
    for (const source of SOURCE_NAMES) {
      const mine = raw.filter((r) => r.source === source);
      console.log(
        `${source}: ${kept.filter((e) => e.source === source).length} examples kept of ${mine.length} ` +
          `(${mine.filter((r) => sharesText(r.text, earlier)).length} sharing text with a corpus, the rest repeats)`,
      );
    }
    console.log(summary(kept, ['tuning']));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
