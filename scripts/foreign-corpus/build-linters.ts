// Builds more tuning data (test/fixtures/foreign-corpus/linters.bin and linters-index.tsv) from code
// linters that report hard-coded credentials: securego/gosec's G101 samples, PyCQA/bandit's
// hard-coded password example, nickdeis/eslint-plugin-no-secrets' RuleTester tables and the test
// data of advanced-security/secret-scanning-custom-patterns. Every example is `tuning`; all were
// added after the held-out part and the fresh corpus were fixed.
//
//   node scripts/run-ts.mjs scripts/foreign-corpus/build-linters.ts [--gosec GIT_DIR] [--bandit GIT_DIR]
//     [--eslint-no-secrets GIT_DIR] [--custom-patterns GIT_DIR]
//
// Without a GIT_DIR a project is cloned from GitHub (blobless). Run twice, it writes the same bytes.
//
// Labels, fixed before `scan` was measured on any of it (only labels per line or per value are taken;
// a count of findings per file is used only when the file has one candidate):
//  - gosec, `testutils/g101_samples.go`: every sample of one file (`{[]string{`…`}, N, gosec.NewConfig()}`).
//    A candidate is a string literal of 8 characters or more that is neither an import path nor an
//    argument on a `fmt.`/`println` line. N = 1 with exactly one candidate: secret, that literal's
//    line. N = 0: benign, the whole file, unless the sample silences gosec (`#nosec`, `gosec:disable`:
//    a test of suppression, not of judging). Anything else is left out. G117 (`g117_samples.go`) is
//    left out: it reports marshalling a struct with a secret-named field, no hard-coded value.
//  - bandit, `examples/hardcoded-passwords.py`: a comment `# Possible hardcoded password: 'V'` labels
//    the next line below it that holds V quoted: secret when V has 8 characters or more (shorter V,
//    `''` and None are left out: bandit reports any literal, a scanner of credentials need not); the
//    next code line after a `# ... but not:` comment is benign. One example per labelled line, that
//    line alone.
//
// Corrected after the first build, before any rule changed (both were slips of this script against
// the labels above, seen in the list of examples): bandit's first label sits above `class SomeClass:`,
// its value one line lower, and the first build took the class line; and the first build took every
// pattern of uri/, generic/ and vendors/, including those listed in NOT_CREDENTIAL_PATTERNS.
//  - eslint-plugin-no-secrets, `tests/lib/rules/no-secrets.ts`: the `code` of each case that is a
//    template literal or a top-level `const` template. `invalid` (the rule must report): secret, the
//    line holding the case's one string of 16 characters or more (left out with none or several).
//    `valid` with no options or `options: []`: benign, the whole code. Valid cases that are valid only
//    under an ignore option (`ignoreContent`, `ignoreIdentifiers`, `ignoreModules`, delimiters, case)
//    and cases whose code is computed (the regex sources) are left out.
//  - custom patterns: the `test.data` of every pattern in common/, configs/, database/, generic/,
//    jwt/, uri/ and vendors/ (credential patterns; pii/, rsa/ (truncated key frames) and
//    password_store/ (metadata) are no credentials, nor are the patterns that report a host, an
//    address, an e-mail, a UUID or an unpinned action: NOT_CREDENTIAL_PATTERNS): secret, the whole
//    text. The `expected` offsets into their sample files are not used this round.
//  - all: placeholders written as secrets (one character ten times in a row, eight in alphabet order,
//    or `EXAMPLE`) are left out; the same text with the same label is kept once; at most 12 examples
//    per source file and label, evenly spaced in file order; every example sharing a line (8
//    characters or more) or a token of 16 characters or more with the held-out part of corpus.bin or
//    with fresh.bin (compared here, unread), or whose whole text is an example of any stored corpus,
//    is left out.
//  - categories, from the labelled line: a URL with `user:password@` → url-credentials; `AKIA`/`ASIA`
//    keys → aws; `ghp_` → github; `eyJ…` three-part tokens → jwt; `AIza` and custom patterns of
//    vendors/ → vendor; a line naming a password (pass, passwd, pwd) or a Basic header → password;
//    anything else → generic.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { checkoutAt } from './checkout.js';
import {
  encodeForeignCorpus,
  loadCredDataCorpus,
  loadCredSweeperCorpus,
  loadExtraCorpus,
  loadGitGuardianEarlybirdOctarineCorpus,
  loadTrivyHorusecCorpus,
  loadTwomsCorpus,
  LINTERS_CORPUS_FILE,
  type ForeignCategory,
  type ForeignExample,
} from '../../src/scanner/corpus/foreign.js';
import { earlierText, sharesText } from './overlap.js';
import { PASSWORD_WORD } from './scope.js';
import { alphabetRun, indexTsv, summary } from './shape.js';
import { LINTER_SOURCES, type LinterSourceName } from './sources.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PER_GROUP = 12;
const CUSTOM_PATTERN_DIRS = ['common', 'configs', 'database', 'generic', 'jwt', 'uri', 'vendors'];
/** Custom patterns that report no credential: a pin check, UUIDs, internal hosts, e-mails and addresses. */
const NOT_CREDENTIAL_PATTERNS = new Set([
  'github_actions_sha_checker',
  'uuids',
  'hardcoded_internal_emails',
  'hardcoded_internal_urls',
  'any_ipv4_addresses',
  'ghcr_typos',
  'azure_sql_connection_string',
]);

