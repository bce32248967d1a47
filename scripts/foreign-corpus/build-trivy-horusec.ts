// Builds more tuning data (test/fixtures/foreign-corpus/trivy-horusec.bin, trivy-horusec-index.tsv)
// from two more scanners: the files aquasecurity/trivy's secret-scanner test reads with the findings
// it expects in each, and the vulnerable and safe samples of ZupIT/horusec's leak rules with the
// lines its test expects. Every example is `tuning`; both were added after the held-out part and
// the fresh corpus were fixed.
//
//   node scripts/run-ts.mjs scripts/foreign-corpus/build-trivy-horusec.ts [--trivy GIT_DIR] [--horusec GIT_DIR]
//
// Without a GIT_DIR the project is cloned from GitHub (blobless). Run twice, it writes the same bytes.
//
// Labels, fixed before `scan` was measured on any of it:
//  - trivy, scope: the cases of `TestSecretScanner` run with trivy's default rules (config
//    `skip-test.yaml`, or `config.yaml`, which adds one test rule of its own).
//    secret: the line range of each expected finding of a built-in rule (an id of builtin-rules.go;
//    the test rule's findings are no label). One example per file and category, the whole file as
//    trivy's test reads it (CRs removed), other lines unlabelled.
//    benign: a file such a case expects nothing in (`want: types.Secret{}`: trivy judged the text;
//    a file skipped for its path keeps its path in `want` and is no label), the whole file.
//  - horusec, scope: every rule of `TestRulesVulnerableCode` but those reporting identifiers
//    (client ids of Facebook, Twitter, LinkedIn). secret: the lines its test expects (`Line:`) in
//    the rule's vulnerable sample, other lines unlabelled; benign: the rule's safe sample
//    (`TestRulesSafeCode`: no finding), whole, unless one of its lines is a labelled line of any
//    vulnerable sample (benign must mean benign to every rule).
//  - left out: identifiers (a finding of a rule whose id ends in `-id`, but AWS's access key id,
//    which the main corpus labels a secret as gitleaks does); placeholders written as secrets (a
//    labelled line with one character ten times in a row, eight in alphabet order, or `EXAMPLE`);
//    and every example that shares a line, or a token of 16 characters or more, with an example of
//    the held-out part of corpus.bin or of fresh.bin (compared here, unread), so that nothing held
//    out or fresh is tuned on through a copy, or whose whole text is an example of any stored corpus.
//    (Lines shared with tuning data only — `environment:`, `package main` — are no reason to drop one.)
//  - categories from the rule: aws, github, gitlab, slack, stripe, jwt, private-key by name; a
//    password rule (horusec's hard-coded password and wp-config, trivy's Maven passwords) →
//    password; a password in a URL → url-credentials; horusec's generic credential → generic;
//    every other provider → vendor.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkoutAt } from './checkout.js';
import {
  encodeForeignCorpus,
  loadCredSweeperCorpus,
  loadExtraCorpus,
  loadForeignCorpus,
  loadFreshCorpus,
  TRIVY_HORUSEC_CORPUS_FILE,
  type ForeignCategory,
  type ForeignExample,
} from '../../src/scanner/corpus/foreign.js';
import { EXTRA_SOURCES } from './sources.js';
import { alphabetRun, indexTsv, summary } from './shape.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const trivy = EXTRA_SOURCES.trivy;
const horusec = EXTRA_SOURCES.horusec;
const DEFAULT_CONFIGS = new Set(['skip-test.yaml', 'config.yaml']);
const HORUSEC_IDENTIFIERS = new Set(['NewFacebookClientID', 'NewTwitterClientID', 'NewLinkedInClientID']);

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const isPlaceholder = (text: string) => /(\S)\1{9,}|EXAMPLE/.test(text) || alphabetRun(text);
const TOKEN_SPLIT = /[\s'"`=:,;()<>[\]{}]+/;

function categoryOf(rule: string): ForeignCategory {
  const name = rule.toLowerCase();
  if (/url/.test(name)) return 'url-credentials';
  if (/password|passphrase|wpconfig|maven-settings/.test(name)) return 'password';
  if (/credentialgeneric/.test(name)) return 'generic';
  if (/jwt/.test(name)) return 'jwt';
  if (/private-?key/.test(name)) return 'private-key';
  for (const vendor of ['aws', 'github', 'gitlab', 'slack', 'stripe'] as const)
    if (name.includes(vendor)) return vendor;
  return 'vendor';
}

/**
 * Lines and long tokens of every example never tuned on (the held-out part of corpus.bin, fresh.bin),
 * and the whole texts of every stored example: an example holding one is left out.
 */
async function earlierText(): Promise<{ lines: Set<string>; tokens: Set<string>; texts: Set<string> }> {
  const lines = new Set<string>();
  const tokens = new Set<string>();
  const main = await loadForeignCorpus(root);
  const fresh = await loadFreshCorpus(root);
  const tuning = [...(await loadExtraCorpus(root)), ...(await loadCredSweeperCorpus(root))];
  for (const example of [...main.filter((e) => e.split === 'held-out'), ...fresh])
    for (const line of example.text.split('\n')) {
      if (line.trim().length >= 8) lines.add(line.trim());
      for (const token of line.split(TOKEN_SPLIT)) if (token.length >= 16) tokens.add(token);
    }
  return { lines, tokens, texts: new Set([...main, ...fresh, ...tuning].map((e) => e.text.trim())) };
}

const sharesText = (text: string, earlier: { lines: Set<string>; tokens: Set<string>; texts: Set<string> }) =>
  earlier.texts.has(text.trim()) ||
  text
    .split('\n')
    .some(
      (line) =>
        earlier.lines.has(line.trim()) ||
        line.split(TOKEN_SPLIT).some((token) => token.length >= 16 && earlier.tokens.has(token)),
    );

/** Labelled ranges that are not placeholders (a range with a placeholder line is left out). */
const realRanges = (text: string, ranges: Array<[number, number]>) => {
  const lines = text.split('\n');
  return ranges.filter(([start, end]) => !lines.slice(start - 1, end).some(isPlaceholder));
};

interface Raw {
  source: 'trivy' | 'horusec';
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
    id: `${raw.source}-${sha256(`${raw.unit}\0${raw.category}\0${label}`).slice(0, 10)}`,
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

/** Block of Go source from `start` to the close of the brace opened there; braces in strings do not count. */
function braceBlock(source: string, start: number): string {
  let depth = 0;
  for (let i = source.indexOf('{', start); i < source.length; i++) {
    const c = source[i];
    if (c === '"') while (++i < source.length && source[i] !== '"') i += source[i] === '\\' ? 1 : 0;
    else if (c === '`') i = source.indexOf('`', i + 1);
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return source.slice(start, i + 1);
  }
  return source.slice(start);
}

interface Expected {
  rule: string;
  start: number;
  end: number;
}

const findingsIn = (block: string): Expected[] =>
  [...block.matchAll(/RuleID:\s*"([^"]+)"[\s\S]*?StartLine:\s*(\d+),\s*EndLine:\s*(\d+)/g)].map((m) => ({
    rule: m[1]!,
    start: Number(m[2]),
    end: Number(m[3]),
  }));

