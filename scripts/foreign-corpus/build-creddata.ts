// Builds more tuning data (test/fixtures/foreign-corpus/creddata.bin and creddata-index.tsv) from
// Samsung/CredData: lines of public repositories that its authors reviewed by hand and labelled. The
// lines are read from each repository at the commit CredData pins (its own copies are obfuscated).
// Every example is `tuning`; all were added after the held-out part and the fresh corpus were fixed.
//
//   node scripts/run-ts.mjs scripts/foreign-corpus/build-creddata.ts [--repo OWNER/NAME=GIT_DIR ...]
//
// Without a GIT_DIR a project (CredData itself or one of CREDDATA_REPOS) is cloned from GitHub. Run twice, it writes the same bytes.
//
// Labels, fixed before `scan` was measured on any of it:
//  - scope: the repositories of CREDDATA_REPOS (sources.ts), the rows of their meta file whose
//    category names a credential. Left out: rows whose every category is UUID, Nonce, Salt,
//    Firebase Domain, AWS S3 Bucket, Tencent WeChat API App ID, JWK or Other (identifiers, public
//    values, not credentials), rows marked as a public key, files CredData itself skips (`.xml`).
//  - label: CredData's `T` → secret; `F` → benign; `X` (a test value, an example, a placeholder in
//    CredData's ground rules) → left out. A line range labelled F that a T row of the same file
//    overlaps is left out (benign means benign).
//  - text: the labelled lines with 3 lines of context on each side, from the file at the pinned
//    commit; the file name is the file's own (its extension steers scanners). For a secret the
//    context lines are unlabelled (a finding there counts neither way); for a benign example too
//    (`unlabelledLines`), so only the F lines can make a false positive. Left out: windows over
//    8,000 characters (minified files), files over 500 kB (data dumps) and files with a NUL byte.
//  - placeholders written as secrets (a labelled line with one character ten times in a row, eight
//    in alphabet order, or `EXAMPLE`) are left out; the same text with the same label is kept once;
//    every example that shares a line, or a token of 16 characters or more, with the held-out part
//    of corpus.bin or with fresh.bin (compared here, unread), or whose whole text is an example of
//    any stored corpus, is left out.
//  - at most 15 examples per repository, category and label, evenly spaced in (path, line) order,
//    so that one repository's long test table does not outweigh the rest.
//  - categories from CredData's category (first match): PEM/BASE64 private keys → private-key,
//    JSON Web Token → jwt, AWS Client ID / AWS Multi → aws, Slack, Stripe, GitHub, GitLab by name,
//    URL Credentials and CURL User Password → url-credentials, any category naming a Password,
//    `CMD ConvertTo-SecureString` and Basic Authorization → password, Secret, Token, Key, API,
//    Auth, Credential, Bearer Authorization, CMD Secret/Token, OTP / 2FA Secret, NTLM Token →
//    generic, every other provider → vendor.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { checkoutAt } from './checkout.js';
import {
  CREDDATA_CORPUS_FILE,
  encodeForeignCorpus,
  loadCredSweeperCorpus,
  loadExtraCorpus,
  loadGitGuardianEarlybirdOctarineCorpus,
  loadTrivyHorusecCorpus,
  type ForeignCategory,
  type ForeignExample,
} from '../../src/scanner/corpus/foreign.js';
import { CREDDATA_REPOS, CREDDATA_SOURCE } from './sources.js';
import { earlierText, sharesText } from './overlap.js';
import { alphabetRun, indexTsv, summary } from './shape.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONTEXT = 3;
const PER_GROUP = 15;
const MAX_WINDOW = 8000;
const MAX_FILE = 500_000;
const OUT_OF_SCOPE = new Set([
  'UUID',
  'Nonce',
  'Salt',
  'Firebase Domain',
  'AWS S3 Bucket',
  'Tencent WeChat API App ID',
  'JWK',
  'Other',
]);
const GENERIC = new Set([
  'Secret',
  'Token',
  'Key',
  'API',
  'Auth',
  'Credential',
  'Bearer Authorization',
  'CMD Secret',
  'CMD Token',
  'OTP / 2FA Secret',
  'NTLM Token',
]);

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const isPlaceholder = (text: string) => /(\S)\1{9,}|EXAMPLE/.test(text) || alphabetRun(text);