/** One labelled text before it becomes an example: `secretLines` empty for benign. */
interface Row {
  source: LinterSourceName;
  path: string;
  line: number;
  name: string;
  text: string;
  secretLines: [number, number] | undefined;
  vendorHint?: boolean;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const isPlaceholder = (text: string) => /(\S)\1{9,}|EXAMPLE/.test(text) || alphabetRun(text);
const lineOf = (source: string, index: number) => source.slice(0, index).split('\n').length;

function categoryOf(text: string, vendorHint = false): ForeignCategory {
  if (/[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i.test(text)) return 'url-credentials';
  if (/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/.test(text)) return 'aws';
  if (/\bghp_[A-Za-z0-9]{36}\b/.test(text)) return 'github';
  if (/\beyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/.test(text)) return 'jwt';
  if (vendorHint || /\bAIza[\w-]{30,}/.test(text)) return 'vendor';
  if (PASSWORD_WORD.test(text) || /\bBasic [A-Za-z0-9+/=]{8,}/.test(text)) return 'password';
  return 'generic';
}

/** gosec: samples of one file with the count of issues they must report. */
function gosecRows(source: string, path: string): Row[] {
  const rows: Row[] = [];
  for (const m of source.matchAll(/\{\[\]string\{`([^`]*)`\}, (\d+), gosec\.NewConfig\(\)\}/g)) {
    const text = m[1]!.replace(/^\n/, '');
    const line = lineOf(source, m.index + m[0].indexOf('`') + 1) + 1;
    const count = Number(m[2]);
    if (count === 0) {
      if (!/#nosec|gosec:disable/.test(text))
        rows.push({ source: 'gosec', path, line, name: 'main.go', text, secretLines: undefined });
      continue;
    }
    if (count !== 1) continue;
    const candidates = text
      .split('\n')
      .flatMap((l, i) =>
        /^\s*(?:import\b|"[\w./-]+"\s*$)|fmt\.|println\(/.test(l)
          ? []
          : [...l.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].filter((s) => s[1]!.length >= 8).map(() => i + 1),
      );
    if (candidates.length === 1)
      rows.push({ source: 'gosec', path, line, name: 'main.go', text, secretLines: [candidates[0]!, candidates[0]!] });
  }
  return rows;
}

/** bandit: the line after each `# Possible hardcoded password: 'V'` comment run, or after `# ... but not:`. */
function banditRows(source: string, path: string): Row[] {
  const rows: Row[] = [];
  const lines = source.split('\n');
  let pending: { value: string | undefined; benign: boolean } | undefined;
  lines.forEach((raw, i) => {
    const comment = /^\s*#/.test(raw);
    const label = /^\s*# Possible hardcoded password: (?:'(.*)'|None)\s*$/.exec(raw);
    if (label) pending = { value: label[1], benign: false };
    else if (/^\s*# \.\.\. but not:/.test(raw)) pending = { value: undefined, benign: true };
    if (comment || raw.trim() === '' || !pending) return;
    const value = pending.value;
    if (value !== undefined && !raw.includes(`'${value}'`) && !raw.includes(`"${value}"`)) return;
    const text = raw.trim();
    if (pending.benign)
      rows.push({ source: 'bandit', path, line: i + 1, name: 'example.py', text, secretLines: undefined });
    else if (pending.value !== undefined && pending.value.length >= 8)
      rows.push({ source: 'bandit', path, line: i + 1, name: 'example.py', text, secretLines: [1, 1] });
    pending = undefined;
  });
  return rows;
}

/** eslint-plugin-no-secrets: the literal `code` of its valid and invalid cases. */
function eslintRows(source: string, path: string): Row[] {
  const consts = new Map<string, { text: string; index: number }>();
  for (const m of source.matchAll(/^const (\w+) =\s*`([^`]*)`;/gm)) consts.set(m[1]!, { text: m[2]!, index: m.index });
  const validAt = source.indexOf('valid: [');
  const invalidAt = source.indexOf('invalid: [');
  const rows: Row[] = [];
  const cases = [...source.matchAll(/\{\s*(?:\/\/[^\n]*\s*)?code:\s*(?:(\w+)|`([^`]*)`)\s*,([\s\S]*?)\n\s*\}/g)];
  for (const m of cases) {
    const valid = m.index > validAt && m.index < invalidAt;
    const invalid = m.index > invalidAt;
    if (!valid && !invalid) continue;
    const named = m[1] ? consts.get(m[1]) : undefined;
    const raw = named?.text ?? m[2];
    if (raw === undefined) continue;
    const text = raw.replace(/^\n/, '').replace(/\n\s*$/, '');
    if (text.trim() === '') continue;
    const line = lineOf(source, named?.index ?? m.index);
    if (valid) {
      if (/options:\s*\[\s*\]/.test(m[3]!) || !/options:/.test(m[3]!))
        rows.push({ source: 'eslint-no-secrets', path, line, name: 'example.js', text, secretLines: undefined });
      continue;
    }
    const long = text
      .split('\n')
      .flatMap((l, i) => ([...l.matchAll(/["'`]([^"'`\n]{16,})["'`]/g)].length ? [i + 1] : []));
    if (long.length === 1)
      rows.push({
        source: 'eslint-no-secrets',
        path,
        line,
        name: 'example.js',
        text,
        secretLines: [long[0]!, long[0]!],
      });
  }
  return rows;
}

/** Custom patterns: the `test.data` of each credential pattern. */
async function customPatternRows(tree: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const dir of CUSTOM_PATTERN_DIRS) {
    const path = `${dir}/patterns.yml`;
    const source = await readFile(join(tree, path), 'utf8');
    const doc = parse(source) as { patterns?: Array<{ type: string; test?: unknown }> };
    for (const pattern of doc.patterns ?? []) {
      if (NOT_CREDENTIAL_PATTERNS.has(pattern.type)) continue;
      const tests = Array.isArray(pattern.test) ? pattern.test : [pattern.test];
      for (const test of tests as Array<{ data?: unknown } | undefined>) {
        if (typeof test?.data !== 'string') continue;
        const text = test.data.replace(/\n$/, '');
        if (text.trim() === '') continue;
        const at = source.indexOf(`type: ${pattern.type}`);
        rows.push({
          source: 'custom-patterns',
          path,
          line: at < 0 ? 1 : lineOf(source, at),
          name: 'example.txt',
          text,
          secretLines: [1, text.split('\n').length],
          vendorHint: dir === 'vendors',
        });
      }
    }
  }
  return rows;
}

function toExample(row: Row): ForeignExample {
  const label = row.secretLines ? 'secret' : 'benign';
  const lines = row.text.split('\n');
  const labelled = row.secretLines ? lines.slice(row.secretLines[0] - 1, row.secretLines[1]).join('\n') : row.text;
  const category = categoryOf(labelled, row.vendorHint);
  const meta = LINTER_SOURCES[row.source];
  return {
    id: `${row.source}-${sha256(`${row.path}\0${category}\0${label}\0${row.name}\0${row.text}`).slice(0, 10)}`,
    source: row.source,
    repo: meta.repo,
    commit: meta.commit,
    path: row.path,
    line: row.line,
    licence: meta.licence,
    unit: row.path,
    category,
    label,
    split: 'tuning',
    name: row.name,
    text: row.text,
    secrets: row.secretLines ? [row.secretLines] : [],
    othersUnlabelled: false,
  };
}

function capped(examples: ForeignExample[]): ForeignExample[] {
  const groups = new Map<string, ForeignExample[]>();
  for (const e of examples) groups.set(`${e.unit}\0${e.label}`, [...(groups.get(`${e.unit}\0${e.label}`) ?? []), e]);
  return [...groups.values()].flatMap((group) => {
    const sorted = group.sort((a, b) => a.line - b.line || a.id.localeCompare(b.id));
    if (sorted.length <= PER_GROUP) return sorted;
    return Array.from({ length: PER_GROUP }, (_, i) => sorted[Math.floor((i * sorted.length) / PER_GROUP)]!);
  });
}

function parseArgs(): Partial<Record<LinterSourceName, string>> {
  const args = process.argv.slice(process.argv.findIndex((a) => a.endsWith('build-linters.ts')) + 1);
  const given: Partial<Record<LinterSourceName, string>> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]?.replace(/^--/, '') as LinterSourceName;
    if (!args[i]?.startsWith('--') || !(name in LINTER_SOURCES) || !args[i + 1])
      throw new Error(
        'usage: build-linters.ts [--gosec DIR] [--bandit DIR] [--eslint-no-secrets DIR] [--custom-patterns DIR]',
      );
    given[name] = args[i + 1];
  }
  return given;
}

async function main(): Promise<void> {
  const given = parseArgs();
  const work = await mkdtemp(join(tmpdir(), 'sw-linters-corpus-'));
  try {
    const trees = {} as Record<LinterSourceName, string>;
    for (const name of Object.keys(LINTER_SOURCES) as LinterSourceName[]) {
      const meta = LINTER_SOURCES[name];
      trees[name] = await checkoutAt(meta, [...meta.paths, meta.licenceFile], join(work, name), {
        given: given[name],
        scratch: work,
      });
      await writeFile(
        join(root, `test/fixtures/foreign-corpus/licences/${name}.txt`),
        await readFile(join(trees[name], meta.licenceFile), 'utf8'),
      );
    }
    const read = (name: LinterSourceName) => readFile(join(trees[name], LINTER_SOURCES[name].paths[0]), 'utf8');
    const rows = [
      ...gosecRows(await read('gosec'), LINTER_SOURCES.gosec.paths[0]),
      ...banditRows(await read('bandit'), LINTER_SOURCES.bandit.paths[0]),
      ...eslintRows(await read('eslint-no-secrets'), LINTER_SOURCES['eslint-no-secrets'].paths[0]),
      ...(await customPatternRows(trees['custom-patterns'])),
    ];
    const earlier = await earlierText(root, [
      ...(await loadExtraCorpus(root)),
      ...(await loadCredSweeperCorpus(root)),
      ...(await loadTrivyHorusecCorpus(root)),
      ...(await loadGitGuardianEarlybirdOctarineCorpus(root)),
      ...(await loadCredDataCorpus(root)),
      ...(await loadTwomsCorpus(root)),
    ]);
    const inScope = rows.filter((r) => !(r.secretLines && isPlaceholder(r.text)));
    const sharing = inScope.filter((r) => sharesText(r.text, earlier));
    const seen = new Set<string>();
    const kept = capped(
      inScope
        .filter((r) => !sharesText(r.text, earlier))
        .map(toExample)
        .filter((e) => {
          const key = `${e.label}\0${e.text}`;
          return !seen.has(key) && Boolean(seen.add(key));
        }),
    ).sort((a, b) => a.id.localeCompare(b.id));
    await writeFile(join(root, LINTERS_CORPUS_FILE), encodeForeignCorpus(kept));
    await writeFile(join(root, 'test/fixtures/foreign-corpus/linters-index.tsv'), indexTsv(kept));
    for (const name of Object.keys(LINTER_SOURCES))
      console.log(
        `${name}: ${rows.filter((r) => r.source === name).length} labelled, ` +
          `${inScope.filter((r) => r.source === name).length} no placeholder, ` +
          `${sharing.filter((r) => r.source === name).length} sharing text with held-out, fresh or stored data, ` +
          `${kept.filter((e) => e.source === name).length} kept`,
      );
    console.log(summary(kept, ['tuning']));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