/** trivy: file → expected findings of the cases run with its default rules (`benign` when none). */
function trivyCases(test: string, builtin: Set<string>): Map<string, Expected[] | 'benign'> {
  const named = new Map<string, Expected[]>();
  for (const m of test.matchAll(/(\w+) := types\.SecretFinding\{/g))
    named.set(m[1]!, findingsIn(braceBlock(test, m.index)));
  const body = test.slice(
    test.indexOf('func TestSecretScanner('),
    test.indexOf('func TestSecretScannerWithStreaming('),
  );
  const byFile = new Map<string, Expected[] | 'benign'>();
  for (const m of body.matchAll(/\n\t\t\{\n\t\t\tname:/g)) {
    const block = braceBlock(body, m.index + 3);
    const config = /configPath:\s*filepath\.Join\("testdata", "([^"]+)"\)/.exec(block)?.[1];
    const file = /inputFilePath:\s*(?:filepath\.Join\("testdata", "([^"]+)"\)|"testdata\/([^"]+)")/.exec(block);
    if (!config || !DEFAULT_CONFIGS.has(config) || !file) continue;
    const path = file[1] ?? file[2]!;
    if (/want:\s*types\.Secret\{\}/.test(block)) {
      if (!byFile.has(path)) byFile.set(path, 'benign');
      continue;
    }
    const list = /Findings:\s*\[\]types\.SecretFinding\{([\s\S]*)/.exec(block)?.[1] ?? '';
    const expected = [
      ...findingsIn(list),
      ...[...list.matchAll(/\b(\w+)\b/g)].flatMap((n) => named.get(n[1]!) ?? []),
    ].filter((f) => builtin.has(f.rule) && (!f.rule.endsWith('-id') || f.rule === 'aws-access-key-id'));
    const earlier = byFile.get(path);
    byFile.set(path, [...(Array.isArray(earlier) ? earlier : []), ...expected]);
  }
  return byFile;
}

async function trivyExamples(tree: string): Promise<Raw[]> {
  const read = (path: string) => readFile(join(tree, path), 'utf8');
  const builtin = new Set([...(await read(trivy.rulesFile)).matchAll(/\bID:\s*"([^"]+)"/g)].map((m) => m[1]!));
  const out: Raw[] = [];
  for (const [file, expected] of trivyCases(await read(trivy.testFile), builtin)) {
    const path = `${trivy.testdataDir}/${file}`;
    const text = (await read(path)).replace(/\r/g, '');
    const base = { source: 'trivy' as const, path, unit: path, name: basename(file), text };
    if (expected === 'benign') {
      out.push({ ...base, category: 'generic', secrets: [] });
      continue;
    }
    const byCategory = new Map<ForeignCategory, Array<[number, number]>>();
    for (const f of expected) {
      const ranges = byCategory.get(categoryOf(f.rule)) ?? [];
      if (!ranges.some(([s, e]) => s === f.start && e === f.end)) ranges.push([f.start, f.end]);
      byCategory.set(categoryOf(f.rule), ranges);
    }
    for (const [category, ranges] of byCategory) {
      const secrets = realRanges(text, ranges).sort((a, b) => a[0] - b[0]);
      if (secrets.length) out.push({ ...base, category, secrets });
    }
  }
  return out;
}

async function horusecExamples(tree: string): Promise<Raw[]> {
  const samplesText = await readFile(join(tree, horusec.samplesFile), 'utf8');
  const samples = new Map([...samplesText.matchAll(/\t(Sample\w+) = `([^`]*)`/g)].map((m) => [m[1]!, m[2]!]));
  const test = await readFile(join(tree, horusec.testFile), 'utf8');
  const vulnerable = test.slice(test.indexOf('func TestRulesVulnerableCode('), test.indexOf('func TestRulesSafeCode('));
  const safe = test.slice(test.indexOf('func TestRulesSafeCode('));
  const out: Raw[] = [];
  const labelledLines = new Set<string>();
  const ruleCategory = new Map<string, ForeignCategory>();
  for (const m of vulnerable.matchAll(/\n\t\t\{\n\t\t\tName:/g)) {
    const block = braceBlock(vulnerable, m.index + 3);
    const [name, rule, src] = ['Name:\\s*"([^"]+)"', 'Rule:\\s*(\\w+)\\(\\)', 'Src:\\s*(\\w+)'].map(
      (p) => new RegExp(p).exec(block)?.[1],
    );
    const text = src && samples.get(src);
    if (!name || !rule || !text || HORUSEC_IDENTIFIERS.has(rule)) continue;
    const lines = [...new Set([...block.matchAll(/\bLine:\s*(\d+)/g)].map((l) => Number(l[1])))].sort((a, b) => a - b);
    const category = categoryOf(rule.replace(/^New/, ''));
    ruleCategory.set(name, category);
    for (const n of lines) labelledLines.add(text.split('\n')[n - 1]!.trim());
    const secrets = realRanges(
      text,
      lines.map((n) => [n, n] as [number, number]),
    );
    const unit = `${horusec.samplesFile}#${src}`;
    if (secrets.length)
      out.push({ source: 'horusec', path: horusec.samplesFile, unit, name: `${name}.test`, category, text, secrets });
  }
  for (const m of safe.matchAll(/\n\t\t\{\n\t\t\tName:/g)) {
    const block = braceBlock(safe, m.index + 3);
    const name = /Name:\s*"([^"]+)"/.exec(block)?.[1];
    const src = /Src:\s*(\w+)/.exec(block)?.[1];
    const text = src && samples.get(src);
    const category = name && ruleCategory.get(name);
    if (!text || !category || text.split('\n').some((l) => l.trim() && labelledLines.has(l.trim()))) continue;
    const unit = `${horusec.samplesFile}#${src}`;
    out.push({ source: 'horusec', path: horusec.samplesFile, unit, name: `${name}.test`, category, text, secrets: [] });
  }
  return out;
}

function parseArgs(): { trivy?: string; horusec?: string } {
  const args = process.argv.slice(process.argv.findIndex((a) => a.endsWith('build-trivy-horusec.ts')) + 1);
  const given: { trivy?: string; horusec?: string } = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]?.replace(/^--/, '');
    if ((name !== 'trivy' && name !== 'horusec') || !args[i + 1])
      throw new Error('usage: build-trivy-horusec.ts [--trivy GIT_DIR] [--horusec GIT_DIR]');
    given[name] = args[i + 1];
  }
  return given;
}

async function main(): Promise<void> {
  const given = parseArgs();
  const work = await mkdtemp(join(tmpdir(), 'sw-trivy-horusec-corpus-'));
  try {
    const trivyTree = await checkoutAt(
      trivy,
      [trivy.testdataDir, trivy.testFile, trivy.rulesFile, trivy.licenceFile],
      join(work, 'trivy'),
      { given: given.trivy, scratch: work },
    );
    const horusecTree = await checkoutAt(
      horusec,
      [horusec.samplesFile, horusec.testFile, horusec.licenceFile],
      join(work, 'horusec'),
      { given: given.horusec, scratch: work },
    );
    const licences = 'test/fixtures/foreign-corpus/licences';
    await writeFile(join(root, licences, 'trivy.txt'), await readFile(join(trivyTree, trivy.licenceFile), 'utf8'));
    await writeFile(
      join(root, licences, 'horusec.txt'),
      await readFile(join(horusecTree, horusec.licenceFile), 'utf8'),
    );
    const earlier = await earlierText();
    const raw = [...(await trivyExamples(trivyTree)), ...(await horusecExamples(horusecTree))];
    const kept = raw
      .filter((r) => !sharesText(r.text, earlier))
      .map(toExample)
      .sort((a, b) => a.id.localeCompare(b.id));
    await writeFile(join(root, TRIVY_HORUSEC_CORPUS_FILE), encodeForeignCorpus(kept));
    await writeFile(join(root, 'test/fixtures/foreign-corpus/trivy-horusec-index.tsv'), indexTsv(kept));
    for (const source of ['trivy', 'horusec'])
      console.log(
        `${source}: ${kept.filter((e) => e.source === source).length} examples kept, ` +
          `${raw.filter((r) => r.source === source).length - kept.filter((e) => e.source === source).length} left out sharing text with a corpus`,
      );
    console.log(summary(kept, ['tuning']));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