function categoryOf(labels: string[]): ForeignCategory | undefined {
  const any = (test: (c: string) => boolean) => labels.some(test);
  if (labels.every((c) => OUT_OF_SCOPE.has(c))) return undefined;
  if (any((c) => /Private Key/.test(c))) return 'private-key';
  if (any((c) => c === 'JSON Web Token')) return 'jwt';
  if (any((c) => c === 'AWS Client ID' || c === 'AWS Multi')) return 'aws';
  for (const vendor of ['slack', 'stripe', 'github', 'gitlab'] as const)
    if (any((c) => c.toLowerCase().startsWith(vendor))) return vendor;
  if (any((c) => c === 'URL Credentials' || c === 'CURL User Password')) return 'url-credentials';
  if (any((c) => /Password/.test(c) || c === 'CMD ConvertTo-SecureString' || c === 'Basic Authorization'))
    return 'password';
  if (any((c) => GENERIC.has(c))) return 'generic';
  return any((c) => !OUT_OF_SCOPE.has(c)) ? 'vendor' : undefined;
}

interface Row {
  fileId: string;
  start: number;
  end: number;
  truth: string;
  categories: string[];
  publicKey: boolean;
}

/** CredData's meta rows (no field of these files holds a comma or a quote). */
function metaRows(csv: string): Row[] {
  const [header, ...lines] = csv.trim().split('\n');
  const columns = header!.split(',');
  const at = (name: string) => columns.indexOf(name);
  return lines.map((line) => {
    const cells = line.replace(/\r$/, '').split(',');
    return {
      fileId: cells[at('FileID')]!,
      start: Number(cells[at('LineStart')]),
      end: Number(cells[at('LineEnd')]),
      truth: cells[at('GroundTruth')]!,
      categories: cells[at('Category')]!.split(':'),
      publicKey: cells[at('CryptographyKey')] === 'Public',
    };
  });
}

/** The meta file of a repository: named by the CRC-32 of its snapshot key (download_data.py). */
function metaFileOf(snapshot: Record<string, string>, repo: string, commit: string): string {
  const key = Object.keys(snapshot).find((k) => k.startsWith(commit) && snapshot[k] === `https://github.com/${repo}`);
  if (!key) throw new Error(`${repo}@${commit} is not in CredData's snapshot`);
  const crc = crc32(Buffer.from(key, 'hex')).toString(16).padStart(8, '0');
  return `${CREDDATA_SOURCE.metaDir}/${crc}.csv`;
}

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/**
 * Paths of a tree by CredData's file id: the first 8 hex digits of SHA-256 of the path. Files over
 * MAX_FILE bytes are left out (data dumps, not code), and so is any file the clone lacks (a partial
 * mirror leaves out its largest files).
 */
async function filesById(gitDir: string, commit: string): Promise<Map<string, string>> {
  const { stdout } = await execa('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-l', '-z', commit], {
    env: { GIT_NO_LAZY_FETCH: '1' },
  });
  const byId = new Map<string, string>();
  for (const entry of stdout.split('\0').filter(Boolean)) {
    const [meta, path] = entry.split('\t') as [string, string];
    const [mode, , , size] = meta.split(/\s+/);
    if (!mode!.startsWith('100') || path.endsWith('.xml') || !/^\d+$/.test(size!) || Number(size) > MAX_FILE) continue;
    byId.set(sha256(path).slice(0, 8), path);
  }
  return byId;
}

type Source = (typeof CREDDATA_REPOS)[number];

async function repoExamples(source: Source, rows: Row[], gitDir: string, out: string): Promise<ForeignExample[]> {
  const byId = await filesById(gitDir, source.commit);
  const labelled = rows.filter((r) => (r.truth === 'T' || r.truth === 'F') && !r.publicKey && byId.has(r.fileId));
  const paths = [...new Set(labelled.map((r) => byId.get(r.fileId)!))].sort();
  const tree = await checkoutAt(source, paths, out, { given: gitDir, scratch: out });
  const examples: ForeignExample[] = [];
  for (const path of paths) {
    const content = await readFile(join(tree, path), 'utf8');
    if (content.includes('\0')) continue;
    const lines = content.replace(/\r\n?/g, '\n').split('\n');
    const mine = labelled.filter((r) => byId.get(r.fileId) === path);
    const trueRanges = mine.filter((r) => r.truth === 'T');
    for (const row of mine) {
      const category = categoryOf(row.categories);
      if (!category || row.start < 1 || row.end < row.start || row.end > lines.length) continue;
      const secret = row.truth === 'T';
      if (!secret && trueRanges.some((t) => t.start <= row.end && row.start <= t.end)) continue;
      const labelledLines = lines.slice(row.start - 1, row.end);
      if (labelledLines.every((l) => !l.trim()) || (secret && labelledLines.some(isPlaceholder))) continue;
      const first = Math.max(1, row.start - CONTEXT);
      const last = Math.min(lines.length, row.end + CONTEXT);
      const text = lines.slice(first - 1, last).join('\n');
      if (text.length > MAX_WINDOW) continue;
      const range: [number, number] = [row.start - first + 1, row.end - first + 1];
      const context = Array.from({ length: last - first + 1 }, (_, i) => i + 1).filter(
        (n) => n < range[0] || n > range[1],
      );
      const label = secret ? 'secret' : 'benign';
      examples.push({
        id: `creddata-${sha256(`${source.repo}\0${path}\0${row.start}-${row.end}\0${category}\0${label}`).slice(0, 10)}`,
        source: 'creddata',
        repo: source.repo,
        commit: source.commit,
        path,
        line: row.start,
        licence: source.licence,
        unit: `${source.repo}/${path}#${row.start}-${row.end}`,
        category,
        label,
        split: 'tuning',
        name: basename(path),
        text,
        secrets: secret ? [range] : [],
        othersUnlabelled: secret,
        ...(secret ? {} : { unlabelledLines: context }),
      });
    }
  }
  return examples;
}

/** At most PER_GROUP of each repository, category and label, evenly spaced in (path, line) order. */
function capped(examples: ForeignExample[]): ForeignExample[] {
  const groups = new Map<string, ForeignExample[]>();
  for (const e of examples) {
    const key = `${e.repo}\0${e.category}\0${e.label}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()].flatMap((group) => {
    const sorted = group.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
    if (sorted.length <= PER_GROUP) return sorted;
    return Array.from({ length: PER_GROUP }, (_, i) => sorted[Math.floor((i * sorted.length) / PER_GROUP)]!);
  });
}

function parseArgs(): Map<string, string> {
  const args = process.argv.slice(process.argv.findIndex((a) => a.endsWith('build-creddata.ts')) + 1);
  const given = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const [name, dir] = (args[i + 1] ?? '').split('=');
    if (args[i] !== '--repo' || !name || !dir)
      throw new Error('usage: build-creddata.ts [--repo OWNER/NAME=GIT_DIR ...]');
    given.set(name, dir);
  }
  return given;
}

async function gitDirOf(repo: string, given: Map<string, string>, work: string): Promise<string> {
  const dir = given.get(repo);
  if (dir) return dir;
  const gitDir = join(work, `${repo.replace('/', '+')}.git`);
  await execa('git', ['clone', '--quiet', '--bare', `https://github.com/${repo}`, gitDir]);
  return gitDir;
}

async function main(): Promise<void> {
  const given = parseArgs();
  const work = await mkdtemp(join(tmpdir(), 'sw-creddata-corpus-'));
  const licences = join(root, 'test/fixtures/foreign-corpus/licences');
  try {
    const credData = await checkoutAt(
      CREDDATA_SOURCE,
      [CREDDATA_SOURCE.metaDir, CREDDATA_SOURCE.snapshotFile, CREDDATA_SOURCE.licenceFile],
      join(work, 'creddata'),
      { given: given.get(CREDDATA_SOURCE.repo), scratch: work },
    );
    await writeFile(
      join(licences, 'creddata.txt'),
      await readFile(join(credData, CREDDATA_SOURCE.licenceFile), 'utf8'),
    );
    const snapshot = JSON.parse(await readFile(join(credData, CREDDATA_SOURCE.snapshotFile), 'utf8')) as Record<
      string,
      string
    >;
    const earlier = await earlierText(root, [
      ...(await loadExtraCorpus(root)),
      ...(await loadCredSweeperCorpus(root)),
      ...(await loadTrivyHorusecCorpus(root)),
      ...(await loadGitGuardianEarlybirdOctarineCorpus(root)),
    ]);
    const all: ForeignExample[] = [];
    for (const source of CREDDATA_REPOS) {
      const rows = metaRows(await readFile(join(credData, metaFileOf(snapshot, source.repo, source.commit)), 'utf8'));
      const gitDir = await gitDirOf(source.repo, given, work);
      const out = join(work, source.repo.replace('/', '+'));
      const licence = await checkoutAt(source, [source.licenceFile], out, { given: gitDir, scratch: work });
      await writeFile(
        join(licences, `creddata-${source.repo.replace('/', '+')}.txt`),
        await readFile(join(licence, source.licenceFile), 'utf8'),
      );
      const mine = await repoExamples(source, rows, gitDir, out);
      const shared = mine.filter((e) => sharesText(e.text, earlier)).length;
      const seen = new Set(all.map((e) => `${e.label}\0${e.text}`));
      const kept = capped(
        mine.filter(
          (e) =>
            !sharesText(e.text, earlier) && !seen.has(`${e.label}\0${e.text}`) && seen.add(`${e.label}\0${e.text}`),
        ),
      );
      console.log(`${source.repo}: ${kept.length} kept of ${mine.length} (${shared} sharing text with a corpus)`);
      all.push(...kept);
    }
    all.sort((a, b) => a.id.localeCompare(b.id));
    await writeFile(join(root, CREDDATA_CORPUS_FILE), encodeForeignCorpus(all));
    await writeFile(join(root, 'test/fixtures/foreign-corpus/creddata-index.tsv'), indexTsv(all));
    console.log(summary(all, ['tuning']));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
